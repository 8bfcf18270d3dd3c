import { HttpStatus, Injectable } from '@nestjs/common';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { MembersService } from '../members/members.service';
import { PointsService } from './points.service';
import type { PointsEntryEntity } from './points.entities';

/** Merchant-side points operations: every manual change is audited in the same transaction. */
@Injectable()
export class AdminPointsService {
  constructor(
    private readonly points: PointsService,
    private readonly members: MembersService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async ledger(memberId: string, page: number, pageSize: number): Promise<Outcome<{ items: PointsEntryEntity[]; total: number; balance: number }>> {
    const member = await this.members.findById(memberId);
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const { items, total } = await this.points.ledgerPage(memberId, page, pageSize);
    return ok({ items, total, balance: member.pointsBalance });
  }

  adjust(admin: AdminPrincipal, memberId: string, delta: number, note: string): Promise<Outcome<PointsEntryEntity>> {
    return this.tx.run(async ({ em }) => {
      const ref = `adj-${newId()}`;
      const result = await this.points.apply(em, { memberId, delta, reason: 'admin_adjust', ref, note });
      if (!result.ok) return result;
      await this.audit.record(em, admin, {
        action: 'points.adjust',
        targetType: 'member',
        targetId: memberId,
        note,
        details: { delta, ref, balanceAfter: result.value.entry.balanceAfter },
      });
      return ok(result.value.entry);
    });
  }
}
