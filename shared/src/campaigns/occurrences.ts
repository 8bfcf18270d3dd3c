/**
 * Calendar rules of campaign occurrences (store dates as `YYYY-MM-DD`, month-days as `MM-DD`).
 */

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The month-days whose yearly occasion (birthday, membership anniversary) falls on store date
 * `today`: its own, plus 02-29 on 02-28 of a common year (so a leap-day birthday is never skipped).
 */
export function celebratedMonthDays(today: string): string[] {
  const monthDay = today.slice(5);
  return monthDay === '02-28' && !isLeapYear(Number(today.slice(0, 4))) ? ['02-28', '02-29'] : [monthDay];
}

/** Whole calendar days from one store date to another (negative when `to` is earlier). */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The win-back step due after `daysSinceOrder` days without an order for a member whose usual
 * interval is `cycleDays`: k once k cycles have passed, capped at the last of `steps`; 0 = none.
 */
export function winBackStep(daysSinceOrder: number, cycleDays: number | null, steps: number): number {
  if (!cycleDays || cycleDays <= 0 || steps <= 0 || daysSinceOrder < 0) return 0;
  return Math.min(Math.floor(daysSinceOrder / cycleDays), steps);
}
