import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { CouponsService } from '../coupons/coupons.service';
import { MallItemEntity } from './mall.entities';
import type { MallItemDto } from './mall.dto';

/** The catalog: what members see (on sale, in order) and what merchants edit (audited). */
@Injectable()
export class MallItemsService {
  constructor(
    @InjectRepository(MallItemEntity) private readonly items: Repository<MallItemEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly coupons: CouponsService,
  ) {}

  /** Listed items (including tier-only ones, which the app badges), optionally one category. */
  async listed(category?: string): Promise<MallItemEntity[]> {
    const now = this.clock.now();
    const rows = await this.items.find({ where: { status: 'on', ...(category ? { category } : {}) }, order: { sortOrder: 'ASC', createdAt: 'DESC', id: 'ASC' }, take: 200 });
    return rows.filter((i) => !i.saleEndsAt || i.saleEndsAt >= now);
  }

  async listedOne(id: string): Promise<Outcome<MallItemEntity>> {
    const item = await this.items.findOneBy({ id, status: 'on' });
    return item ? ok(item) : fail('ITEM_NOT_FOUND', '商品不存在或已下架', HttpStatus.NOT_FOUND);
  }

  all(): Promise<MallItemEntity[]> {
    return this.items.find({ order: { sortOrder: 'ASC', createdAt: 'DESC', id: 'ASC' } });
  }

  async create(admin: AdminPrincipal, dto: MallItemDto): Promise<Outcome<MallItemEntity>> {
    const invalid = await this.check(dto);
    if (invalid) return invalid;
    const now = this.clock.now();
    const item: MallItemEntity = { id: newId(), ...this.fields(dto), sold: 0, createdAt: now, updatedAt: now };
    await this.tx.run(async ({ em }) => {
      await em.insert(MallItemEntity, item);
      await this.audit.record(em, admin, { action: 'mall.item.create', targetType: 'mall_item', targetId: item.id, details: dto });
    });
    return ok(item);
  }

  async update(admin: AdminPrincipal, id: string, dto: MallItemDto): Promise<Outcome<MallItemEntity>> {
    const invalid = await this.check(dto);
    if (invalid) return invalid;
    return this.tx.run(async ({ em }) => {
      const current = await em.findOneBy(MallItemEntity, { id });
      if (!current) return fail('ITEM_NOT_FOUND', '商品不存在', HttpStatus.NOT_FOUND);
      // Stock is not overwritten by an edit (buyers may have taken some since the form loaded): adjustStock moves it.
      const { stock: _initialStock, ...fields } = this.fields(dto);
      await em.update(MallItemEntity, { id }, { ...fields, updatedAt: this.clock.now() });
      await this.audit.record(em, admin, { action: 'mall.item.update', targetType: 'mall_item', targetId: id, details: dto });
      return ok((await em.findOneBy(MallItemEntity, { id }))!);
    });
  }

  /** Adds to (or takes from) the stock by a conditional update: never below zero, whatever sells meanwhile. */
  async adjustStock(admin: AdminPrincipal, id: string, delta: number): Promise<Outcome<MallItemEntity>> {
    return this.tx.run(async ({ em }) => {
      const changed = await em
        .createQueryBuilder()
        .update(MallItemEntity)
        .set({ stock: () => `stock + ${delta}`, updatedAt: this.clock.now() })
        .where('id = :id AND stock + :delta >= 0', { id, delta })
        .execute();
      if (!changed.affected) {
        const exists = await em.findOneBy(MallItemEntity, { id });
        return exists ? fail('STOCK_TOO_LOW', `库存不足以减少 ${-delta} 件（当前 ${exists.stock}）`, HttpStatus.CONFLICT) : fail('ITEM_NOT_FOUND', '商品不存在', HttpStatus.NOT_FOUND);
      }
      await this.audit.record(em, admin, { action: 'mall.item.stock', targetType: 'mall_item', targetId: id, details: { delta } });
      return ok((await em.findOneBy(MallItemEntity, { id }))!);
    });
  }

  private fields(dto: MallItemDto) {
    return {
      kind: dto.kind,
      name: dto.name,
      description: dto.description ?? '',
      category: dto.category ?? '',
      imageUrls: dto.imageUrls ?? [],
      cashPriceFen: dto.cashPriceFen,
      pointsPrice: dto.pointsPrice,
      couponTemplateId: dto.kind === 'coupon' ? (dto.couponTemplateId ?? null) : null,
      stock: dto.stock,
      perMemberLimit: dto.perMemberLimit ?? 0,
      saleStartsAt: dto.saleStartsAt ? new Date(dto.saleStartsAt) : null,
      saleEndsAt: dto.saleEndsAt ? new Date(dto.saleEndsAt) : null,
      tiersAllowed: dto.tiersAllowed ?? [],
      sortOrder: dto.sortOrder ?? 0,
      status: dto.status ?? 'on',
    };
  }

  private async check(dto: MallItemDto): Promise<Extract<Outcome<never>, { ok: false }> | null> {
    if (dto.cashPriceFen === 0 && dto.pointsPrice === 0) return fail('PRICE_REQUIRED', '现金价和积分价至少填写一个');
    if (dto.kind === 'product' && dto.cashPriceFen === 0) return fail('PRICE_REQUIRED', '普通商品需要现金价');
    if (dto.kind === 'coupon' && !(dto.couponTemplateId && (await this.coupons.findTemplate(dto.couponTemplateId)))) return fail('COUPON_NOT_FOUND', '请选择要发放的优惠券');
    if (dto.saleStartsAt && dto.saleEndsAt && dto.saleStartsAt >= dto.saleEndsAt) return fail('BAD_SALE_WINDOW', '售卖结束时间须晚于开始时间');
    return null;
  }
}
