import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_STORE_TIMEZONE = 'Asia/Shanghai';

/** The store's calendar day (YYYY-MM-DD) that contains the instant, whatever the process TZ is. */
export function storeDate(instant: Date | number, tz: string = DEFAULT_STORE_TIMEZONE): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD');
}

/** The instant at which a store calendar day begins (00:00 store time). */
export function startOfStoreDay(date: string, tz: string = DEFAULT_STORE_TIMEZONE): Date {
  return dayjs.tz(`${date} 00:00:00`, tz).toDate();
}

/** Adds whole calendar days to a YYYY-MM-DD date (pure date arithmetic, no TZ involved). */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Formats an instant as store-local `YYYY-MM-DD HH:mm:ss`. */
export function formatStoreDateTime(instant: Date | number, tz: string = DEFAULT_STORE_TIMEZONE): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD HH:mm:ss');
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
