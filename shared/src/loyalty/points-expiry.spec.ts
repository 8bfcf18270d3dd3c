import { addDays, storeDate } from '../time/store-calendar';
import {
  DEFAULT_EXPIRY_YEARS,
  EarnLot,
  consumeOldestFirst,
  expiredRemaining,
  expiresAtInstant,
  expiringPoints,
  expiryDateFor,
  lotExpiryDate,
  pointsExpiringWithin,
} from './points-expiry';

const SH = 'Asia/Shanghai';
const d = (iso: string) => new Date(iso);

describe('points expiry dates', () => {
  it('defaults to the end of the next year', () => {
    expect(DEFAULT_EXPIRY_YEARS).toBe(1);
    expect(expiryDateFor(d('2026-06-15T04:00:00Z'))).toBe('2027-12-31');
  });

  it.each<[string, string, number, string]>([
    // Shanghai 2025-12-31 23:59:59: earned in store year 2025, usable through 2026.
    ['2025-12-31T15:59:59Z', SH, 1, '2026-12-31'],
    // Shanghai 2026-01-01 00:00: earned in store year 2026 (UTC still says 2025), usable through 2027.
    ['2025-12-31T16:00:00Z', SH, 1, '2027-12-31'],
    // Shanghai 2026-01-01 01:00.
    ['2025-12-31T17:00:00Z', SH, 1, '2027-12-31'],
    ['2026-06-15T04:00:00Z', SH, 2, '2028-12-31'],
    ['2026-06-15T04:00:00Z', SH, 0, '2026-12-31'],
    ['2026-01-01T00:00:00Z', SH, 1, '2027-12-31'],
    ['2028-02-29T12:00:00Z', SH, 1, '2029-12-31'],
    // A UTC store sees the same instants in the old year.
    ['2025-12-31T17:00:00Z', 'UTC', 1, '2026-12-31'],
    // A store behind UTC: 2026-01-01T07:59:59Z is still 31 Dec 2025 in Los Angeles.
    ['2026-01-01T07:59:59Z', 'America/Los_Angeles', 1, '2026-12-31'],
    ['2026-01-01T08:00:00Z', 'America/Los_Angeles', 1, '2027-12-31'],
  ])('points earned at %s (store %s, expiryYears %d) last through %s', (iso, tz, years, last) => {
    expect(expiryDateFor(d(iso), tz, years)).toBe(last);
  });

  it.each<[string, string, number, string]>([
    ['2026-03-01T00:00:00Z', SH, 1, '2027-12-31T16:00:00.000Z'],
    ['2025-12-31T15:59:59Z', SH, 1, '2026-12-31T16:00:00.000Z'],
    ['2025-12-31T17:00:00Z', SH, 1, '2027-12-31T16:00:00.000Z'],
    ['2026-03-01T00:00:00Z', SH, 0, '2026-12-31T16:00:00.000Z'],
    ['2026-03-01T00:00:00Z', 'UTC', 1, '2028-01-01T00:00:00.000Z'],
    ['2026-06-01T00:00:00Z', 'America/Los_Angeles', 1, '2028-01-01T08:00:00.000Z'],
  ])('points earned at %s (store %s, expiryYears %d) stop at %s (00:00 store time on 1 January)', (iso, tz, years, end) => {
    const instant = expiresAtInstant(d(iso), tz, years);
    expect(instant.toISOString()).toBe(end);
    // The last usable millisecond is still on the expiry date in the store; the instant itself is not.
    expect(storeDate(instant.getTime() - 1, tz)).toBe(expiryDateFor(d(iso), tz, years));
    expect(storeDate(instant, tz)).toBe(addDays(expiryDateFor(d(iso), tz, years), 1));
  });
});

