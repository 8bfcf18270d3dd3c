import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, EntityManager, In, Repository } from 'typeorm';
import { currentStreak } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { TransactionRunner } from '../database/transaction-runner';
import { lockMemberRow } from '../database/locks';
import { SettingsService } from '../settings/settings.service';
import { MemberEntity, MemberWechatSessionEntity } from '../members/member.entity';
import { MEMBER_REGISTERED_EVENT, MemberRegisteredEvent } from '../members/members.service';
import { PointsService } from '../points/points.service';
import { CouponsService } from '../coupons/coupons.service';
import { CHECKIN_COMPLETED_EVENT, CheckinCompletedEvent } from '../checkin/checkin.service';
import { CheckinEntity } from '../checkin/checkin.entity';
import { ORDER_PAID_EVENT, OrderPaidEvent } from '../mall/orders.service';
import { ReferralEntity, ReferralState } from './referral.entity';
import { ReferralEventEntity } from './referral-event.entity';
import { newId } from '../common/ids';
import { DEFAULT_REFERRAL_SETTINGS, REFERRAL_SETTINGS_KEY, ReferralSettings } from './referral-settings';

/**
 * Invitations after binding (which happens at the friend's first login, see MembersService):
 * the friend's welcome pack at once, and the inviter's reward once per friend when the friend
 * completes the qualifying action — within a daily cap, and never when both share a phone.
 */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    @InjectRepository(ReferralEntity) private readonly referrals: Repository<ReferralEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly settingsStore: SettingsService,
    private readonly points: PointsService,
    private readonly coupons: CouponsService,
  ) {}

  settings(em?: EntityManager): Promise<ReferralSettings> {
    return this.settingsStore.get(REFERRAL_SETTINGS_KEY, DEFAULT_REFERRAL_SETTINGS, em);
  }

  @OnEvent(MEMBER_REGISTERED_EVENT, { promisify: true })
  async onRegistered(event: MemberRegisteredEvent): Promise<void> {
    if (!event.inviterId) return;
    await this.tx.run(async ({ em }) => {
      if (await em.findOneBy(ReferralEntity, { inviteeId: event.memberId })) return;
      const settings = await this.settings(em);
      await em.insert(ReferralEntity, {
        inviteeId: event.memberId,
        inviterId: event.inviterId!,
        state: 'bound',
        welcomePoints: 0,
        rewardPoints: 0,
        rewardDay: null,
        blockReason: null,
        boundAt: this.clock.now(),
        qualifiedAt: null,
      });
      let welcomePoints = 0;
      if (settings.welcomePack.points > 0) {
        const credited = await this.points.apply(em, { memberId: event.memberId, delta: settings.welcomePack.points, reason: 'welcome', ref: `welcome:${event.memberId}`, note: '新人礼' });
        if (credited.ok) welcomePoints = settings.welcomePack.points;
      }
      for (const templateId of settings.welcomePack.couponTemplateIds) {
        const issued = await this.coupons.issue(em, { templateId, memberId: event.memberId, source: 'referral', sourceRef: `welcome:${event.memberId}` });
        if (!issued.ok) this.logger.warn(`welcome coupon ${templateId} not issued: ${issued.code}`);
      }
      await em.update(ReferralEntity, { inviteeId: event.memberId }, { welcomePoints });
    });
  }

  @OnEvent(CHECKIN_COMPLETED_EVENT, { promisify: true })
  async onCheckin(event: CheckinCompletedEvent): Promise<void> {
    // Only invited members have an invitation to qualify: skip the lookup for everyone else.
    if (event.inviterId) await this.qualifyOn('first_checkin', event.memberId);
  }

  @OnEvent(ORDER_PAID_EVENT, { promisify: true })
  onOrderPaid(event: OrderPaidEvent): Promise<void> {
    return this.qualifyOn('first_paid_order', event.memberId);
  }

  /** Qualifies the member's invitation when `action` is the merchant's qualifying action. */
  private async qualifyOn(action: ReferralSettings['qualifyingAction'], memberId: string): Promise<void> {
    try {
      if ((await this.settings()).qualifyingAction === action) await this.qualify(memberId);
    } catch (error) {
      // The check-in or payment stands either way; qualifying is idempotent and can be retried.
      this.logger.error(`referral reward for ${memberId} failed: ${(error as Error).message}`);
    }
  }

  /** The friend did the qualifying action: reward the inviter once, within the day's cap. */
  async qualify(inviteeId: string): Promise<ReferralState | null> {
    // Most check-ins and orders are by members with no pending invitation: one key lookup, no transaction.
    const pending = await this.referrals.findOne({ where: { inviteeId }, select: { inviteeId: true, state: true } });
    if (!pending || pending.state !== 'bound') return pending?.state ?? null;
    return this.tx.run(async ({ em }) => {
      const referral = await em.findOneBy(ReferralEntity, { inviteeId });
      if (!referral || referral.state !== 'bound') return referral?.state ?? null;
      const settings = await this.settings(em);
      const today = this.clock.today();
      const now = this.clock.now();
      // Serializes one inviter's rewards, so the daily count below cannot be raced past.
      await lockMemberRow(em, referral.inviterId);
      const [inviter, invitee, inviterSession, inviteeSession] = await Promise.all([
        em.findOneBy(MemberEntity, { id: referral.inviterId }),
        em.findOneBy(MemberEntity, { id: inviteeId }),
        em.findOneBy(MemberWechatSessionEntity, { memberId: referral.inviterId }),
        em.findOneBy(MemberWechatSessionEntity, { memberId: inviteeId }),
      ]);
      let next: Partial<ReferralEntity>;
      if (inviter?.phone && invitee?.phone && inviter.phone === invitee.phone) {
        next = { state: 'blocked', blockReason: 'same_phone', qualifiedAt: now };
      } else if (inviterSession?.deviceFingerprint && inviterSession.deviceFingerprint === inviteeSession?.deviceFingerprint) {
        next = { state: 'blocked', blockReason: 'same_device', qualifiedAt: now };
      } else if ((await em.countBy(ReferralEntity, { inviterId: referral.inviterId, rewardDay: today, state: 'qualified' })) >= settings.dailyCapPerInviter) {
        next = { state: 'capped', qualifiedAt: now };
      } else {
        const reward = settings.inviterRewardPoints;
        if (reward > 0) {
          const credited = await this.points.apply(em, { memberId: referral.inviterId, delta: reward, reason: 'referral', ref: `referral:${inviteeId}`, note: '邀请好友奖励' });
          if (!credited.ok) throw new Error(`referral reward failed: ${credited.code}`);
        }
        next = { state: 'qualified', rewardPoints: reward, rewardDay: today, qualifiedAt: now };
      }
      const claimed = await em.update(ReferralEntity, { inviteeId, state: 'bound' }, next);
      if (!claimed.affected) throw new Error('referral settled twice');
      return next.state!;
    });
  }

  /** A member shared their invite (chat, timeline or poster): the funnel's first step. */
  async recordShare(memberId: string, channel: string): Promise<void> {
    await this.tx.write((em) => em.insert(ReferralEventEntity, { id: newId(), inviterId: memberId, kind: 'share', channel, day: this.clock.today(), createdAt: this.clock.now() }));
  }

  /** Someone opened a shared invite (before or after logging in); unknown codes are ignored. */
  async recordOpen(inviteCode: string, page: string): Promise<void> {
    const inviter = await this.referrals.manager.findOne(MemberEntity, { where: { inviteCode }, select: { id: true } });
    if (!inviter) return;
    await this.tx.write((em) => em.insert(ReferralEventEntity, { id: newId(), inviterId: inviter.id, kind: 'open', channel: page, day: this.clock.today(), createdAt: this.clock.now() }));
  }

  /** What a member is told on the invite page: the welcome pack, the reward and the limits. */
  async rules() {
    const settings = await this.settings();
    const coupons = await Promise.all(settings.welcomePack.couponTemplateIds.map((id) => this.coupons.findTemplate(id)));
    return {
      welcomePoints: settings.welcomePack.points,
      welcomeCoupons: coupons.filter((c) => c !== null).map((c) => c.name),
      inviterRewardPoints: settings.inviterRewardPoints,
      qualifyingAction: settings.qualifyingAction,
      dailyCapPerInviter: settings.dailyCapPerInviter,
      slogan: settings.poster.slogan,
    };
  }

  /** The member's invitations with each friend's nickname and avatar, newest first. */
  async invitationsOf(inviterId: string) {
    const rows = await this.referrals.find({ where: { inviterId }, order: { boundAt: 'DESC' }, take: 200 });
    const friends = rows.length ? await this.referrals.manager.findBy(MemberEntity, { id: In(rows.map((r) => r.inviteeId)) }) : [];
    const byId = new Map(friends.map((f) => [f.id, f]));
    return rows.map((r) => ({ referral: r, friend: byId.get(r.inviteeId)! }));
  }

  /** The member and their invitees ranked by current check-in streak (this month's check-ins). */
  async leaderboard(memberId: string) {
    const today = this.clock.today();
    const invitees = await this.referrals.find({ where: { inviterId: memberId }, take: 200 });
    const ids = [memberId, ...invitees.map((r) => r.inviteeId)];
    const members = await this.referrals.manager.findBy(MemberEntity, { id: In(ids) });
    const checkins = await this.referrals.manager.findBy(CheckinEntity, { memberId: In(ids), day: Between(`${today.slice(0, 7)}-01`, today) });
    const daysOf = new Map<string, Set<string>>();
    for (const c of checkins) (daysOf.get(c.memberId) ?? daysOf.set(c.memberId, new Set()).get(c.memberId)!).add(c.day);
    return members
      .map((m) => ({ member: m, streak: currentStreak(today, daysOf.get(m.id) ?? new Set()), checkinsThisMonth: daysOf.get(m.id)?.size ?? 0 }))
      .sort((a, b) => b.streak - a.streak || b.checkinsThisMonth - a.checkinsThisMonth || a.member.nickname.localeCompare(b.member.nickname));
  }
}
