import { celebratedMonthDays, daysBetweenDates, winBackStep } from './occurrences';

describe('campaign occurrences', () => {
  it.each([
    ['2026-03-03', ['03-03']],
    ['2026-02-28', ['02-28', '02-29']], // common year: leap-day birthdays are celebrated on the 28th
    ['2028-02-28', ['02-28']], // leap year: they have their own day
    ['2028-02-29', ['02-29']],
    ['2100-02-28', ['02-28', '02-29']], // century, not leap
    ['2000-02-28', ['02-28']], // 400-year rule, leap
    ['2026-12-31', ['12-31']],
  ])('celebratedMonthDays(%s) = %j', (today, expected) => {
    expect(celebratedMonthDays(today)).toEqual(expected);
  });

  it.each([
    ['2026-03-02', '2026-03-03', 1],
    ['2026-03-03', '2026-03-03', 0],
    ['2026-03-03', '2026-03-02', -1],
    ['2026-02-28', '2026-03-01', 1],
    ['2025-12-31', '2026-01-01', 1],
    ['2026-03-28', '2026-03-30', 2], // across a DST change elsewhere: calendar days, not hours
  ])('daysBetweenDates(%s, %s) = %d', (from, to, expected) => {
    expect(daysBetweenDates(from, to)).toBe(expected);
  });

  it.each([
    [9, 10, 3, 0],
    [10, 10, 3, 1],
    [19, 10, 3, 1],
    [20, 10, 3, 2],
    [30, 10, 3, 3],
    [95, 10, 3, 3], // capped at the last step
    [25, 10, 1, 1],
    [25, null, 3, 0], // no usual interval: never
    [25, 0, 3, 0],
    [25, 10, 0, 0],
    [-1, 10, 3, 0],
  ])('winBackStep(%d days, cycle %p, %d steps) = %d', (days, cycle, steps, expected) => {
    expect(winBackStep(days, cycle, steps)).toBe(expected);
  });
});
