import { expectedReplenishmentDate, purchaseCycles, Purchase } from './purchase-cycle';
import { daysBetween, medianDays, purchaseIntervals } from './medians';

const p = (memberId: string, key: string, day: string): Purchase => ({ memberId, key, day });

describe('medians and intervals', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[10, 20], 15],
    [[10, 21], 16], // 15.5 rounds half up
    [[30, 10, 20, 40], 25],
  ])('median of %j is %s', (values, expected) => expect(medianDays(values)).toBe(expected));

  it('counts days across month and year ends and leap days', () => {
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('makes intervals between distinct days in date order', () => {
    expect(purchaseIntervals([])).toEqual([]);
    expect(purchaseIntervals(['2026-01-01'])).toEqual([]);
    expect(purchaseIntervals(['2026-01-21', '2026-01-01', '2026-01-01', '2026-01-11'])).toEqual([10, 10]);
  });
});

describe('purchaseCycles', () => {
  it('is empty for no purchases', () => {
    expect(purchaseCycles([])).toEqual([]);
  });

  it('needs the minimum number of intervals', () => {
    const data = [p('a', 'milk', '2026-01-01'), p('a', 'milk', '2026-01-08'), p('b', 'milk', '2026-01-02'), p('b', 'milk', '2026-01-12')];
    // Two intervals (7 and 10): below the default minimum of 5, enough with minimum 2.
    expect(purchaseCycles(data)).toEqual([]);
    expect(purchaseCycles(data, 2)).toEqual([{ key: 'milk', cycleDays: 9, samples: 2 }]);
  });

  it('pools intervals per key over members, never across members or keys', () => {
    const data = [
      // a buys milk every 7 days (3 intervals), b every 14 (2 intervals): median of 7,7,7,14,14 = 7.
      p('a', 'milk', '2026-01-01'), p('a', 'milk', '2026-01-08'), p('a', 'milk', '2026-01-15'), p('a', 'milk', '2026-01-22'),
      p('b', 'milk', '2026-01-03'), p('b', 'milk', '2026-01-17'), p('b', 'milk', '2026-01-31'),
      // One purchase each of tea by two members: no interval at all.
      p('a', 'tea', '2026-01-05'), p('b', 'tea', '2026-01-06'),
      // A same-day double purchase is one purchase.
      p('c', 'milk', '2026-02-01'), p('c', 'milk', '2026-02-01'),
    ];
    expect(purchaseCycles(data)).toEqual([{ key: 'milk', cycleDays: 7, samples: 5 }]);
  });

  it('puts the expected replenishment date one cycle after the last purchase', () => {
    expect(expectedReplenishmentDate('2026-12-20', 14)).toBe('2027-01-03');
  });
});
