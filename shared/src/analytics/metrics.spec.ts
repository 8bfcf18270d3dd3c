import { activeCounts, addMonths, checkinRate, cohortRetention, orderFigures, pointsUsage, ratio } from './metrics';

describe('metrics', () => {
  it('ratio is null on an empty denominator', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(checkinRate(3, 12)).toBe(0.25);
    expect(checkinRate(0, 0)).toBeNull();
  });

  it.each([
    [[], { dau: 0, wau: 0, mau: 0 }],
    [[{ memberId: 'a', day: '2026-11-23' }], { dau: 1, wau: 1, mau: 1 }],
    [
      [
        { memberId: 'a', day: '2026-11-23' },
        { memberId: 'a', day: '2026-11-22' },
        { memberId: 'b', day: '2026-11-17' }, // 7th day back: in WAU
        { memberId: 'c', day: '2026-11-16' }, // 8th day back: MAU only
        { memberId: 'd', day: '2026-10-25' }, // 30th day back: in MAU
        { memberId: 'e', day: '2026-10-24' }, // 31st: out
        { memberId: 'f', day: '2026-11-24' }, // future: out
      ],
      { dau: 1, wau: 2, mau: 4 },
    ],
  ])('active counts of %j', (rows, expected) => expect(activeCounts(rows, '2026-11-23')).toEqual(expected));

  it.each([
    [[], { issued: 0, spent: 0, rate: null }],
    [[{ delta: 100, reason: 'checkin' }], { issued: 100, spent: 0, rate: 0 }],
    [
      [
        { delta: 100, reason: 'checkin' },
        { delta: 300, reason: 'welcome' },
        { delta: -200, reason: 'order_pay' },
        { delta: 50, reason: 'hold_release' },
        { delta: -10, reason: 'makeup' },
        { delta: -40, reason: 'expiry' },
        { delta: -5, reason: 'admin_adjust' },
      ],
      { issued: 400, spent: 160, rate: 0.4 },
    ],
  ])('points usage of %j', (entries, expected) => expect(pointsUsage(entries)).toEqual(expected));

  const now = new Date('2026-11-23T00:00:00Z');
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it('order figures of no orders are empty', () => {
    expect(orderFigures([], new Map(), now)).toEqual({ paidOrders: 0, purchasers: 0, repurchaseRate: null, aovFen: null, purchaseFrequency: null, lifespanYears: null, clvFen: null });
  });

  it('order figures of a single member with one order', () => {
    const f = orderFigures([{ memberId: 'a', cashFen: 1000, paidAt: day('2026-05-27') }], new Map([['a', day('2026-11-23')]]), now);
    // Lifespan: 2026-05-27 → 2026-11-23 = 180 days = 180/365 years.
    expect(f).toEqual({ paidOrders: 1, purchasers: 1, repurchaseRate: 0, aovFen: 1000, purchaseFrequency: 1, lifespanYears: 180 / 365, clvFen: Math.round((1000 * 180) / 365) });
  });

  it('order figures over several members', () => {
    const orders = [
      { memberId: 'a', cashFen: 1000, paidAt: day('2026-01-01') },
      { memberId: 'a', cashFen: 3000, paidAt: day('2026-11-01') },
      { memberId: 'b', cashFen: 2000, paidAt: day('2025-11-22') }, // 366 days back: not in the last year
      { memberId: 'c', cashFen: 0, paidAt: day('2026-11-20') },
    ];
    const f = orderFigures(orders, new Map([['a', null], ['b', day('2026-11-22')], ['c', null]]), now);
    expect(f.paidOrders).toBe(4);
    expect(f.purchasers).toBe(3);
    expect(f.repurchaseRate).toBe(1 / 3);
    expect(f.aovFen).toBe(1500);
    expect(f.purchaseFrequency).toBe(3 / 2); // a: 2 orders, c: 1 order in the last 365 days
    // a: 304 days, b: 365 days, c: 0 days.
    expect(f.lifespanYears).toBeCloseTo((304 + 365 + 0) / 365 / 3, 10);
    expect(f.clvFen).toBe(Math.round(1500 * 1.5 * ((304 + 365) / 365 / 3)));
  });

  it('adds months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('cohort retention of nobody', () => {
    expect(cohortRetention([], [], ['2026-10', '2026-11'], '2026-11')).toEqual([
      { cohort: '2026-10', size: 0, retention: [null, null] },
      { cohort: '2026-11', size: 0, retention: [null, null] },
    ]);
  });

  it('cohort retention by join month', () => {
    const joined = [
      { memberId: 'a', month: '2026-09' },
      { memberId: 'b', month: '2026-09' },
      { memberId: 'c', month: '2026-10' },
    ];
    const active = [
      { memberId: 'a', month: '2026-09' },
      { memberId: 'b', month: '2026-09' },
      { memberId: 'a', month: '2026-10' },
      { memberId: 'a', month: '2026-10' },
      { memberId: 'b', month: '2026-11' },
      { memberId: 'c', month: '2026-11' },
      { memberId: 'c', month: '2026-09' }, // before joining: ignored
      { memberId: 'z', month: '2026-11' }, // unknown member: ignored
    ];
    expect(cohortRetention(joined, active, ['2026-09', '2026-10', '2026-11'], '2026-11')).toEqual([
      { cohort: '2026-09', size: 2, retention: [1, 0.5, 0.5] },
      { cohort: '2026-10', size: 1, retention: [0, 1, null] },
      { cohort: '2026-11', size: 0, retention: [null, null, null] },
    ]);
  });
});
