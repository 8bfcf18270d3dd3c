import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, EntityManager, Repository } from 'typeorm';
import { addDays, checkinPoints, currentStreak, isMemberDay, makeupRefusal, nextRewards, stepForStreak, streakOn } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { AppHttpError, Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { lockAndLoadMember } from '../database/locks';
import { findOneRow, insertRow, updateRows } from '../database/raw-rows';
import { TransactionRunner, Tx } from '../database/transaction-runner';
import { SettingsService } from '../settings/settings.service';
import { PointsService } from '../points/points.service';
import { CouponsService } from '../coupons/coupons.service';
import { TiersService } from '../tiers/tiers.service';
import { MemberDayService } from '../member-day/member-day.service';
import { CheckinEntity } from './checkin.entity';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CHECKIN_SETTINGS_KEY, CheckinSettings, DEFAULT_CHECKIN_SETTINGS } from './checkin-settings';

export const CHECKIN_COMPLETED_EVENT = 'checkin.completed';
export interface CheckinCompletedEvent {
  memberId: string;
  day: string;
  streak: number;
  /** Who invited the member, if anyone: most check-ins concern no invitation at all. */
  inviterId: string | null;
}

export interface CheckinReward {
  kind: 'points' | 'coupon';
  /** Points for `points`; for a coupon the label. */
  points?: number;
  label: string;
  reason: 'checkin' | 'streak_bonus';
  /** Set when a ladder coupon could not be issued (sold out, disabled…): why, for the member. */
  unavailable?: string;
}

export interface CheckinResult {
  date: string;
  streak: number;
  pointsAwarded: number;
  rewards: CheckinReward[];
  multipliers: { tierPct: number; dayPct: number; memberDay: boolean; holiday: boolean };
  alreadyCheckedIn: boolean;
}

const MAKEUP_MESSAGES = {
  FUTURE_DATE: '不能补签未来的日期',
  NOT_PAST: '今天请直接签到',
  OTHER_MONTH: '只能补签本月漏签的日期',
  ALREADY_CHECKED: '这一天已经签到过了',
  MONTHLY_LIMIT: '本月补签次数已用完',
} as const;

/**
 * Daily check-in: one per member per store day (a unique key, not check-then-insert), points by
 * the ladder with tier and member-day/holiday multipliers, ladder bonuses (points or a coupon),
 * growth for the tier, and paid make-ups that restore the streak.
 */
@Injectable()
export class CheckinService {
  private readonly logger = new Logger(CheckinService.name);

  constructor(
    @InjectRepository(CheckinEntity) private readonly checkins: Repository<CheckinEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly settingsStore: SettingsService,
    private readonly points: PointsService,
    private readonly coupons: CouponsService,
    private readonly tiers: TiersService,
    private readonly memberDay: MemberDayService,
    private readonly events: EventEmitter2,
  ) {}

  settings(em?: EntityManager): Promise<CheckinSettings> {
    return this.settingsStore.get(CHECKIN_SETTINGS_KEY, DEFAULT_CHECKIN_SETTINGS, em);
  }

  async checkIn(memberId: string): Promise<Outcome<CheckinResult>> {
    const today = this.clock.today();
    const existing = await findOneRow(this.checkins.manager, CheckinEntity, { memberId, day: today });
    if (existing) return ok(this.toResult(existing, true));
    try {
      return await this.tx.run((tx) => this.checkInTx(tx, memberId, today));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A simultaneous request checked in first: answer as a repeat.
      const winner = await this.checkins.findOneBy({ memberId, day: today });
      if (!winner) throw error;
      return ok(this.toResult(winner, true));
    }
  }

