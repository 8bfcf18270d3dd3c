/**
 * The daily roll-up of raw analytics events: what the dashboard reads instead of raw events.
 * Pure; the server's roll-up job feeds it one store day's events and stores the result, and the
 * tests compute the same from the events they sent.
 *
 * Definitions:
 * - A member is active on a store day when they sent any event whose `ts` falls in that day.
 * - A session starts at a `launch`, or at an `app_show` when no session is open (none yet, or the
 *   last one ended with `app_hide`); a `page_view` with no open session opens one. `app_hide` ends it.
 *   Entry page = the session's first page_view, exit page = its last.
 * - Device of a member-day = the last event of the day that carried a device, field by field.
 * - Launch scenes count `launch` events by `scene` (0 when absent).
 */
import { storeDate, storeHour } from '../time/store-calendar';
import type { AnalyticsEvent } from './events';

export interface StoredEvent extends AnalyticsEvent {
  memberId: string;
}

export interface MemberDayRow {
  memberId: string;
  platform: string;
  brand: string;
  model: string;
  system: string;
  wechatVersion: string;
  sdkVersion: string;
  networkType: string;
  launches: number;
  pageViews: number;
}

export interface PageDayRow {
  page: string;
  views: number;
  dwellMsTotal: number;
  dwellCount: number;
  entries: number;
  exits: number;
}

export interface DayRollup {
  day: string;
  members: MemberDayRow[];
  /** Distinct active members per store hour 0–23. */
  hours: number[];
  pages: PageDayRow[];
  scenes: { scene: number; launches: number }[];
}

const UNKNOWN = 'unknown';
const TYPE_ORDER: Record<string, number> = { launch: 0, app_show: 1, page_view: 2, app_hide: 3 };

function byTime(a: StoredEvent, b: StoredEvent): number {
  return a.ts - b.ts || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function devicePart(value: string | undefined, current: string): string {
  return value === undefined || value === '' ? current : value;
}

/** Rolls up the events of one store day (events of other days are ignored). */
export function rollupDay(day: string, events: readonly StoredEvent[], tz: string): DayRollup {
  const perMember = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (storeDate(e.ts, tz) !== day) continue;
    const list = perMember.get(e.memberId);
    if (list) list.push(e);
    else perMember.set(e.memberId, [e]);
  }
  const hourSets = Array.from({ length: 24 }, () => new Set<string>());
  const pages = new Map<string, PageDayRow>();
  const scenes = new Map<number, number>();
  const members: MemberDayRow[] = [];
  const page = (path: string) => {
    let row = pages.get(path);
    if (!row) pages.set(path, (row = { page: path, views: 0, dwellMsTotal: 0, dwellCount: 0, entries: 0, exits: 0 }));
    return row;
  };

  for (const [memberId, list] of [...perMember.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort(byTime);
    const row: MemberDayRow = { memberId, platform: UNKNOWN, brand: UNKNOWN, model: UNKNOWN, system: UNKNOWN, wechatVersion: UNKNOWN, sdkVersion: UNKNOWN, networkType: UNKNOWN, launches: 0, pageViews: 0 };
    let open = false;
    let first: string | null = null;
    let last: string | null = null;
    const close = () => {
      if (first !== null && last !== null) {
        page(first).entries++;
        page(last).exits++;
      }
      open = false;
      first = last = null;
    };
    for (const e of list) {
      hourSets[storeHour(e.ts, tz)].add(memberId);
      const d = e.device;
      if (d) {
        row.platform = devicePart(d.platform, row.platform);
        row.brand = devicePart(d.brand, row.brand);
        row.model = devicePart(d.model, row.model);
        row.system = devicePart(d.system, row.system);
        row.wechatVersion = devicePart(d.version, row.wechatVersion);
        row.sdkVersion = devicePart(d.SDKVersion, row.sdkVersion);
        row.networkType = devicePart(d.networkType, row.networkType);
      }
      if (e.type === 'launch') {
        close();
        open = true;
        row.launches++;
        const scene = e.scene ?? 0;
        scenes.set(scene, (scenes.get(scene) ?? 0) + 1);
      } else if (e.type === 'app_show') {
        if (!open) open = true;
      } else if (e.type === 'app_hide') {
        close();
      } else if (e.type === 'page_view' && e.page) {
        open = true;
        row.pageViews++;
        const p = page(e.page);
        p.views++;
        if (e.dwellMs !== undefined) {
          p.dwellMsTotal += e.dwellMs;
          p.dwellCount++;
        }
        if (first === null) first = e.page;
        last = e.page;
      }
    }
    close();
    members.push(row);
  }
  return {
    day,
    members,
    hours: hourSets.map((s) => s.size),
    pages: [...pages.values()].sort((a, b) => (a.page < b.page ? -1 : 1)),
    scenes: [...scenes.entries()].sort(([a], [b]) => a - b).map(([scene, launches]) => ({ scene, launches })),
  };
}
