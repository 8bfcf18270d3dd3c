import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { addDays } from '../time/store-calendar';

dayjs.extend(utc);

/** A monthly day (1–31; short months use their last day) or a weekday (0 = Sunday … 6), plus extra dates. */
export type MemberDaySchedule =
  | { kind: 'monthDay'; day: number; extraDates?: string[] }
  | { kind: 'weekday'; weekday: number; extraDates?: string[] };

export const DEFAULT_MEMBER_DAY: MemberDaySchedule = { kind: 'monthDay', day: 8, extraDates: [] };

function daysInMonth(date: string): number {
  return dayjs.utc(date).daysInMonth();
}

/** Whether a store day is member day. */
export function isMemberDay(date: string, s: MemberDaySchedule): boolean {
  if (s.extraDates?.includes(date)) return true;
  const d = dayjs.utc(date);
  if (s.kind === 'weekday') return d.day() === s.weekday;
  return d.date() === Math.min(s.day, daysInMonth(date));
}

/** The next member day on or after `from` (within a year), or null when none is scheduled. */
export function nextMemberDay(from: string, s: MemberDaySchedule): string | null {
  let d = from;
  for (let i = 0; i <= 366; i++) {
    if (isMemberDay(d, s)) return d;
    d = addDays(d, 1);
  }
  return null;
}

/** Null when usable; otherwise what is wrong. */
export function validateMemberDay(s: MemberDaySchedule): string | null {
  if (s.kind === 'monthDay' && (!Number.isInteger(s.day) || s.day < 1 || s.day > 31)) return '每月日期必须是 1 到 31';
  if (s.kind === 'weekday' && (!Number.isInteger(s.weekday) || s.weekday < 0 || s.weekday > 6)) return '星期必须是 0（周日）到 6';
  if ((s.extraDates ?? []).some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || !dayjs.utc(d).isValid() || dayjs.utc(d).format('YYYY-MM-DD') !== d)) return '额外会员日必须是 YYYY-MM-DD 格式的有效日期';
  return null;
}
