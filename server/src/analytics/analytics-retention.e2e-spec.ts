import { cohortRetention, orderFigures, pointsUsage, segmentCounts, storeDate } from '@mall/shared';
import { startTestApp, TestApp } from '../../test/harness';
import { MemberEntity } from '../members/member.entity';
import { OrderEntity } from '../mall/mall.entities';
import { CheckinEntity } from '../checkin/checkin.entity';
import { PointsEntryEntity } from '../points/points.entities';
import { AnalyticsMemberDayEntity } from './analytics.entities';
import { newId } from '../common/ids';

const NOW = new Date('2026-11-23T04:00:00Z'); // noon, 23 November in Shanghai
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const dayAgo = (d: number) => storeDate(daysAgo(d));

describe('analytics retention and segments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.setClock(NOW.toISOString());
  });

  /** Factories: rows as the owning modules write them. */
  const member = async (openid: string, patch: Partial<MemberEntity>) => {
    const { member: m } = await t.loginMember(openid);
    await t.dataSource.getRepository(MemberEntity).update({ id: m.id }, patch);
    return m.id as string;
  };
  const order = (memberId: string, cashDueFen: number, paidAt: Date, refunded = false) =>
    t.dataSource.getRepository(OrderEntity).insert({
      id: newId(), memberId, idempotencyKey: newId(), status: refunded ? 'refunded' : 'completed', cashSubtotalFen: cashDueFen, cashDueFen,
      createdAt: paidAt, paidAt, refundedAt: refunded ? paidAt : null,
    } as Partial<OrderEntity>);
  const checkins = (memberId: string, days: number[]) =>
    t.dataSource.getRepository(CheckinEntity).insert(days.map((d) => ({ id: newId(), memberId, day: dayAgo(d), kind: 'normal' as const, streak: 1, points: 5, rewards: '[]', createdAt: daysAgo(d) })));
  const ledger = (memberId: string, delta: number, reason: string) =>
    t.dataSource.getRepository(PointsEntryEntity).insert({ id: newId(), memberId, delta, reason: reason as never, ref: newId(), balanceAfter: 0, note: null, createdAt: NOW });
  const get = async (path: string) => {
    const res = await t.request('GET', path, { token: await t.adminToken('analyst') });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('gives zeros and nulls on an empty store', async () => {
    const segments = await get('/api/admin/analytics/segments');
    expect(segments.highValueThresholdFen).toBeNull();
    expect(segments.items.map((i: { count: number }) => i.count)).toEqual([0, 0, 0, 0, 0, 0]);
    const retention = await get('/api/admin/analytics/retention');
    expect(retention.checkinRate).toEqual({ checkedIn: 0, active: 0, rate: null });
    expect(retention.pointsUsage).toEqual({ issued: 0, spent: 0, rate: null });
    expect(retention.orders).toEqual({ paidOrders: 0, purchasers: 0, repurchaseRate: null, aovFen: null, purchaseFrequency: null, lifespanYears: null, clvFen: null });
    expect(retention.cohorts).toHaveLength(6);
    expect(retention.cohorts.every((c: { size: number }) => c.size === 0)).toBe(true);
  });

  it('counts a single member in the right segments, with the export links', async () => {
    const id = await member('rs-one', { lastActiveAt: daysAgo(45) });
    await order(id, 1000, daysAgo(200));
    const segments = await get('/api/admin/analytics/segments');
    const byKey = Object.fromEntries(segments.items.map((i: { key: string; count: number }) => [i.key, i.count]));
    expect(byKey).toEqual({ active: 0, dormant_30: 1, dormant_60: 0, dormant_90: 0, high_value: 1, at_risk: 0 });
    expect(segments.highValueThresholdFen).toBe(1000);
    expect(segments.items[0]).toMatchObject({ key: 'active', label: '活跃会员', membersUrl: '/admin/members?segment=active', exportUrl: '/api/admin/members/export.csv?segment=active' });
  });

  it('computes segments, order figures, points usage and check-in rate by the shared definitions', async () => {
    const a = await member('rs-a', { lastActiveAt: daysAgo(1) });
    const b = await member('rs-b', { lastActiveAt: daysAgo(45) });
    const c = await member('rs-c', { lastActiveAt: null });
    const d = await member('rs-d', { lastActiveAt: daysAgo(100) });
    const orders = [
      { memberId: a, cashFen: 4000, paidAt: daysAgo(300) },
      { memberId: a, cashFen: 6000, paidAt: daysAgo(10) },
      { memberId: b, cashFen: 2000, paidAt: daysAgo(400) },
      { memberId: d, cashFen: 0, paidAt: daysAgo(120) },
    ];
    for (const o of orders) await order(o.memberId, o.cashFen, o.paidAt);
    await order(b, 50_000, daysAgo(50), true); // refunded: never counts
    await checkins(a, [0, 1, 2]);
    await checkins(b, [29 + 2, 40, 50, 60, 70, 80, 90, 119, 5]); // 8 in the past window, 1 recent: 6 × 1 < 8
    await checkins(c, [31, 32, 33]); // 3 past: not enough history
    await ledger(a, 500, 'checkin');
    await ledger(a, -200, 'order_pay');
    await ledger(b, 300, 'welcome');
    await ledger(b, -50, 'expiry');

    const facts = [
      { lastActiveAt: daysAgo(1), spendFen: 10_000, pastCheckins: 0, recentCheckins: 3 },
      { lastActiveAt: daysAgo(45), spendFen: 2000, pastCheckins: 8, recentCheckins: 1 },
      { lastActiveAt: null, spendFen: 0, pastCheckins: 3, recentCheckins: 0 },
      { lastActiveAt: daysAgo(100), spendFen: 0, pastCheckins: 0, recentCheckins: 0 },
    ];
    const expected = segmentCounts(facts, NOW);
    expect(expected).toEqual({ active: 1, dormant_30: 3, dormant_60: 2, dormant_90: 2, high_value: 1, at_risk: 1 });
    const segments = await get('/api/admin/analytics/segments');
    expect(Object.fromEntries(segments.items.map((i: { key: string; count: number }) => [i.key, i.count]))).toEqual(expected);
    expect(segments.highValueThresholdFen).toBe(10_000);

    const retention = await get('/api/admin/analytics/retention');
    const lastSeen = new Map<string, Date | null>([[a, daysAgo(1)], [b, daysAgo(45)], [c, null], [d, daysAgo(100)]]);
    const want = orderFigures(orders, lastSeen, NOW);
    expect(retention.orders.paidOrders).toBe(4);
    expect(retention.orders).toMatchObject({ paidOrders: want.paidOrders, purchasers: 3, repurchaseRate: want.repurchaseRate, aovFen: 3000, purchaseFrequency: want.purchaseFrequency, clvFen: want.clvFen });
    expect(retention.orders.lifespanYears).toBeCloseTo(want.lifespanYears as number, 6);
    expect(retention.pointsUsage).toEqual(pointsUsage([{ delta: 500, reason: 'checkin' }, { delta: -200, reason: 'order_pay' }, { delta: 300, reason: 'welcome' }, { delta: -50, reason: 'expiry' }]));
    expect(retention.pointsUsage).toEqual({ issued: 800, spent: 200, rate: 0.25 });
    // Checked in during the last 30 store days: a and b; active: a (seen yesterday) and b (by the check-in).
    expect(retention.checkinRate).toEqual({ checkedIn: 2, active: 2, rate: 1 });
  });

  it('builds monthly cohorts from join months and the member-day roll-up', async () => {
    const joinedAt = { x: new Date('2026-09-10T04:00:00Z'), y: new Date('2026-09-30T17:00:00Z'), z: new Date('2026-10-05T04:00:00Z') };
    // y joined at 01:00 on 1 October in Shanghai (still 30 September in UTC): an October member.
    const ids = { x: await member('co-x', { joinedAt: joinedAt.x }), y: await member('co-y', { joinedAt: joinedAt.y }), z: await member('co-z', { joinedAt: joinedAt.z }) };
    const activeDays = [['x', '2026-09-11'], ['x', '2026-10-02'], ['x', '2026-11-20'], ['y', '2026-10-01'], ['z', '2026-11-01'], ['z', '2026-11-02']] as const;
    await t.dataSource.getRepository(AnalyticsMemberDayEntity).insert(activeDays.map(([who, day]) => ({
      day, memberId: ids[who], tier: 'normal', platform: 'ios', brand: 'Apple', model: 'iPhone', system: 'iOS 17', wechatVersion: '8.0', sdkVersion: '3.3', networkType: 'wifi', launches: 1, pageViews: 1,
    })));
    const retention = await get('/api/admin/analytics/retention');
    const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
    const expected = cohortRetention(
      [{ memberId: ids.x, month: '2026-09' }, { memberId: ids.y, month: '2026-10' }, { memberId: ids.z, month: '2026-10' }],
      activeDays.map(([who, day]) => ({ memberId: ids[who], month: day.slice(0, 7) })),
      months,
      '2026-11',
    );
    expect(retention.cohorts).toEqual(expected);
    expect(retention.cohorts[3]).toEqual({ cohort: '2026-09', size: 1, retention: [1, 1, 1, null, null, null] });
    expect(retention.cohorts[4]).toEqual({ cohort: '2026-10', size: 2, retention: [0.5, 0.5, null, null, null, null] });
  });
});