  private async checkInTx(tx: Tx, memberId: string, today: string): Promise<Outcome<CheckinResult>> {
    const { em } = tx;
    const settings = await this.settings(em);
    const tierSettings = await this.tiers.settings(em);
    const memberDay = await this.memberDay.isMemberDay(today, em);
    const previous = await findOneRow(em, CheckinEntity, { memberId, day: addDays(today, -1) });
    const streak = previous ? previous.streak + 1 : 1;
    const row = em.create(CheckinEntity, { id: newId(), memberId, day: today, kind: 'normal', streak, points: 0, rewards: '[]', createdAt: this.clock.now() });
    // The unique (member, day) key decides a race before anything is awarded.
    await insertRow(em, CheckinEntity, row);

    const member = await lockAndLoadMember(em, memberId);
    // Thrown, not returned: the check-in row inserted above must roll back with it.
    if (!member) throw new AppHttpError(HttpStatus.NOT_FOUND, 'MEMBER_NOT_FOUND', '会员不存在');
    const holiday = settings.holidays.includes(today);
    const tierPct = tierSettings.benefits[member.tier].checkinMultiplierPct;
    const dayPct = memberDay ? settings.memberDayMultiplierPct : holiday ? settings.holidayMultiplierPct : 100;
    const rewards: CheckinReward[] = [];
    let awarded = 0;

    const base = checkinPoints(settings.ladder.basePoints, tierPct, dayPct);
    if (base > 0) {
      await this.expectApplied(await this.points.apply(em, { memberId, delta: base, reason: 'checkin', ref: today }));
      rewards.push({ kind: 'points', points: base, label: `${base}积分`, reason: 'checkin' });
      awarded += base;
    }
    const step = stepForStreak(streak, settings.ladder);
    if (step?.points) {
      await this.expectApplied(await this.points.apply(em, { memberId, delta: step.points, reason: 'streak_bonus', ref: today, note: `连续签到${streak}天` }));
      rewards.push({ kind: 'points', points: step.points, label: step.label ?? `${step.points}积分`, reason: 'streak_bonus' });
      awarded += step.points;
    }
    if (step?.couponTemplateId) {
      const coupon = await this.coupons.issue(em, { templateId: step.couponTemplateId, memberId, source: 'checkin', sourceRef: today });
      const label = step.label ?? '优惠券';
      if (coupon.ok) rewards.push({ kind: 'coupon', label, reason: 'streak_bonus' });
      else {
        // The points still count; the merchant must refill or replace the ladder's coupon.
        this.logger.warn(`ladder coupon ${step.couponTemplateId} not issued to ${memberId} on day ${streak}: ${coupon.code}`);
        rewards.push({ kind: 'coupon', label, reason: 'streak_bonus', unavailable: coupon.message });
      }
    }
    if (tierSettings.activityGrowth.checkin > 0) {
      await this.tiers.addGrowth(tx, { memberId, delta: tierSettings.activityGrowth.checkin, reason: 'checkin', ref: today });
    }
    const event: CheckinCompletedEvent = { memberId, day: today, streak, inviterId: member.inviterId };
    // Awaited after commit: a referral reward for a first check-in is in place when the answer is.
    tx.afterCommit(() => this.events.emitAsync(CHECKIN_COMPLETED_EVENT, event).then(() => undefined));
    row.points = awarded;
    row.rewards = JSON.stringify(rewards);
    await updateRows(em, CheckinEntity, { id: row.id }, { points: awarded, rewards: row.rewards });
    return ok({ date: today, streak, pointsAwarded: awarded, rewards, multipliers: { tierPct, dayPct, memberDay, holiday }, alreadyCheckedIn: false });
  }

  private async expectApplied(result: Awaited<ReturnType<PointsService['apply']>>): Promise<void> {
    if (!result.ok) throw new Error(`check-in credit failed: ${result.code}`);
  }

  private toResult(row: CheckinEntity, already: boolean): CheckinResult {
    return {
      date: row.day,
      streak: row.streak,
      pointsAwarded: already ? 0 : row.points,
      rewards: already ? [] : JSON.parse(row.rewards),
      multipliers: { tierPct: 100, dayPct: 100, memberDay: false, holiday: false },
      alreadyCheckedIn: already,
    };
  }

