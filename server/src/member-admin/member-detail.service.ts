import { HttpStatus, Injectable } from '@nestjs/common';
import { maskPhone } from '@mall/shared';
import { Outcome, fail, ok } from '../common/errors';
import { MembersService } from '../members/members.service';
import { TiersService } from '../tiers/tiers.service';
import { PointsService } from '../points/points.service';
import { toAdminPointsEntryResponse } from '../points/points.mapper';
import { CouponsService } from '../coupons/coupons.service';
import { toWalletCouponResponse } from '../coupons/coupons.mapper';
import { OrdersService } from '../mall/orders.service';
import { toOrderResponse } from '../mall/mall.mapper';
import { CheckinService } from '../checkin/checkin.service';
import { ReferralsService } from '../referrals/referrals.service';
import type { AdminMemberDetailResponse } from './member-detail.dto';

/** One member seen whole by the merchant, assembled from each domain's own service. */
@Injectable()
export class MemberDetailService {
  constructor(
    private readonly members: MembersService,
    private readonly tiers: TiersService,
    private readonly points: PointsService,
    private readonly coupons: CouponsService,
    private readonly orders: OrdersService,
    private readonly checkins: CheckinService,
    private readonly referrals: ReferralsService,
  ) {}

  async detail(memberId: string, month?: string): Promise<Outcome<AdminMemberDetailResponse>> {
    const m = await this.members.findById(memberId);
    if (!m) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const [history, ledger, wallet, orders, calendar, invitations, device] = await Promise.all([
      this.tiers.historyOf(memberId),
      this.points.ledgerPage(memberId, 1, 20),
      this.coupons.wallet(memberId),
      this.orders.mine(memberId, 1, 20),
      this.checkins.calendar(memberId, month),
      this.referrals.invitationsOf(memberId),
      this.members.deviceOf(memberId),
    ]);
    return ok({
      profile: {
        id: m.id,
        nickname: m.nickname,
        avatarUrl: m.avatarUrl,
        tier: m.tier,
        points: m.pointsBalance,
        phoneMasked: maskPhone(m.phone),
        birthday: m.birthday,
        inviteCode: m.inviteCode,
        inviterId: m.inviterId,
        joinedAt: m.joinedAt.toISOString(),
        lastActiveAt: m.lastActiveAt ? m.lastActiveAt.toISOString() : null,
      },
      tierHistory: history.map((h) => ({ fromTier: h.fromTier, toTier: h.toTier, reason: h.reason, growth12m: h.growth12m, createdAt: h.createdAt.toISOString() })),
      pointsLedger: ledger.items.map(toAdminPointsEntryResponse),
      pointsLedgerTotal: ledger.total,
      coupons: wallet.map((w) => toWalletCouponResponse(w.coupon, w.template, w.state)),
      orders: orders.items.map(toOrderResponse),
      ordersTotal: orders.total,
      checkinCalendar: calendar,
      invitations: invitations.map(({ referral, friend }) => ({
        friendId: referral.inviteeId,
        friendNickname: friend?.nickname ?? '',
        boundAt: referral.boundAt.toISOString(),
        state: referral.state,
        rewardPoints: referral.rewardPoints,
      })),
      devices: device ? [{ platform: device.platform, deviceFingerprint: device.deviceFingerprint, lastLoginAt: device.lastLoginAt.toISOString() }] : [],
    });
  }
}
