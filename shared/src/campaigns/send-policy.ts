import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { addDays, formatStoreDateTime, storeDate, DEFAULT_STORE_TIMEZONE } from '../time/store-calendar';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * When a campaign message may go out. Frequency cap: at most `maxPerWeek` messages to a member in
 * any rolling 7 × 24 h window, across all campaigns (default 2). Quiet hours: none from
 * `quietStartHour` to `quietEndHour` store time (default 22:00–08:00); a message due in quiet
 * hours waits for their end. Both in the store's time zone.
 */
export interface SendPolicy {
  maxPerWeek: number;
  quietStartHour: number;
  quietEndHour: number;
  timezone: string;
}

export const DEFAULT_SEND_POLICY: SendPolicy = { maxPerWeek: 2, quietStartHour: 22, quietEndHour: 8, timezone: DEFAULT_STORE_TIMEZONE };
/** The frequency cap's rolling window. */
export const CAP_WINDOW_MS = 7 * 86_400_000;

function storeInstant(date: string, hour: number, tz: string): Date {
  return dayjs.tz(`${date} ${String(hour).padStart(2, '0')}:00:00`, tz).toDate();
}

/** The first instant at or after `at` outside quiet hours. */
export function afterQuietHours(at: Date, policy: SendPolicy = DEFAULT_SEND_POLICY): Date {
  const { quietStartHour: start, quietEndHour: end, timezone: tz } = policy;
  if (start === end) return at;
  const hour = Number(formatStoreDateTime(at, tz).slice(11, 13));
  const day = storeDate(at, tz);
  const quiet = start > end ? hour >= start || hour < end : hour >= start && hour < end;
  if (!quiet) return at;
  // Quiet hours that wrap midnight end on the next day when we are in the evening part.
  const endDay = start > end && hour >= start ? addDays(day, 1) : day;
  return storeInstant(endDay, end, tz);
}

/** The earliest instant at or after `now` that respects the cap given earlier sends (any order). */
export function nextAllowedSend(now: Date, previousSends: readonly Date[], policy: SendPolicy = DEFAULT_SEND_POLICY): Date {
  let at = now;
  const sends = previousSends.map((d) => d.getTime()).sort((a, b) => a - b);
  for (let guard = 0; guard < 10; guard++) {
    const inWindow = sends.filter((t) => t > at.getTime() - CAP_WINDOW_MS && t <= at.getTime());
    if (inWindow.length >= policy.maxPerWeek) {
      // Wait until enough of the window's sends have aged out.
      at = new Date(inWindow[inWindow.length - policy.maxPerWeek] + CAP_WINDOW_MS);
      continue;
    }
    const free = afterQuietHours(at, policy);
    if (free.getTime() === at.getTime()) return at;
    at = free;
  }
  return at;
}

/** True when a message may go out right now. */
export function maySendNow(now: Date, previousSends: readonly Date[], policy: SendPolicy = DEFAULT_SEND_POLICY): boolean {
  return nextAllowedSend(now, previousSends, policy).getTime() === now.getTime();
}
