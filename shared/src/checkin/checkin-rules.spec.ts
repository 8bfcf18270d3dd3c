import { addDays } from '../time/store-calendar';
import {
  DEFAULT_CHECKIN_LADDER as L,
  DEFAULT_MAKEUP_RULES as M,
  checkinPoints,
  currentStreak,
  ladderDay,
  makeupRefusal,
  nextRewards,
  stepForStreak,
  streakOn,
  validateLadder,
} from './checkin-rules';

const days = (start: string, n: number, skip: number[] = []) =>
  new Set(Array.from({ length: n }, (_, i) => i).filter((i) => !skip.includes(i)).map((i) => addDays(start, i)));

describe('check-in rules', () => {
  it.each([
    ['a run of 8 days', days('2026-03-01', 8), '2026-03-08', 8],
    ['a gap breaks it', days('2026-03-01', 8, [3]), '2026-03-08', 4],
    ['across a month end', days('2026-02-26', 6), '2026-03-03', 6],
    ['across a leap day', days('2028-02-27', 4), '2028-03-01', 4],
    ['an unchecked day', days('2026-03-01', 3), '2026-03-05', 0],
  ])('streak: %s', (_name, checked, day, streak) => {
    expect(streakOn(day, checked)).toBe(streak);
  });

  it('a made-up day joins the runs on both sides', () => {
    const checked = days('2026-03-01', 8, [3]);
    checked.add('2026-03-04');
    expect(streakOn('2026-03-08', checked)).toBe(8);
  });

  it.each([
    ['checked today', days('2026-03-01', 5), '2026-03-05', 5],
    ['not yet today, yesterday checked', days('2026-03-01', 4), '2026-03-05', 4],
    ['missed yesterday', days('2026-03-01', 3), '2026-03-05', 0],
  ])('current streak: %s', (_n, checked, today, streak) => {
    expect(currentStreak(today, checked)).toBe(streak);
  });

  it.each([
    [1, 1, null],
    [7, 7, 20],
    [8, 8, null],
    [30, 30, undefined],
    [31, 1, null],
    [37, 7, 20],
    [60, 30, undefined],
  ])('repeating ladder: streak %i is ladder day %i', (streak, day, points) => {
    expect(ladderDay(streak, L)).toBe(day);
    const step = stepForStreak(streak, L);
    if (points === null) expect(step).toBeNull();
    else expect(step?.points).toBe(points);
  });

  it('a ladder that does not repeat gives only base points after its last step', () => {
    const once = { ...L, repeat: false };
    expect(ladderDay(37, once)).toBe(37);
    expect(stepForStreak(37, once)).toBeNull();
    expect(stepForStreak(30, once)?.label).toBe('10元优惠券');
  });

  it.each([
    [0, [{ inDays: 7, day: 7 }, { inDays: 30, day: 30 }, { inDays: 37, day: 7 }]],
    [4, [{ inDays: 3, day: 7 }, { inDays: 26, day: 30 }, { inDays: 33, day: 7 }]],
    [29, [{ inDays: 1, day: 30 }, { inDays: 8, day: 7 }, { inDays: 31, day: 30 }]],
  ])('after a streak of %i the next rewards are %j', (streak, expected) => {
    expect(nextRewards(streak, L).map((r) => ({ inDays: r.inDays, day: r.step.day }))).toEqual(expected);
  });

  it.each([
    [5, 100, 100, 5],
    [5, 150, 100, 7],
    [5, 100, 200, 10],
    [5, 150, 200, 15],
    [5, 120, 200, 12],
    [0, 200, 200, 0],
  ])('base %i × tier %i%% × day %i%% = %i points', (base, tier, day, points) => {
    expect(checkinPoints(base, tier, day)).toBe(points);
  });

  it.each([
    ['2026-03-06', null],
    ['2026-03-10', 'FUTURE_DATE'],
    ['2026-03-09', 'NOT_PAST'],
    ['2026-02-28', 'OTHER_MONTH'],
    ['2026-03-02', 'ALREADY_CHECKED'],
  ])('make-up for %s → %s', (date, refusal) => {
    expect(makeupRefusal(date, '2026-03-09', days('2026-03-01', 5), 0, M)).toBe(refusal);
  });

  it('at most two make-ups a month', () => {
    expect(makeupRefusal('2026-03-06', '2026-03-09', new Set(), 2, M)).toBe('MONTHLY_LIMIT');
  });

  it.each([
    [{ ...L, steps: [{ day: 7, points: 20 }, { day: 30, couponTemplateId: 'tmpl-10-yuan' }] }, null],
    // The default's 30-day coupon must be chosen by the merchant before the ladder is saved.
    [L, '每一档都需要设置积分或优惠券'],
    [{ ...L, basePoints: -1 }, '每日基础积分必须是非负整数'],
    [{ ...L, steps: [{ day: 7, points: 20 }, { day: 7, points: 5 }] }, '阶梯天数不能重复'],
    [{ ...L, steps: [{ day: 0, points: 20 }] }, '阶梯天数必须是 1 到 366 的整数'],
  ])('validates ladders', (ladder, problem) => {
    expect(validateLadder(ladder)).toBe(problem);
  });
});
