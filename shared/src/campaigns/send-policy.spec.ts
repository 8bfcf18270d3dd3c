import { afterQuietHours, DEFAULT_SEND_POLICY, maySendNow, nextAllowedSend } from './send-policy';

const d = (iso: string) => new Date(iso);
// Shanghai is UTC+8: 22:00 store time is 14:00Z, 08:00 is 00:00Z.

describe('quiet hours (22:00–08:00 store time)', () => {
  it.each<[string, string]>([
    ['2026-11-23T13:59:59Z', '2026-11-23T13:59:59.000Z'], // 21:59:59 — still allowed
    ['2026-11-23T14:00:00Z', '2026-11-24T00:00:00.000Z'], // 22:00 → next day 08:00
    ['2026-11-23T18:30:00Z', '2026-11-24T00:00:00.000Z'], // 02:30 next store day → 08:00 that day
    ['2026-11-23T23:59:59Z', '2026-11-24T00:00:00.000Z'], // 07:59:59 → 08:00
    ['2026-11-24T00:00:00Z', '2026-11-24T00:00:00.000Z'], // 08:00 — allowed
    ['2026-12-31T15:00:00Z', '2027-01-01T00:00:00.000Z'], // 23:00 on 31 Dec → 08:00 on 1 Jan
  ])('%s → %s', (at, expected) => {
    expect(afterQuietHours(d(at)).toISOString()).toBe(expected);
  });

  it('uses the store zone, not the server zone', () => {
    const la = { ...DEFAULT_SEND_POLICY, timezone: 'America/Los_Angeles' };
    // 06:00Z is 22:00 in Los Angeles (PST, UTC−8) → 08:00 PST next day = 16:00Z.
    expect(afterQuietHours(d('2026-11-23T06:00:00Z'), la).toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('handles quiet hours that do not wrap midnight, and none at all', () => {
    const lunch = { ...DEFAULT_SEND_POLICY, quietStartHour: 12, quietEndHour: 14 };
    expect(afterQuietHours(d('2026-11-23T04:30:00Z'), lunch).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(afterQuietHours(d('2026-11-23T15:00:00Z'), { ...DEFAULT_SEND_POLICY, quietStartHour: 0, quietEndHour: 0 }).toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });
});

describe('frequency cap (≤ 2 per rolling week) with quiet hours', () => {
  const now = d('2026-11-23T02:00:00Z'); // 10:00 store time

  it('allows a send with fewer than two in the last week', () => {
    expect(maySendNow(now, [])).toBe(true);
    expect(maySendNow(now, [d('2026-11-20T02:00:00Z')])).toBe(true);
    // Sends older than 7 × 24 h do not count.
    expect(maySendNow(now, [d('2026-11-16T01:59:59Z'), d('2026-11-16T02:00:00Z'), d('2026-11-22T02:00:00Z')])).toBe(true);
  });

  it('waits until the older of the last two sends is a week old', () => {
    const sends = [d('2026-11-22T02:00:00Z'), d('2026-11-18T03:00:00Z')];
    expect(maySendNow(now, sends)).toBe(false);
    expect(nextAllowedSend(now, sends).toISOString()).toBe('2026-11-25T03:00:00.000Z'); // 11:00 store time
  });

  it('then also skips quiet hours', () => {
    // The cap frees up at 23:30 store time (15:30Z) → 08:00 next store day.
    const sends = [d('2026-11-17T15:30:00Z'), d('2026-11-21T02:00:00Z')];
    expect(nextAllowedSend(now, sends).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('honours a different cap', () => {
    expect(maySendNow(now, [d('2026-11-22T02:00:00Z')], { ...DEFAULT_SEND_POLICY, maxPerWeek: 1 })).toBe(false);
  });
});
