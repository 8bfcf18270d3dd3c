import { HttpStatus, Injectable } from '@nestjs/common';
import type { TierCode } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { MembersService } from '../members/members.service';
import { PointsService } from '../points/points.service';
import { TiersService } from '../tiers/tiers.service';
import { MemberDayService } from '../member-day/member-day.service';

export interface CheckoutTerms {
  tier: TierCode;
  balance: number;
  isMemberDay: boolean;
  memberDayPricePct: number;
  pointsPer5Yuan: number;
  maxShareOfCashPct: number;
}

/**
 * What the app needs to price a cart the way checkout will (`priceOrder` in shared): the member's
 * balance and tier, today's member-day price for that tier, and the points redemption rules.
 */
@Injectable()
export class CheckoutTermsService {
  constructor(
    private readonly members: MembersService,
    private readonly points: PointsService,
    private readonly tiers: TiersService,
    private readonly memberDay: MemberDayService,
    private readonly clock: ClockService,
  ) {}

  async forMember(memberId: string): Promise<Outcome<CheckoutTerms>> {
    const member = await this.members.findById(memberId);
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const [pointsSettings, tierSettings, isMemberDay] = await Promise.all([this.points.pointsSettings(), this.tiers.settings(), this.memberDay.isMemberDay(this.clock.today())]);
    const tier = member.tier as TierCode;
    return ok({
      tier,
      balance: member.pointsBalance,
      isMemberDay,
      memberDayPricePct: tierSettings.benefits[tier].memberDayPricePct,
      pointsPer5Yuan: pointsSettings.pointsPer5Yuan,
      maxShareOfCashPct: pointsSettings.maxShareOfCashPct,
    });
  }
}