  /** A paid make-up for a missed day of this month; later streaks are recomputed as if it was checked. */
  async makeup(memberId: string, date: string): Promise<Outcome<{ date: string; streak: number; pointsSpent: number }>> {
    const today = this.clock.today();
    const settings = await this.settings();
    const monthStart = `${today.slice(0, 7)}-01`;
    const monthRows = await this.checkins.findBy({ memberId, day: Between(monthStart, today) });
    const refusal = makeupRefusal(
      date,
      today,
      new Set(monthRows.map((r) => r.day)),
      monthRows.filter((r) => r.kind === 'makeup').length,
      settings.makeup,
    );
    if (refusal) return fail(refusal, MAKEUP_MESSAGES[refusal], refusal === 'MONTHLY_LIMIT' ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
    try {
      return await this.tx.run(async ({ em }) => {
        if (settings.makeup.costPoints > 0) {
          const spent = await this.points.apply(em, { memberId, delta: -settings.makeup.costPoints, reason: 'makeup', ref: date, note: `补签 ${date}` });
          if (!spent.ok) return spent.code === 'NOT_ENOUGH_POINTS' ? fail('NOT_ENOUGH_POINTS', `补签需要 ${settings.makeup.costPoints} 积分，积分不足`, HttpStatus.CONFLICT) : spent;
        }
        const madeUp = await em.countBy(CheckinEntity, { memberId, kind: 'makeup', day: Between(monthStart, today) });
        if (madeUp >= settings.makeup.maxPerMonth) throw new MakeupLimitReached();
        await em.insert(CheckinEntity, { id: newId(), memberId, day: date, kind: 'makeup', streak: 0, points: -settings.makeup.costPoints, rewards: '[]', createdAt: this.clock.now() });
        const streak = await this.recomputeStreaks(em, memberId, date, today);
        return ok({ date, streak, pointsSpent: settings.makeup.costPoints });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return fail('ALREADY_CHECKED', MAKEUP_MESSAGES.ALREADY_CHECKED, HttpStatus.BAD_REQUEST);
      if (error instanceof MakeupLimitReached) return fail('MONTHLY_LIMIT', MAKEUP_MESSAGES.MONTHLY_LIMIT, HttpStatus.CONFLICT);
      throw error;
    }
  }

  /** Rewrites the stored streak of `from` and the consecutive days after it; returns today's live streak. */
  private async recomputeStreaks(em: EntityManager, memberId: string, from: string, today: string): Promise<number> {
    const rows = await em.findBy(CheckinEntity, { memberId, day: Between(addDays(from, -400), today) });
    const checked = new Set(rows.map((r) => r.day));
    const byDay = new Map(rows.map((r) => [r.day, r]));
    for (let d = from; checked.has(d); d = addDays(d, 1)) {
      const streak = streakOn(d, checked);
      if (byDay.get(d)!.streak !== streak) await em.update(CheckinEntity, { id: byDay.get(d)!.id }, { streak });
    }
    return currentStreak(today, checked);
  }

  async calendar(memberId: string, requestedMonth?: string) {
    const today = this.clock.today();
    const month = requestedMonth ?? today.slice(0, 7);
    const settings = await this.settings();
    const first = `${month}-01`;
    const daysInMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const last = `${month}-${String(daysInMonth).padStart(2, '0')}`;
    const rows = await this.checkins.findBy({ memberId, day: Between(addDays(first < today ? first : today, -400), last > today ? last : today) });
    const checked = new Set(rows.map((r) => r.day));
    const kindOf = new Map(rows.map((r) => [r.day, r.kind]));
    const memberDaySettings = await this.memberDay.settings();
    const days = Array.from({ length: daysInMonth }, (_, i) => {
      const date = addDays(first, i);
      const state = kindOf.get(date) === 'normal' ? 'checked' : kindOf.get(date) === 'makeup' ? 'made_up' : date < today ? 'missed' : date === today ? 'today' : 'future';
      return { date, state: state as 'checked' | 'made_up' | 'missed' | 'today' | 'future', memberDay: isMemberDay(date, memberDaySettings.schedule) };
    });
    const streak = currentStreak(today, checked);
    const monthOfToday = today.slice(0, 7);
    const madeUp = rows.filter((r) => r.kind === 'makeup' && r.day.startsWith(monthOfToday)).length;
    return {
      month,
      today,
      checkedInToday: checked.has(today),
      streak,
      days,
      // "In N days" counts the next check-in as day 1: today if not yet checked in, else tomorrow.
      nextRewards: nextRewards(streak, settings.ladder).map((r) => ({
        inDays: r.inDays,
        day: r.step.day,
        points: r.step.points ?? 0,
        label: r.step.label ?? (r.step.points ? `${r.step.points}积分` : '优惠券'),
      })),
      makeup: { remaining: Math.max(0, settings.makeup.maxPerMonth - madeUp), costPoints: settings.makeup.costPoints },
      basePoints: settings.ladder.basePoints,
    };
  }
}

class MakeupLimitReached extends Error {}
