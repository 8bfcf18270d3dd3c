import { AnalyticsQueue, backoffDelay, QueueDeps, SendResult } from './event-queue';
import type { AnalyticsEvent } from './events';

function harness(results: SendResult[] = [], stored: AnalyticsEvent[] = []) {
  let now = 1_000_000;
  const sent: AnalyticsEvent[][] = [];
  const timers: { fn: () => void; at: number }[] = [];
  let saved = stored;
  const deps: QueueDeps = {
    send: async (events) => {
      sent.push(events);
      return results.shift() ?? 'sent';
    },
    load: () => saved,
    save: (events) => (saved = [...events]),
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as never), 1),
  };
  return {
    deps,
    sent,
    timers,
    saved: () => saved,
    advance: async (ms: number) => {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
      await new Promise((r) => setImmediate(r));
    },
  };
}

let n = 0;
const ev = (): AnalyticsEvent => ({ id: `evt-${String(++n).padStart(6, '0')}`, type: 'app_show', ts: 1 });

describe('AnalyticsQueue', () => {
  it('sends at once when the count is reached, in batches', async () => {
    const h = harness();
    const q = new AnalyticsQueue(h.deps, { flushAt: 3, batchSize: 2 });
    q.track(ev());
    q.track(ev());
    expect(h.sent).toHaveLength(0);
    q.track(ev());
    await new Promise((r) => setImmediate(r));
    expect(h.sent.map((b) => b.length)).toEqual([2, 1]);
    expect(q.size).toBe(0);
    expect(h.saved()).toEqual([]);
  });

  it('sends on the timer below the count, and on hide (flush)', async () => {
    const h = harness();
    const q = new AnalyticsQueue(h.deps, { flushAt: 10, intervalMs: 5_000 });
    q.track(ev());
    await h.advance(4_999);
    expect(h.sent).toHaveLength(0);
    await h.advance(1);
    expect(h.sent).toHaveLength(1);
    q.track(ev());
    await q.flush();
    expect(h.sent).toHaveLength(2);
  });

  it('keeps events and backs off exponentially while offline, then sends them', async () => {
    const h = harness(['retry', 'retry', 'sent']);
    const q = new AnalyticsQueue(h.deps, { flushAt: 1, intervalMs: 1_000, backoffBaseMs: 2_000 });
    q.track(ev());
    await new Promise((r) => setImmediate(r));
    expect(h.sent).toHaveLength(1);
    expect(q.size).toBe(1);
    await q.flush(); // inside the back-off: not sent
    expect(h.sent).toHaveLength(1);
    await h.advance(2_000);
    expect(h.sent).toHaveLength(2); // second failure: now 4 s
    await h.advance(3_999);
    expect(h.sent).toHaveLength(2);
    await h.advance(1);
    expect(h.sent).toHaveLength(3);
    expect(q.size).toBe(0);
  });

  it('treats a send that throws as retry, and drops a batch the server refuses', async () => {
    const h = harness(['drop']);
    const q = new AnalyticsQueue({ ...h.deps, send: async () => { throw new Error('offline'); } }, { flushAt: 1 });
    q.track(ev());
    await new Promise((r) => setImmediate(r));
    expect(q.size).toBe(1);
    const q2 = new AnalyticsQueue(h.deps, { flushAt: 1 });
    q2.track(ev());
    await new Promise((r) => setImmediate(r));
    expect(q2.size).toBe(0);
  });

  it('survives a restart through storage and caps the queue', () => {
    const stored = [ev(), ev()];
    const h = harness([], stored);
    const q = new AnalyticsQueue(h.deps, { flushAt: 100, maxQueue: 3 });
    expect(q.size).toBe(2);
    q.track(ev());
    q.track(ev());
    expect(q.size).toBe(3);
    expect(h.saved()[0].id).toBe(stored[1].id);
  });

  it('collects nothing after opting out, and forgets what was queued', async () => {
    const h = harness();
    const q = new AnalyticsQueue(h.deps, { flushAt: 2 });
    q.track(ev());
    q.setOptOut(true);
    q.track(ev());
    q.track(ev());
    await q.flush();
    expect(h.sent).toHaveLength(0);
    expect(h.saved()).toEqual([]);
    expect(h.timers).toHaveLength(0);
  });

  it.each([
    [1, 2_000],
    [2, 4_000],
    [5, 32_000],
    [20, 300_000],
  ])('back-off before retry %i is %i ms', (attempt, ms) => expect(backoffDelay(attempt, 2_000, 300_000)).toBe(ms));
});