describe('lots derived from earnedAt (store in Shanghai)', () => {
  // Store expiry (Shanghai, 1 year): z 2025-12-31 · x0, y, x1 2026-12-31 · x2 2027-12-31.
  const lots: EarnLot[] = [
    { id: 'x2', earnedAt: d('2025-12-31T16:00:00Z'), amount: 20, remaining: 20 },
    { id: 'y', earnedAt: d('2025-03-01T00:00:00Z'), amount: 7, remaining: 7 },
    { id: 'x1', earnedAt: d('2025-12-31T15:59:59Z'), amount: 15, remaining: 10 },
    { id: 'x0', earnedAt: d('2025-03-01T00:00:00Z'), amount: 5, remaining: 5 },
    { id: 'z', earnedAt: d('2024-06-01T00:00:00Z'), amount: 4, remaining: 4 },
    { id: 'empty', earnedAt: d('2024-01-01T00:00:00Z'), amount: 9, remaining: 0 },
  ];

  it.each<[string, string]>([
    ['z', '2025-12-31'],
    ['x0', '2026-12-31'],
    ['x1', '2026-12-31'],
    ['x2', '2027-12-31'],
  ])('lot %s expires after %s', (id, date) => {
    expect(lotExpiryDate(lots.find((l) => l.id === id)!, SH, 1)).toBe(date);
  });

  it.each<[number, { lotId: string; amount: number }[], number]>([
    [0, [], 0],
    [-5, [], 0],
    [3, [{ lotId: 'z', amount: 3 }], 0],
    [4, [{ lotId: 'z', amount: 4 }], 0],
    [12, [{ lotId: 'z', amount: 4 }, { lotId: 'x0', amount: 5 }, { lotId: 'y', amount: 3 }], 0], // x0/y same instant: by id
    [46, [{ lotId: 'z', amount: 4 }, { lotId: 'x0', amount: 5 }, { lotId: 'y', amount: 7 }, { lotId: 'x1', amount: 10 }, { lotId: 'x2', amount: 20 }], 0],
    [50, [{ lotId: 'z', amount: 4 }, { lotId: 'x0', amount: 5 }, { lotId: 'y', amount: 7 }, { lotId: 'x1', amount: 10 }, { lotId: 'x2', amount: 20 }], 4],
  ])('spending %d takes the oldest points first', (spend, takes, shortfall) => {
    expect(consumeOldestFirst(lots, spend)).toEqual({ takes, shortfall });
  });

  it.each<[Date | string, number, { lotId: string; amount: number }[], number]>([
    // Shanghai is still on 31 Dec 2025: lot z is usable.
    [d('2025-12-31T15:59:59Z'), 5, [{ lotId: 'z', amount: 4 }, { lotId: 'x0', amount: 1 }], 0],
    // Shanghai has reached 1 Jan 2026: lot z has expired and is skipped.
    [d('2025-12-31T16:00:00Z'), 5, [{ lotId: 'x0', amount: 5 }], 0],
    ['2026-01-01', 50, [{ lotId: 'x0', amount: 5 }, { lotId: 'y', amount: 7 }, { lotId: 'x1', amount: 10 }, { lotId: 'x2', amount: 20 }], 8],
    ['2028-01-01', 1, [], 1],
  ])('spending as of %s skips expired lots', (asOf, spend, takes, shortfall) => {
    expect(consumeOldestFirst(lots, spend, { asOf, tz: SH, expiryYears: 1 })).toEqual({ takes, shortfall });
  });

  it('does not mutate the lots it is given', () => {
    const before = JSON.stringify(lots);
    consumeOldestFirst(lots, 30);
    expect(JSON.stringify(lots)).toBe(before);
  });

  it.each([1.5, NaN, Infinity])('rejects a non-integer spend %d', (spend) => {
    expect(() => consumeOldestFirst(lots, spend)).toThrow(RangeError);
  });

  it.each<[Date | string, string, number, number]>([
    [d('2025-12-31T15:59:59Z'), SH, 1, 0], // Shanghai 31 Dec 2025: nothing expired yet
    [d('2025-12-31T16:00:00Z'), SH, 1, 4], // Shanghai 1 Jan 2026: z expired
    [d('2026-12-31T15:59:59Z'), SH, 1, 4],
    [d('2026-12-31T16:00:00Z'), SH, 1, 26], // Shanghai 1 Jan 2027: z, x0, y, x1
    ['2027-01-01', SH, 1, 26],
    [d('2027-12-31T16:00:00Z'), SH, 1, 46],
    [d('2026-12-31T16:00:00Z'), 'UTC', 1, 4], // still 31 Dec 2026 in a UTC store
    ['2027-01-01', SH, 2, 4], // with two years only z (2024) is gone
  ])('as of %s (store %s, expiryYears %d) %d expired points remain', (asOf, tz, years, total) => {
    expect(expiredRemaining(lots, asOf, tz, years)).toBe(total);
  });

  it('an empty ledger has nothing expired or expiring', () => {
    expect(expiredRemaining([], d('2026-06-01T00:00:00Z'))).toBe(0);
    expect(expiringPoints([], d('2026-06-01T00:00:00Z'))).toEqual({ total: 0, byDate: [] });
    expect(pointsExpiringWithin([], d('2026-12-01T00:00:00Z'), 30)).toBeNull();
  });

  it.each<[Date | string, number | undefined, { total: number; byDate: { date: string; points: number }[] }]>([
    [d('2025-12-31T15:59:59Z'), undefined, { total: 46, byDate: [{ date: '2025-12-31', points: 4 }, { date: '2026-12-31', points: 22 }, { date: '2027-12-31', points: 20 }] }],
    ['2026-01-01', undefined, { total: 42, byDate: [{ date: '2026-12-31', points: 22 }, { date: '2027-12-31', points: 20 }] }],
    ['2026-12-01', 30, { total: 22, byDate: [{ date: '2026-12-31', points: 22 }] }],
    ['2026-11-30', 30, { total: 0, byDate: [] }],
    ['2026-12-31', 0, { total: 22, byDate: [{ date: '2026-12-31', points: 22 }] }],
    ['2028-01-01', undefined, { total: 0, byDate: [] }],
  ])('as of %s within %s days the schedule is %j', (asOf, days, expected) => {
    expect(expiringPoints(lots, asOf, SH, 1, days)).toEqual(expected);
  });

  it.each<[Date | string, number, { date: string; points: number } | null]>([
    [d('2026-12-01T00:00:00Z'), 30, { date: '2026-12-31', points: 22 }],
    [d('2026-11-30T15:59:59Z'), 30, null], // Shanghai 30 Nov: 31 Dec is 31 days away
    [d('2026-11-30T16:00:00Z'), 30, { date: '2026-12-31', points: 22 }], // Shanghai 1 Dec
    ['2025-12-31', 0, { date: '2025-12-31', points: 4 }],
    ['2027-01-01', 365, { date: '2027-12-31', points: 20 }],
    ['2027-01-01', 363, null],
    ['2028-01-01', 3650, null],
  ])('as of %s, the warning for the next %d days is %j', (asOf, days, warning) => {
    expect(pointsExpiringWithin(lots, asOf, days, SH, 1)).toEqual(warning);
  });
});

