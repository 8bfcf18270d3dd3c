import { startTestApp, TestApp } from '../../test/harness';
import { newId } from '../common/ids';
import { audienceFixtures } from '../audiences/audience-fixtures';
import { PointsEntryEntity, PointsReason } from './points.entities';

/**
 * A hand-built ledger, the clock on 2026-06-15 (Shanghai): the window is 2025-07 … 2026-06.
 *   2025-06-30 23:59:59 checkin +1000 → before the window
 *   2025-07-01 00:00    welcome +200 → 2025-07 issued 200
 *   2025-07-15          redeem −50, hold_release +20 → 2025-07 spent 30
 *   2025-12-31 23:30    checkin +5 → 2025-12 issued 5
 *   2026-01-01 00:30    expiry −120 → 2026-01 expired 120
 *   2026-02-10 (bob)    birthday +80 → 2026-02 issued 80
 *   2026-03-10          admin_adjust +300, admin_adjust −40 (neither spent nor expired) → 2026-03 issued 300
 *   2026-05-31 23:59:59 streak_bonus +50, expiry −30 → 2026-05 issued 50, expired 30
 *   2026-06-15 00:00    campaign +100, makeup −10, refund +15 → 2026-06 issued 100, spent −5
 * Issued 735, expired 150 over the window: breakage 150 / 735. Balances (set by hand): 1000 + 1 = 1001.
 */
const NOW = '2026-06-15T04:00:00Z';

describe('GET /api/admin/points-economy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.setClock(NOW);
  });

  const get = async (role: 'owner' | 'operator' | 'analyst' = 'analyst') => t.request('GET', '/api/admin/points-economy', { token: await t.adminToken(role) });
  const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

  async function seedLedger(): Promise<void> {
    const f = audienceFixtures(t.dataSource);
    const ann = await f.member('ann', { joinedAt: new Date('2025-01-01T00:00:00Z'), pointsBalance: 1000 });
    const bob = await f.member('bob', { joinedAt: new Date('2025-01-01T00:00:00Z'), pointsBalance: 1 });
    const entry = (memberId: string, at: string, reason: PointsReason, delta: number) =>
      t.dataSource.getRepository(PointsEntryEntity).insert({ id: newId(), memberId, delta, reason, ref: newId(), balanceAfter: 0, note: null, createdAt: new Date(at) });
    await entry(ann, '2025-06-30T15:59:59Z', 'checkin', 1000);
    await entry(ann, '2025-06-30T16:00:00Z', 'welcome', 200);
    await entry(ann, '2025-07-15T04:00:00Z', 'redeem', -50);
    await entry(ann, '2025-07-15T05:00:00Z', 'hold_release', 20);
    await entry(ann, '2025-12-31T15:30:00Z', 'checkin', 5);
    await entry(ann, '2025-12-31T16:30:00Z', 'expiry', -120);
    await entry(bob, '2026-02-10T04:00:00Z', 'birthday', 80);
    await entry(ann, '2026-03-10T04:00:00Z', 'admin_adjust', 300);
    await entry(ann, '2026-03-10T05:00:00Z', 'admin_adjust', -40);
    await entry(ann, '2026-05-31T15:59:59Z', 'streak_bonus', 50);
    await entry(ann, '2026-05-31T15:59:59Z', 'expiry', -30);
    await entry(ann, '2026-06-14T16:00:00Z', 'campaign', 100);
    await entry(ann, '2026-06-14T16:00:00Z', 'makeup', -10);
    await entry(ann, '2026-06-14T17:00:00Z', 'refund', 15);
  }

  it('sums the ledger per store month and values the balance at the redemption rate, as by hand', async () => {
    await seedLedger();
    const res = await get();
    expect(res.status).toBe(200);
    const expected: Record<string, [number, number, number]> = {
      '2025-07': [200, 30, 0], '2025-12': [5, 0, 0], '2026-01': [0, 0, 120], '2026-02': [80, 0, 0], '2026-03': [300, 0, 0], '2026-05': [50, 0, 30], '2026-06': [100, -5, 0],
    };
    expect(res.body.months).toEqual(months.map((month) => {
      const [issued, spent, expired] = expected[month] ?? [0, 0, 0];
      return { month, issued, spent, expired };
    }));
    // Default rate: 100 points = 5 yuan, one point is exactly 5 fen.
    expect(res.body).toMatchObject({ outstandingPoints: 1001, liabilityFen: 5005, pointsPer5Yuan: 100, issued12m: 735, expired12m: 150 });
    expect(res.body.breakageRate).toBeCloseTo(150 / 735, 12);

    // At 30 points per 5 yuan: 1001 × 500 / 30 = 16683.33… fen, rounded down.
    const settings = await t.request('PUT', '/api/admin/points/settings', { token: await t.adminToken(), body: { expiryYears: 1, pointsPer5Yuan: 30, maxShareOfCashPct: 50 } });
    expect(settings.status).toBe(200);
    expect((await get('operator')).body).toMatchObject({ outstandingPoints: 1001, liabilityFen: 16683, pointsPer5Yuan: 30 });
  });

  it('shows twelve empty months and no breakage rate when nothing was issued', async () => {
    const res = await get('owner');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      months: months.map((month) => ({ month, issued: 0, spent: 0, expired: 0 })),
      outstandingPoints: 0, liabilityFen: 0, pointsPer5Yuan: 100, issued12m: 0, expired12m: 0, breakageRate: null,
    });
  });

  it('is for admins only', async () => {
    expect((await t.request('GET', '/api/admin/points-economy')).status).toBe(401);
    const { token } = await t.loginMember('economy-nosy');
    expect((await t.request('GET', '/api/admin/points-economy', { token })).status).toBe(403);
  });
});
