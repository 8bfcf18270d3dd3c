import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { useRef } from 'react';
import { AnalyticsQueue, type AnalyticsEvent, type AnalyticsEventType, type SendResult } from '@mall/shared';
import { api, ApiError, tokens } from './request';
import { analyticsDevice } from './analytics-device';

const QUEUE_KEY = 'mall-analytics-queue';
const OPT_OUT_KEY = 'mall-analytics-opt-out';

/** Posts one batch without a toast and without forcing a login: no session yet means later. */
async function send(events: AnalyticsEvent[]): Promise<SendResult> {
  if (!tokens.access()) return 'retry';
  try {
    await api.post('/api/analytics/events', { events } as never, { silent: true });
    return 'sent';
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    // Refused for good (bad event, too large): drop it; offline, 401, 429 or 5xx: try again later.
    return status >= 400 && status < 500 && status !== 401 && status !== 429 ? 'drop' : 'retry';
  }
}

const queue = new AnalyticsQueue({
  send,
  load: () => (Taro.getStorageSync(QUEUE_KEY) as AnalyticsEvent[]) || [],
  save: (events) => Taro.setStorageSync(QUEUE_KEY, events),
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
queue.setOptOut(Taro.getStorageSync(OPT_OUT_KEY) === true);

let counter = 0;
function eventId(): string {
  counter = (counter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter.toString(36)}`;
}

function track(type: AnalyticsEventType, extra: Omit<Partial<AnalyticsEvent>, 'id' | 'type' | 'ts'> = {}): void {
  try {
    queue.track({ id: eventId(), type, ts: Date.now(), ...extra });
  } catch {
    // Analytics never breaks the app.
  }
}

/** The member's choice (the 我的 page's switch): off clears the queue and stops collecting. */
export function setAnalyticsOptOut(optOut: boolean): void {
  Taro.setStorageSync(OPT_OUT_KEY, optOut);
  queue.setOptOut(optOut);
}

export function analyticsOptedOut(): boolean {
  return Taro.getStorageSync(OPT_OUT_KEY) === true;
}

/** App launch with its scene value and the device; device info is read without blocking. */
export function trackLaunch(scene?: number): void {
  void analyticsDevice().then((device) => track('launch', { scene: typeof scene === 'number' ? scene : undefined, device }));
}

export function trackAppShow(): void {
  track('app_show');
}

/** App to the background: record it and send what is queued now (the app may be killed next). */
export function trackAppHide(): void {
  track('app_hide');
  void queue.flush();
}

/** A page view with its dwell time, recorded when the page is left (hidden or unloaded). */
export function usePageView(): void {
  const router = useRouter();
  const enteredAt = useRef<number | null>(null);
  const path = router.path.replace(/^\//, '').split('?')[0];
  useDidShow(() => {
    enteredAt.current = Date.now();
  });
  const leave = () => {
    if (enteredAt.current === null) return;
    track('page_view', { page: path.slice(0, 128), dwellMs: Math.min(86_400_000, Date.now() - enteredAt.current) });
    enteredAt.current = null;
  };
  useDidHide(leave);
  useUnload(leave);
}
