import { addDays } from '../time/store-calendar';

/** One step of the streak ladder: on day `day` of a streak, extra points and/or a coupon. */
export interface LadderStep {
  day: number;
  points?: number;
  couponTemplateId?: string;
  /** What the member is told, e.g. "10元优惠券". */
  label?: string;
}

export interface CheckinLadder {
  basePoints: number;
  steps: LadderStep[];
  /** After the last step the ladder starts again from day 1 (true) or only base points follow (false). */
  repeat: boolean;
}

export const DEFAULT_CHECKIN_LADDER: CheckinLadder = {
  basePoints: 5,
  steps: [
    { day: 7, points: 20, label: '20积分' },
    { day: 30, label: '10元优惠券' },
  ],
  repeat: true,
};

/** Null when usable; otherwise what is wrong, in words the merchant reads. */
export function validateLadder(l: CheckinLadder): string | null {
  if (!Number.isSafeInteger(l.basePoints) || l.basePoints < 0) return '每日基础积分必须是非负整数';
  const days = l.steps.map((s) => s.day);
  if (days.some((d) => !Number.isSafeInteger(d) || d < 1 || d > 366)) return '阶梯天数必须是 1 到 366 的整数';
  if (new Set(days).size !== days.length) return '阶梯天数不能重复';
  if (l.steps.some((s) => s.points !== undefined && (!Number.isSafeInteger(s.points) || s.points < 0))) return '阶梯积分必须是非负整数';
  if (l.steps.some((s) => !s.points && !s.couponTemplateId)) return '每一档都需要设置积分或优惠券';
  return null;
}

function cycleLength(l: CheckinLadder): number {
  return Math.max(0, ...l.steps.map((s) => s.day));
}

/** The ladder position of a streak day: with `repeat`, day 31 of a 30-day ladder is day 1 again. */
export function ladderDay(streak: number, l: CheckinLadder): number {
  const cycle = cycleLength(l);
  if (!l.repeat || cycle === 0 || streak <= cycle) return streak;
  return ((streak - 1) % cycle) + 1;
}

/** The step reached on this streak day, if any. */
export function stepForStreak(streak: number, l: CheckinLadder): LadderStep | null {
  const day = ladderDay(streak, l);
  return l.steps.find((s) => s.day === day) ?? null;
}

/** Upcoming steps with how many more days each needs ("再签 3 天得 20 积分"). */
export function nextRewards(streak: number, l: CheckinLadder, count = 3): { inDays: number; step: LadderStep }[] {
  const out: { inDays: number; step: LadderStep }[] = [];
  const horizon = Math.max(cycleLength(l) * 2, 1);
  for (let ahead = 1; ahead <= horizon && out.length < count; ahead++) {
    const step = stepForStreak(streak + ahead, l);
    if (step) out.push({ inDays: ahead, step });
  }
  return out;
}

/** Base points times the tier and member-day multipliers (integer percents), rounded down. */
export function checkinPoints(basePoints: number, tierPct: number, dayPct: number): number {
  return Math.floor((basePoints * tierPct * dayPct) / 10000);
}

/**
 * The streak on `day` given every checked day (normal or made up): the run of consecutive days
 * ending on it.
 */
export function streakOn(day: string, checkedDays: ReadonlySet<string>): number {
  let streak = 0;
  let d = day;
  while (checkedDays.has(d)) {
    streak++;
    d = addDays(d, -1);
  }
  return streak;
}

/** The live streak today: today's if checked in, else yesterday's (still unbroken), else 0. */
export function currentStreak(today: string, checkedDays: ReadonlySet<string>): number {
  return checkedDays.has(today) ? streakOn(today, checkedDays) : streakOn(addDays(today, -1), checkedDays);
}

export interface MakeupRules {
  maxPerMonth: number;
  costPoints: number;
}
export const DEFAULT_MAKEUP_RULES: MakeupRules = { maxPerMonth: 2, costPoints: 10 };

export type MakeupRefusal = 'FUTURE_DATE' | 'NOT_PAST' | 'OTHER_MONTH' | 'ALREADY_CHECKED' | 'MONTHLY_LIMIT';

/** Whether a make-up check-in for `date` is allowed (points are checked by the ledger). */
export function makeupRefusal(date: string, today: string, checkedDays: ReadonlySet<string>, madeUpThisMonth: number, rules: MakeupRules): MakeupRefusal | null {
  if (date > today) return 'FUTURE_DATE';
  if (date === today) return 'NOT_PAST';
  if (date.slice(0, 7) !== today.slice(0, 7)) return 'OTHER_MONTH';
  if (checkedDays.has(date)) return 'ALREADY_CHECKED';
  if (madeUpThisMonth >= rules.maxPerMonth) return 'MONTHLY_LIMIT';
  return null;
}
