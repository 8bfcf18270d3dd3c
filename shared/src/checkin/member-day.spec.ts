import { isMemberDay, nextMemberDay, validateMemberDay } from './member-day';

describe('member day', () => {
  it.each([
    [{ kind: 'monthDay', day: 8 }, '2026-03-08', true],
    [{ kind: 'monthDay', day: 8 }, '2026-03-09', false],
    [{ kind: 'monthDay', day: 31 }, '2026-04-30', true],
    [{ kind: 'monthDay', day: 30 }, '2026-02-28', true],
    [{ kind: 'monthDay', day: 29 }, '2028-02-29', true],
    [{ kind: 'monthDay', day: 29 }, '2028-02-28', false],
    [{ kind: 'weekday', weekday: 3 }, '2026-11-25', true],
    [{ kind: 'weekday', weekday: 3 }, '2026-11-26', false],
    [{ kind: 'monthDay', day: 8, extraDates: ['2026-11-11'] }, '2026-11-11', true],
  ] as const)('%j on %s → %s', (schedule, date, expected) => {
    expect(isMemberDay(date, schedule as never)).toBe(expected);
  });

  it.each([
    [{ kind: 'monthDay', day: 8 }, '2026-03-09', '2026-04-08'],
    [{ kind: 'monthDay', day: 8 }, '2026-03-08', '2026-03-08'],
    [{ kind: 'monthDay', day: 31 }, '2026-02-01', '2026-02-28'],
    [{ kind: 'weekday', weekday: 3 }, '2026-11-23', '2026-11-25'],
    [{ kind: 'monthDay', day: 8, extraDates: ['2026-03-20'] }, '2026-03-09', '2026-03-20'],
  ] as const)('next after %j from %s is %s', (schedule, from, next) => {
    expect(nextMemberDay(from, schedule as never)).toBe(next);
  });

  it.each([
    [{ kind: 'monthDay', day: 0 }, '每月日期必须是 1 到 31'],
    [{ kind: 'weekday', weekday: 7 }, '星期必须是 0（周日）到 6'],
    [{ kind: 'monthDay', day: 8, extraDates: ['2026-02-30'] }, '额外会员日必须是 YYYY-MM-DD 格式的有效日期'],
    [{ kind: 'weekday', weekday: 3, extraDates: ['2026-11-11'] }, null],
  ] as const)('validates %j', (schedule, problem) => {
    expect(validateMemberDay(schedule as never)).toBe(problem);
  });
});
