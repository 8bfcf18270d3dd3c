import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { lockMemberRow } from '../database/locks';
import { MemberAddressEntity } from './mall.entities';
import type { AddressDto } from './mall.dto';

const MAX_ADDRESSES = 20;

/** The member's address book; one default at most (the first one saved becomes it). */
@Injectable()
export class AddressesService {
  constructor(
    @InjectRepository(MemberAddressEntity) private readonly addresses: Repository<MemberAddressEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
  ) {}

  list(memberId: string): Promise<MemberAddressEntity[]> {
    return this.addresses.find({ where: { memberId }, order: { isDefault: 'DESC', createdAt: 'DESC' } });
  }

  save(memberId: string, dto: AddressDto, id?: string): Promise<Outcome<MemberAddressEntity>> {
    return this.tx.run(async ({ em }) => {
      await lockMemberRow(em, memberId);
      const count = await em.countBy(MemberAddressEntity, { memberId });
      const current = id ? await em.findOneBy(MemberAddressEntity, { id, memberId }) : null;
      if (id && !current) return fail('ADDRESS_NOT_FOUND', '地址不存在', HttpStatus.NOT_FOUND);
      if (!id && count >= MAX_ADDRESSES) return fail('TOO_MANY_ADDRESSES', `最多保存 ${MAX_ADDRESSES} 个地址`, HttpStatus.CONFLICT);
      // An edit that does not mention the default keeps it as it was; the first address becomes it.
      const isDefault = dto.isDefault ?? (current ? current.isDefault : count === 0);
      if (isDefault) {
        // By primary key: an UPDATE … WHERE member_id would take gap locks on that index and
        // deadlock with other members saving their first address at the same moment.
        const previous = await em.find(MemberAddressEntity, { where: { memberId, isDefault: true }, select: { id: true } });
        if (previous.length) await em.update(MemberAddressEntity, { id: In(previous.map((a) => a.id)) }, { isDefault: false });
      }
      const fields = { name: dto.name, phone: dto.phone, region: dto.region, detail: dto.detail, isDefault };
      const addressId = id ?? newId();
      if (id) await em.update(MemberAddressEntity, { id, memberId }, fields);
      else await em.insert(MemberAddressEntity, { id: addressId, memberId, ...fields, createdAt: this.clock.now() });
      return ok((await em.findOneBy(MemberAddressEntity, { id: addressId }))!);
    });
  }

  /** Deletes one of the member's addresses; when it was the default, the newest remaining one takes over. */
  remove(memberId: string, id: string): Promise<Outcome<true>> {
    return this.tx.run(async ({ em }) => {
      await lockMemberRow(em, memberId);
      const address = await em.findOneBy(MemberAddressEntity, { id, memberId });
      if (!address) return fail('ADDRESS_NOT_FOUND', '地址不存在', HttpStatus.NOT_FOUND);
      await em.delete(MemberAddressEntity, { id, memberId });
      if (address.isDefault) {
        const next = await em.findOne(MemberAddressEntity, { where: { memberId }, order: { createdAt: 'DESC', id: 'DESC' } });
        if (next) await em.update(MemberAddressEntity, { id: next.id }, { isDefault: true });
      }
      return ok(true as const);
    });
  }
}
