/**
 * Analytics events sent by the mini-program: kinds, limits and the validation every event passes
 * before it is stored. Pure rules; the server maps a failure to 400 naming the event's index.
 */

export const ANALYTICS_EVENT_TYPES = ['launch', 'page_view', 'app_show', 'app_hide'] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/** A batch holds at most this many events and this many bytes of JSON, else 413. */
export const ANALYTICS_MAX_EVENTS = 100;
export const ANALYTICS_MAX_BYTES = 64 * 1024;
/** Events older than this (offline queues) or further in the future (clock skew) are refused. */
export const ANALYTICS_MAX_AGE_MS = 72 * 3_600_000;
export const ANALYTICS_MAX_SKEW_MS = 10 * 60_000;
export const ANALYTICS_MAX_DWELL_MS = 24 * 3_600_000;

/** Device info with WeChat's own system-info field names, plus the network type. */
export interface AnalyticsDevice {
  brand?: string;
  model?: string;
  platform?: string;
  system?: string;
  version?: string;
  SDKVersion?: string;
  screenWidth?: number;
  screenHeight?: number;
  pixelRatio?: number;
  networkType?: string;
}

export interface AnalyticsEvent {
  id: string;
  type: AnalyticsEventType;
  ts: number;
  page?: string;
  dwellMs?: number;
  scene?: number;
  device?: AnalyticsDevice;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const PAGE_PATTERN = /^[A-Za-z0-9_\-/.]{1,128}$/;
const DEVICE_STRINGS: Record<string, number> = { brand: 64, model: 64, platform: 16, system: 64, version: 32, SDKVersion: 32, networkType: 16 };
const DEVICE_INTS: Record<string, number> = { screenWidth: 10_000, screenHeight: 10_000 };
const EVENT_KEYS = new Set(['id', 'type', 'ts', 'page', 'dwellMs', 'scene', 'device']);

export type EventCheck = { ok: true; event: AnalyticsEvent } | { ok: false; reason: string };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkDevice(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'device must be an object';
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (key in DEVICE_STRINGS) {
      if (typeof value !== 'string' || value.length > DEVICE_STRINGS[key]) return `device.${key} must be a string of at most ${DEVICE_STRINGS[key]} characters`;
    } else if (key in DEVICE_INTS) {
      if (!isInt(value) || value < 0 || value > DEVICE_INTS[key]) return `device.${key} must be an integer from 0 to ${DEVICE_INTS[key]}`;
    } else if (key === 'pixelRatio') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 10) return 'device.pixelRatio must be a number above 0 and at most 10';
    } else {
      return `device.${key} is not a known field`;
    }
  }
  return null;
}

/** Checks one event against the rules; `nowMs` is the server clock. */
export function validateAnalyticsEvent(raw: unknown, nowMs: number): EventCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'event must be an object' };
  const e = raw as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!EVENT_KEYS.has(key)) return { ok: false, reason: `${key} is not a known field` };
  if (typeof e.id !== 'string' || !ID_PATTERN.test(e.id)) return { ok: false, reason: 'id must be 8 to 64 letters, digits, _ or -' };
  if (typeof e.type !== 'string' || !(ANALYTICS_EVENT_TYPES as readonly string[]).includes(e.type)) return { ok: false, reason: `type must be one of ${ANALYTICS_EVENT_TYPES.join(', ')}` };
  if (!isInt(e.ts)) return { ok: false, reason: 'ts must be an integer (ms since epoch)' };
  if (e.ts < nowMs - ANALYTICS_MAX_AGE_MS || e.ts > nowMs + ANALYTICS_MAX_SKEW_MS) return { ok: false, reason: 'ts is outside the accepted window (72 hours back, 10 minutes ahead)' };
  if (e.page !== undefined && (typeof e.page !== 'string' || !PAGE_PATTERN.test(e.page))) return { ok: false, reason: 'page must be a path of at most 128 characters' };
  if (e.type === 'page_view' && e.page === undefined) return { ok: false, reason: 'page_view needs a page' };
  if (e.dwellMs !== undefined) {
    if (e.type !== 'page_view') return { ok: false, reason: 'dwellMs belongs to page_view only' };
    if (!isInt(e.dwellMs) || e.dwellMs < 0 || e.dwellMs > ANALYTICS_MAX_DWELL_MS) return { ok: false, reason: 'dwellMs must be an integer from 0 to 86400000' };
  }
  if (e.scene !== undefined && (!isInt(e.scene) || e.scene < 0 || e.scene > 99_999)) return { ok: false, reason: 'scene must be an integer from 0 to 99999' };
  if (e.device !== undefined) {
    const problem = checkDevice(e.device);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, event: e as unknown as AnalyticsEvent };
}
