import { addDays } from '@mall/shared';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember } from '../../test/member-fixtures';

const NOW = '2026-06-15T04:00:00Z'; // store day 2026-06-15 in Shanghai
const TODAY = '2026-06-15';
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();
const checkinsAgo = (...days: number[]) => days.map((d) => ({ day: addDays(TODAY, -d), streak: 1 }));

describe('GET /api/admin/members (filters)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    await t.setClock(NOW);
    ids.fresh = await createMember(t, 'f-fresh', { tier: 'gold', points: 500, phone: '13800000001', joinedAt: daysAgo(2), lastActiveAt: daysAgo(1), platform: 'ios' });
    ids.spender1 = await createMember(t, 'f-sp1', { points: 10, joinedAt: daysAgo(40), lastActiveAt: daysAgo(35), platform: 'android', orders: [{ fen: 100, status: 'completed', paidAt: daysAgo(36) }] });
    ids.spender2 = await createMember(t, 'f-sp2', { points: 20, joinedAt: daysAgo(50), lastActiveAt: daysAgo(65), orders: [{ fen: 200, status: 'completed', paidAt: daysAgo(60) }, { fen: 5000, status: 'refunded', paidAt: daysAgo(60) }] });
    ids.whale = await createMember(t, 'f-whale', { tier: 'diamond', points: 9000, joinedAt: daysAgo(100), lastActiveAt: daysAgo(95), inviterId: null, orders: [{ fen: 150, status: 'completed', paidAt: daysAgo(99) }, { fen: 150, status: 'to_ship', paidAt: daysAgo(98) }] });
    ids.atRisk = await createMember(t, 'f-risk', { joinedAt: daysAgo(200), lastActiveAt: daysAgo(10), inviterId: undefined, checkins: checkinsAgo(31, 40, 50, 60, 90, 120) });
    ids.steady = await createMember(t, 'f-steady', { joinedAt: daysAgo(200), lastActiveAt: daysAgo(3), checkins: checkinsAgo(3, 31, 40, 50, 60, 90, 120) });
    ids.fewBaseline = await createMember(t, 'f-few', { joinedAt: daysAgo(200), lastActiveAt: null, checkins: checkinsAgo(31, 40, 121) });
    await t.dataSource.query('UPDATE members SET inviter_id = ? WHERE id IN (?, ?)', [ids.whale, ids.fresh, ids.steady]);
  });
  afterAll(async () => {
    await t?.resetClock();
    await t?.close();
  });

  async function list(query: string, role: 'owner' | 'analyst' = 'analyst') {
    const res = await t.request('GET', `/api/admin/members?pageSize=100&${query}`, { token: await t.adminToken(role) });
    expect(res.status).toBe(200);
    return res.body as { items: { id: string; spendFen: number; paidOrders: number; platform: string | null; phoneMasked: string | null }[]; total: number };
  }
  const names = (body: { items: { id: string }[] }) => body.items.map((m) => Object.keys(ids).find((k) => ids[k] === m.id)).sort();

  it.each([
    ['tier=gold', ['fresh']],
    ['tier=diamond&pointsMin=100', ['whale']],
    ['pointsMin=10&pointsMax=20', ['spender1', 'spender2']],
    ['spendMinFen=200', ['spender2', 'whale']],
    ['spendMaxFen=0', ['atRisk', 'fewBaseline', 'fresh', 'steady']],
    ['ordersMin=2', ['whale']],
    ['ordersMin=1&ordersMax=1', ['spender1', 'spender2']],
    ['hasPhone=true', ['fresh']],
    ['platform=android', ['spender1']],
    [`joinedFrom=${addDays(TODAY, -50)}&joinedTo=${addDays(TODAY, -40)}`, ['spender1', 'spender2']],
    [`activeFrom=${addDays(TODAY, -10)}`, ['atRisk', 'fresh', 'steady']],
    [`activeTo=${addDays(TODAY, -65)}`, ['spender2', 'whale']],
    ['segment=active', ['atRisk', 'fresh', 'steady']],
    ['segment=dormant_30', ['fewBaseline', 'spender1', 'spender2', 'whale']],
    ['segment=dormant_60', ['fewBaseline', 'spender2', 'whale']],
    ['segment=dormant_90', ['fewBaseline', 'whale']],
    ['segment=high_value', ['whale']],
    ['segment=at_risk', ['atRisk']],
    ['segment=dormant_30&spendMinFen=1&platform=android', ['spender1']],
  ])('%s', async (query, expected) => {
    const body = await list(query);
    expect(names(body)).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it('filters by inviter and returns the aggregates per row', async () => {
    const body = await list(`inviterId=${ids.whale}`);
    expect(names(body)).toEqual(['fresh', 'steady']);
    const whale = (await list('tier=diamond')).items[0];
    expect(whale).toMatchObject({ spendFen: 300, paidOrders: 2, platform: null, phoneMasked: null });
    expect((await list('tier=gold')).items[0]).toMatchObject({ phoneMasked: '138****0001', platform: 'ios' });
  });

  it('sorts by any column with the id breaking ties, and pages never overlap', async () => {
    const bySpend = await list('sort=spend&order=desc');
    expect(bySpend.items.map((m) => m.spendFen)).toEqual([300, 200, 100, 0, 0, 0, 0]);
    const zeroIds = bySpend.items.slice(3).map((m) => m.id);
    expect(zeroIds).toEqual([...zeroIds].sort().reverse());
    const asc = await list('sort=points&order=asc');
    expect(asc.items[asc.items.length - 1].id).toBe(ids.whale);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await t.request('GET', `/api/admin/members?sort=spend&page=${page}&pageSize=2`, { token: await t.adminToken() });
      seen.push(...res.body.items.map((m: { id: string }) => m.id));
    }
    expect(seen).toEqual(bySpend.items.map((m) => m.id));
  });

  it('refuses unknown keys and bad values, naming them', async () => {
    const token = await t.adminToken();
    for (const [query, field] of [
      ['sort=nickname', 'sort'],
      ['order=up', 'order'],
      ['segment=whales', 'segment'],
      ['platform=symbian', 'platform'],
      ['colour=red', 'colour'],
      ['activeFrom=2026-06-10&activeTo=2026-06-01', 'activeFrom'],
      ['spendMinFen=9&spendMaxFen=1', 'spendMinFen'],
    ]) {
      const res = await t.request('GET', `/api/admin/members?${query}`, { token });
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      expect(res.body.message).toContain(field);
    }
  });
});
