import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DEFAULT_STORE_TIMEZONE, startOfStoreDay, storeDate } from '../time/store-calendar';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The last store day on which points earned at `earnedAt` can be used: 31 December of the year
 * `expiryYears` after the store year they were earned in (default: the end of next year).
 */
export function expiryDateFor(earnedAt: Date, tz: string = DEFAULT_STORE_TIMEZONE, expiryYears = 1): string {
  const year = Number(storeDate(earnedAt, tz).slice(0, 4));
  return `${year + expiryYears}-12-31`;
}

/** The instant the points stop being usable: 00:00 store time the day after the expiry date. */
export function expiresAtInstant(earnedAt: Date, tz: string = DEFAULT_STORE_TIMEZONE, expiryYears = 1): Date {
  const year = Number(storeDate(earnedAt, tz).slice(0, 4));
  return startOfStoreDay(`${year + expiryYears + 1}-01-01`, tz);
}

export interface EarnLot {
  id: string;
  expiresOn: string;
  earnedAt: Date;
  remaining: number;
}

/** Which lots a spend takes from: soonest expiry first, then oldest, then by id. */
export function consumeOldestFirst(lots: EarnLot[], spend: number): { takes: { lotId: string; amount: number }[]; shortfall: number } {
  const ordered = [...lots]
    .filter((l) => l.remaining > 0)
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.earnedAt.getTime() - b.earnedAt.getTime() || a.id.localeCompare(b.id));
  const takes: { lotId: string; amount: number }[] = [];
  let left = spend;
  for (const lot of ordered) {
    if (left <= 0) break;
    const amount = Math.min(lot.remaining, left);
    takes.push({ lotId: lot.id, amount });
    left -= amount;
  }
  return { takes, shortfall: Math.max(0, left) };
}

/** Points still remaining whose last day is before `today` (they expire at the next run). */
export function expiredRemaining(lots: EarnLot[], today: string): number {
  return lots.filter((l) => l.expiresOn < today).reduce((sum, l) => sum + l.remaining, 0);
}

/** The soonest expiry within `days` store days from `today`, for the 30-day warning. */
export function pointsExpiringWithin(lots: EarnLot[], today: string, days: number): { date: string; points: number } | null {
  const horizon = dayjs.utc(today).add(days, 'day').format('YYYY-MM-DD');
  const upcoming = lots.filter((l) => l.remaining > 0 && l.expiresOn >= today && l.expiresOn <= horizon);
  if (!upcoming.length) return null;
  const date = upcoming.map((l) => l.expiresOn).sort()[0];
  return { date, points: upcoming.filter((l) => l.expiresOn === date).reduce((s, l) => s + l.remaining, 0) };
}
