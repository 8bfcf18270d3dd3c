import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { TIER_CODES, TierCode, isTierCode } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { MembersService } from '../members/members.service';
import { CouponsService } from '../coupons/coupons.service';
import { CouponTemplateEntity, MemberCouponEntity } from '../coupons/coupon.entities';
import { TiersService } from '../tiers/tiers.service';
import { SettingsService } from '../settings/settings.service';
import { CHECKIN_SETTINGS_KEY, DEFAULT_CHECKIN_SETTINGS } from '../checkin/checkin-settings';
import { BannerEntity } from './banner.entity';
import { MemberDayService } from './member-day.service';
import { toBannerResponse } from './banner.mapper';
import type { MemberDayResponse } from './member-day.dto';

/** What a member sees of member day: whether it is today, the next one, banners, offers, the coupon. */
@Injectable()
export class MemberDayOverviewService {
  constructor(
    @InjectRepository(BannerEntity) private readonly banners: Repository<BannerEntity>,
    private readonly memberDay: MemberDayService,
    private readonly members: MembersService,
    private readonly coupons: CouponsService,
    private readonly tiers: TiersService,
    private readonly settings: SettingsService,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
  ) {}

  async overview(memberId: string): Promise<MemberDayResponse | null> {
    const member = await this.members.findById(memberId);
    if (!member) return null;
    const today = this.clock.today();
    const now = this.clock.now();
    const [settings, tierSettings, checkinSettings, isMemberDay, next] = await Promise.all([
      this.memberDay.settings(),
      this.tiers.settings(),
      this.settings.get(CHECKIN_SETTINGS_KEY, DEFAULT_CHECKIN_SETTINGS),
      this.memberDay.isMemberDay(today),
      this.memberDay.nextMemberDay(today),
    ]);
    const live = await this.banners.find({ where: { startsAt: LessThanOrEqual(now), endsAt: MoreThan(now) }, order: { sortOrder: 'ASC', createdAt: 'DESC' } });
    const visible = live.filter((b) => this.shows(b, member.tier, isMemberDay));
    const templateIds = Object.values(settings.couponTemplates).filter(Boolean) as string[];
    const templates = templateIds.length ? await this.banners.manager.findBy(CouponTemplateEntity, templateIds.map((id) => ({ id }))) : [];
    const myCouponId = settings.couponTemplates[member.tier];
    const claimed = myCouponId
      ? (await this.banners.manager.countBy(MemberCouponEntity, { templateId: myCouponId, memberId, source: 'member_day', sourceRef: today })) > 0
      : false;
    return {
      today,
      isMemberDay,
      nextMemberDay: next,
      checkinMultiplierPct: checkinSettings.memberDayMultiplierPct,
      banners: visible.map(toBannerResponse),
      offers: TIER_CODES.map((tier) => {
        const templateId = settings.couponTemplates[tier] ?? null;
        return {
          tier,
          pricePct: tierSettings.benefits[tier].memberDayPricePct,
          couponTemplateId: templateId,
          couponName: templates.find((t) => t.id === templateId)?.name ?? null,
          claimed: tier === member.tier && claimed,
        };
      }),
    };
  }

  /** Whether a live banner is for this member: their tier, and member day if it is marked so. */
  private shows(banner: BannerEntity, tier: TierCode, isMemberDay: boolean): boolean {
    const tiers = banner.tiers.split(',').filter(isTierCode);
    return (!banner.memberDayOnly || isMemberDay) && (!tiers.length || tiers.includes(tier));
  }

  /**
   * The coupon a banner offers, claimed from the banner: only while the member can see it, once
   * per banner (the wallet's source key), within the coupon's own limits.
   */
  async claimBanner(memberId: string, bannerId: string): Promise<Outcome<{ couponId: string; alreadyClaimed: boolean }>> {
    const member = await this.members.findById(memberId);
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const now = this.clock.now();
    const banner = await this.banners.findOneBy({ id: bannerId, startsAt: LessThanOrEqual(now), endsAt: MoreThan(now) });
    if (!banner || !this.shows(banner, member.tier, await this.memberDay.isMemberDay())) return fail('BANNER_NOT_FOUND', '活动已结束或不可参加', HttpStatus.NOT_FOUND);
    if (banner.targetType !== 'coupon') return fail('NOT_A_COUPON_BANNER', '该横幅没有可领取的优惠券', HttpStatus.CONFLICT);
    const source = { templateId: banner.targetValue, memberId, source: 'banner', sourceRef: banner.id };
    const before = await this.banners.manager.findOneBy(MemberCouponEntity, source);
    if (before) return ok({ couponId: before.id, alreadyClaimed: true });
    const issued = await this.tx.run(({ em }) => this.coupons.issue(em, source));
    if (!issued.ok) return issued;
    return ok({ couponId: issued.value.id, alreadyClaimed: false });
  }

  /** Today's member-day coupon for the member's tier, once per member day. */
  async claim(memberId: string): Promise<Outcome<{ couponId: string }>> {
    const today = this.clock.today();
    if (!(await this.memberDay.isMemberDay(today))) return fail('NOT_MEMBER_DAY', '今天不是会员日', HttpStatus.CONFLICT);
    const member = await this.members.findById(memberId);
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const templateId = (await this.memberDay.settings()).couponTemplates[member.tier];
    if (!templateId) return fail('NO_MEMBER_DAY_COUPON', '您的等级今天没有会员日优惠券', HttpStatus.NOT_FOUND);
    const issued = await this.tx.run(({ em }) => this.coupons.issue(em, { templateId, memberId, source: 'member_day', sourceRef: today }));
    if (!issued.ok) return issued;
    return ok({ couponId: issued.value.id });
  }
}
