import { DEFAULT_STORE_TIMEZONE, addDays, startOfStoreDay, storeDate } from '../time/store-calendar';

/** Default rule: points last until the end of the year after the store year they were earned in. */
export const DEFAULT_EXPIRY_YEARS = 1;

/**
 * The last store day on which points earned at `earnedAt` can be used: 31 December of the year
 * `expiryYears` after the store year they were earned in (default: the end of next year).
 */
export function expiryDateFor(earnedAt: Date, tz: string = DEFAULT_STORE_TIMEZONE, expiryYears = DEFAULT_EXPIRY_YEARS): string {
  const year = Number(storeDate(earnedAt, tz).slice(0, 4));
  return `${year + expiryYears}-12-31`;
}

/** The instant the points stop being usable: 00:00 store time on the day after the expiry date. */
export function expiresAtInstant(earnedAt: Date, tz: string = DEFAULT_STORE_TIMEZONE, expiryYears = DEFAULT_EXPIRY_YEARS): Date {
  return startOfStoreDay(addDays(expiryDateFor(earnedAt, tz, expiryYears), 1), tz);
}

/** A batch of earned points. `expiresOn` is the expiry stamped when earned; without it the rule is applied to `earnedAt`. */
export interface EarnLot {
  id: string;
  earnedAt: Date;
  /** Points originally earned (informational; only `remaining` is spent or expired). */
  amount?: number;
  remaining: number;
  /** Last usable store day (YYYY-MM-DD), as stored with the lot. */
  expiresOn?: string;
}

/** Store time zone and rule used when a lot has no stored `expiresOn`. */
export interface ExpiryRule {
  tz?: string;
  expiryYears?: number;
}

/** A lot's last usable store day: its stored date, else the rule applied to when it was earned. */
export function lotExpiryDate(lot: EarnLot, tz: string = DEFAULT_STORE_TIMEZONE, expiryYears = DEFAULT_EXPIRY_YEARS): string {
  return lot.expiresOn ?? expiryDateFor(lot.earnedAt, tz, expiryYears);
}

/** "Today" in the store: an instant is converted to its store day, a YYYY-MM-DD string is taken as one. */
function storeDay(asOf: Date | string, tz: string): string {
  return typeof asOf === 'string' ? asOf : storeDate(asOf, tz);
}

/**
 * Which lots a spend takes from, FIFO: soonest expiry first, then oldest earnedAt, then id (under one
 * rule that is simply oldest first). With `asOf`, lots already expired then are skipped.
 * Spends ≤ 0 take nothing; a non-integer spend is a programming error (RangeError).
 */
export function consumeOldestFirst(
  lots: EarnLot[],
  spend: number,
  options: ExpiryRule & { asOf?: Date | string } = {},
): { takes: { lotId: string; amount: number }[]; shortfall: number } {
  if (!Number.isSafeInteger(spend)) throw new RangeError(`spend must be an integer, got ${spend}`);
  const tz = options.tz ?? DEFAULT_STORE_TIMEZONE;
  const years = options.expiryYears ?? DEFAULT_EXPIRY_YEARS;
  const today = options.asOf === undefined ? undefined : storeDay(options.asOf, tz);
  const ordered = lots
    .map((lot) => ({ lot, expires: lotExpiryDate(lot, tz, years) }))
    .filter(({ lot, expires }) => lot.remaining > 0 && (today === undefined || expires >= today))
    .sort(
      (a, b) =>
        a.expires.localeCompare(b.expires) ||
        a.lot.earnedAt.getTime() - b.lot.earnedAt.getTime() ||
        (a.lot.id < b.lot.id ? -1 : a.lot.id > b.lot.id ? 1 : 0),
    );
  const takes: { lotId: string; amount: number }[] = [];
  let left = Math.max(0, spend);
  for (const { lot } of ordered) {
    if (left <= 0) break;
    const amount = Math.min(lot.remaining, left);
    takes.push({ lotId: lot.id, amount });
    left -= amount;
  }
  return { takes, shortfall: left };
}

/** Points still remaining whose last day is before the store day of `asOf` (the expiry job removes them). */
export function expiredRemaining(lots: EarnLot[], asOf: Date | string, tz: string = DEFAULT_STORE_TIMEZONE, expiryYears = DEFAULT_EXPIRY_YEARS): number {
  const today = storeDay(asOf, tz);
  return lots.reduce((sum, l) => (l.remaining > 0 && lotExpiryDate(l, tz, expiryYears) < today ? sum + l.remaining : sum), 0);
}

/**
 * Remaining, still-usable points grouped by expiry date (soonest first) with their total; with
 * `withinDays`, only dates from the store day of `asOf` up to that many days later.
 */
export function expiringPoints(
  lots: EarnLot[],
  asOf: Date | string,
  tz: string = DEFAULT_STORE_TIMEZONE,
  expiryYears = DEFAULT_EXPIRY_YEARS,
  withinDays?: number,
): { total: number; byDate: { date: string; points: number }[] } {
  const today = storeDay(asOf, tz);
  const horizon = withinDays === undefined ? undefined : addDays(today, withinDays);
  const byDate = new Map<string, number>();
  for (const lot of lots) {
    if (lot.remaining <= 0) continue;
    const date = lotExpiryDate(lot, tz, expiryYears);
    if (date < today || (horizon !== undefined && date > horizon)) continue;
    byDate.set(date, (byDate.get(date) ?? 0) + lot.remaining);
  }
  const rows = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, points]) => ({ date, points }));
  return { total: rows.reduce((s, r) => s + r.points, 0), byDate: rows };
}

/** The soonest expiry within `days` store days of `asOf`, for "X 积分将于 YYYY-MM-DD 过期" warnings; null if none. */
export function pointsExpiringWithin(
  lots: EarnLot[],
  asOf: Date | string,
  days: number,
  tz: string = DEFAULT_STORE_TIMEZONE,
  expiryYears = DEFAULT_EXPIRY_YEARS,
): { date: string; points: number } | null {
  return expiringPoints(lots, asOf, tz, expiryYears, days).byDate[0] ?? null;
}
