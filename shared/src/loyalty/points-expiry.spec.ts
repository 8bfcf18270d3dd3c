import { consumeOldestFirst, expiredRemaining, expiresAtInstant, expiryDateFor, pointsExpiringWithin } from './points-expiry';

describe('points expiry', () => {
  it.each([
    // Shanghai 2025-12-31 23:59:59: earned in 2025, usable through 2026.
    ['2025-12-31T15:59:59Z', 1, '2026-12-31'],
    // Shanghai 2026-01-01 00:00: earned in 2026, usable through 2027 (UTC still says 2025).
    ['2025-12-31T16:00:00Z', 1, '2027-12-31'],
    ['2025-12-31T17:00:00Z', 1, '2027-12-31'],
    ['2026-06-15T04:00:00Z', 2, '2028-12-31'],
    ['2026-06-15T04:00:00Z', 0, '2026-12-31'],
  ])('points earned at %s (expiryYears %i) last through %s', (iso, years, last) => {
    expect(expiryDateFor(new Date(iso), 'Asia/Shanghai', years)).toBe(last);
  });

  it('they stop at midnight Shanghai time on 1 January', () => {
    expect(expiresAtInstant(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  const lots = [
    { id: 'b', expiresOn: '2026-12-31', earnedAt: new Date('2025-05-01'), remaining: 30 },
    { id: 'a', expiresOn: '2026-12-31', earnedAt: new Date('2025-03-01'), remaining: 20 },
    { id: 'c', expiresOn: '2027-12-31', earnedAt: new Date('2026-01-10'), remaining: 50 },
    { id: 'd', expiresOn: '2025-12-31', earnedAt: new Date('2024-02-01'), remaining: 0 },
  ];

  it.each([
    [10, [{ lotId: 'a', amount: 10 }], 0],
    [25, [{ lotId: 'a', amount: 20 }, { lotId: 'b', amount: 5 }], 0],
    [100, [{ lotId: 'a', amount: 20 }, { lotId: 'b', amount: 30 }, { lotId: 'c', amount: 50 }], 0],
    [120, [{ lotId: 'a', amount: 20 }, { lotId: 'b', amount: 30 }, { lotId: 'c', amount: 50 }], 20],
    [0, [], 0],
  ])('spending %i takes soonest-expiring points first', (spend, takes, shortfall) => {
    expect(consumeOldestFirst(lots, spend)).toEqual({ takes, shortfall });
  });

  it('counts what is left after the expiry date', () => {
    expect(expiredRemaining(lots, '2027-01-01')).toBe(50);
    expect(expiredRemaining(lots, '2026-12-31')).toBe(0);
    expect(expiredRemaining([], '2026-12-31')).toBe(0);
  });

  it('finds the soonest expiry within the warning window', () => {
    expect(pointsExpiringWithin(lots, '2026-12-01', 30)).toEqual({ date: '2026-12-31', points: 50 });
    expect(pointsExpiringWithin(lots, '2026-11-30', 30)).toBeNull();
    expect(pointsExpiringWithin([], '2026-12-01', 30)).toBeNull();
  });
});
