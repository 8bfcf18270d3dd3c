import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_STORE_TIMEZONE = 'Asia/Shanghai';

/**
 * One Intl formatter per time zone, kept: every check-in and ledger entry asks for the store day,
 * and dayjs's tz() rebuilt this work on each call (it showed as the top CPU cost under load).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function storeParts(instant: Date | number, tz: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(tz, formatter);
  }
  const parts = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of formatter.formatToParts(instant)) if (part.type in parts) parts[part.type as keyof typeof parts] = part.value;
  parts.year = parts.year.padStart(4, '0');
  return parts;
}

/** The store's calendar day (YYYY-MM-DD) that contains the instant, whatever the process TZ is. */
export function storeDate(instant: Date | number, tz: string = DEFAULT_STORE_TIMEZONE): string {
  const p = storeParts(instant, tz);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The store-local hour (0–23) of the instant. */
export function storeHour(instant: Date | number, tz: string = DEFAULT_STORE_TIMEZONE): number {
  return Number(storeParts(instant, tz).hour);
}

/** Day of the week of a YYYY-MM-DD date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The instant at which a store calendar day begins (00:00 store time). */
export function startOfStoreDay(date: string, tz: string = DEFAULT_STORE_TIMEZONE): Date {
  return dayjs.tz(`${date} 00:00:00`, tz).toDate();
}

/** Adds whole calendar days to a YYYY-MM-DD date (pure date arithmetic, no TZ involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Formats an instant as store-local `YYYY-MM-DD HH:mm:ss`. */
export function formatStoreDateTime(instant: Date | number, tz: string = DEFAULT_STORE_TIMEZONE): string {
  const p = storeParts(instant, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
