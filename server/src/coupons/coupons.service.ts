import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { isTierCode } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { MemberEntity } from '../members/member.entity';
import { CouponTemplateEntity, MemberCouponEntity } from './coupon.entities';

export interface IssueRequest {
  templateId: string;
  memberId: string;
  source: string;
  sourceRef: string;
}

export type IssueFailure = 'TEMPLATE_NOT_FOUND' | 'TEMPLATE_DISABLED' | 'TEMPLATE_EXPIRED' | 'TIER_NOT_ALLOWED' | 'SOLD_OUT' | 'MEMBER_LIMIT' | 'MEMBER_NOT_FOUND';
const DAY_MS = 86_400_000;

/**
 * The coupon wallet: every coupon is issued here, within the template's total and per-member
 * limits whatever the concurrency (template row locked, conditional count update).
 */
@Injectable()
export class CouponsService {
  constructor(
    @InjectRepository(MemberCouponEntity) private readonly coupons: Repository<MemberCouponEntity>,
    private readonly clock: ClockService,
  ) {}

  findTemplate(id: string): Promise<CouponTemplateEntity | null> {
    return this.coupons.manager.findOneBy(CouponTemplateEntity, { id });
  }

  /**
   * Spends an unused, currently valid coupon of the member's on an order, by conditional update (a
   * coupon is never used twice); returns its template's terms for pricing.
   */
  async useForOrder(em: EntityManager, memberId: string, couponId: string, orderRef: string): Promise<Outcome<CouponTemplateEntity>> {
    const coupon = await em.findOneBy(MemberCouponEntity, { id: couponId, memberId });
    const template = coupon && (await em.findOneBy(CouponTemplateEntity, { id: coupon.templateId }));
    const now = this.clock.now();
    if (!coupon || !template) return fail('COUPON_NOT_FOUND', '优惠券不存在', HttpStatus.NOT_FOUND);
    if (coupon.status !== 'unused' || coupon.validTo < now || coupon.validFrom > now) return fail('COUPON_UNAVAILABLE', '优惠券已使用或不在有效期内', HttpStatus.CONFLICT);
    const claimed = await em.update(MemberCouponEntity, { id: couponId, memberId, status: 'unused' }, { status: 'used', usedAt: now, usedRef: orderRef });
    if (!claimed.affected) return fail('COUPON_UNAVAILABLE', '优惠券已使用或不在有效期内', HttpStatus.CONFLICT);
    return ok(template);
  }

  /** Gives back a coupon the order had used (the order closed unpaid); once, and only that order's. */
  async restoreForOrder(em: EntityManager, couponId: string, orderRef: string): Promise<void> {
    await em.update(MemberCouponEntity, { id: couponId, status: 'used', usedRef: orderRef }, { status: 'unused', usedAt: null, usedRef: null });
  }

  async issue(em: EntityManager, req: IssueRequest): Promise<Outcome<MemberCouponEntity, IssueFailure>> {
    const lockSql = em.connection.options.type === 'mysql' ? 'SELECT id FROM coupon_templates WHERE id = ? FOR UPDATE' : 'SELECT id FROM coupon_templates WHERE id = ?';
    if (!(await em.query(lockSql, [req.templateId])).length) return fail('TEMPLATE_NOT_FOUND', '优惠券不存在', HttpStatus.NOT_FOUND);
    const template = await em.findOneByOrFail(CouponTemplateEntity, { id: req.templateId });
    const existing = await em.findOneBy(MemberCouponEntity, { templateId: req.templateId, memberId: req.memberId, source: req.source, sourceRef: req.sourceRef });
    if (existing) return ok(existing);

    const now = this.clock.now();
    if (template.status !== 'active') return fail('TEMPLATE_DISABLED', '优惠券已停用', HttpStatus.CONFLICT);
    if (template.validTo && template.validTo.getTime() <= now.getTime()) return fail('TEMPLATE_EXPIRED', '优惠券已过期', HttpStatus.CONFLICT);
    const member = await em.findOneBy(MemberEntity, { id: req.memberId });
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const tiers = template.tiers.split(',').filter(isTierCode);
    if (tiers.length && !tiers.includes(member.tier)) return fail('TIER_NOT_ALLOWED', '当前会员等级不能领取该优惠券', HttpStatus.FORBIDDEN);
    const held = await em.countBy(MemberCouponEntity, { templateId: req.templateId, memberId: req.memberId });
    if (held >= template.perMemberLimit) return fail('MEMBER_LIMIT', '已达到领取上限', HttpStatus.CONFLICT);
    const counted = await em
      .createQueryBuilder()
      .update(CouponTemplateEntity)
      .set({ issuedCount: () => 'issued_count + 1' })
      .where('id = :id AND (total_limit IS NULL OR issued_count < total_limit)', { id: req.templateId })
      .execute();
    if (!counted.affected) return fail('SOLD_OUT', '优惠券已领完', HttpStatus.CONFLICT);

    const validFrom = template.validDays ? now : (template.validFrom ?? now);
    const validTo = template.validDays ? new Date(now.getTime() + template.validDays * DAY_MS) : (template.validTo ?? new Date(now.getTime() + 365 * DAY_MS));
    const coupon = em.create(MemberCouponEntity, {
      id: newId(),
      templateId: req.templateId,
      memberId: req.memberId,
      status: 'unused',
      source: req.source,
      sourceRef: req.sourceRef,
      issuedAt: now,
      validFrom,
      validTo,
      usedAt: null,
      usedRef: null,
    });
    await em.insert(MemberCouponEntity, coupon);
    return ok(coupon);
  }

  /** The member's wallet with each coupon's effective state (an unused coupon past its end is expired). */
  async wallet(memberId: string): Promise<{ coupon: MemberCouponEntity; template: CouponTemplateEntity; state: 'unused' | 'used' | 'expired' }[]> {
    const rows = await this.coupons.find({ where: { memberId }, order: { issuedAt: 'DESC' }, take: 200 });
    if (!rows.length) return [];
    const templates = await this.coupons.manager.findBy(CouponTemplateEntity, rows.map((r) => ({ id: r.templateId })));
    const byId = new Map(templates.map((t) => [t.id, t]));
    const now = this.clock.now().getTime();
    return rows.map((coupon) => ({
      coupon,
      template: byId.get(coupon.templateId)!,
      state: coupon.status === 'unused' && coupon.validTo.getTime() <= now ? 'expired' : coupon.status,
    }));
  }
}