describe('lots with a stored expiry date', () => {
  const lots: EarnLot[] = [
    { id: 'b', expiresOn: '2026-12-31', earnedAt: d('2025-05-01'), remaining: 30 },
    { id: 'a', expiresOn: '2026-12-31', earnedAt: d('2025-03-01'), remaining: 20 },
    { id: 'c', expiresOn: '2027-12-31', earnedAt: d('2026-01-10'), remaining: 50 },
    { id: 'd', expiresOn: '2025-12-31', earnedAt: d('2024-02-01'), remaining: 0 },
    // Earned under an older, longer rule: expires after a lot earned later, so it is used later.
    { id: 'e', expiresOn: '2028-12-31', earnedAt: d('2025-01-01'), remaining: 5 },
  ];

  it('the stored date wins over the rule', () => {
    expect(lotExpiryDate(lots[4], SH, 1)).toBe('2028-12-31');
  });

  it.each<[number, { lotId: string; amount: number }[], number]>([
    [10, [{ lotId: 'a', amount: 10 }], 0],
    [25, [{ lotId: 'a', amount: 20 }, { lotId: 'b', amount: 5 }], 0],
    [100, [{ lotId: 'a', amount: 20 }, { lotId: 'b', amount: 30 }, { lotId: 'c', amount: 50 }], 0],
    [120, [{ lotId: 'a', amount: 20 }, { lotId: 'b', amount: 30 }, { lotId: 'c', amount: 50 }, { lotId: 'e', amount: 5 }], 15],
    [0, [], 0],
  ])('spending %d takes soonest-expiring points first', (spend, takes, shortfall) => {
    expect(consumeOldestFirst(lots, spend)).toEqual({ takes, shortfall });
  });

  it.each<[string, number]>([
    ['2026-12-31', 0],
    ['2027-01-01', 50],
    ['2029-01-01', 105],
  ])('as of store day %s, %d expired points remain', (today, total) => {
    expect(expiredRemaining(lots, today)).toBe(total);
  });

  it.each<[string, number, { date: string; points: number } | null]>([
    ['2026-12-01', 30, { date: '2026-12-31', points: 50 }],
    ['2026-11-30', 30, null],
    ['2027-12-31', 400, { date: '2027-12-31', points: 50 }],
  ])('as of %s within %d days the warning is %j', (today, days, warning) => {
    expect(pointsExpiringWithin(lots, today, days)).toEqual(warning);
  });
});
