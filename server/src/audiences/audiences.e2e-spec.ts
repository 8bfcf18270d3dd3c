import { startTestApp, TestApp } from '../../test/harness';
import { dbTime } from '../database/locks';
import { audienceFixtures } from './audience-fixtures';

/**
 * A small store on 2026-06-15 (Shanghai), hand-computed:
 *   ann  gold     joined 2025-01-10, active 06-14, 500 pts (100 expiring 06-20); orders 05-04 [X,Y], 05-25 [X,Y], 06-15 [X]: every 21 days, 0 since → low
 *   bob  silver   joined 2025-06-01, active 04-20, 1200 pts (200 expiring 06-30), invited by ann; orders 03-01 [X,Y], 03-22 [X], 04-12 [X,Z]: 21 days, 64 since → high
 *   cat  normal   joined 2026-06-01, active 06-10, 0 pts, invited by ann; order 06-01 [Z] → unknown
 *   dan  diamond  joined 2024-03-01, never active, 3000 pts (all expiring 07-01); order 01-05 [Y], a refunded order 06-01 [X] → unknown
 *   eve  silver   joined 2026-05-20, active 06-15, 150 pts; no orders
 *   fay  gold     joined 2025-12-01, active 05-15, 800 pts; orders 04-15 [X,Y], 05-05 [X,Y]: 20 days, 41 since → high
 * ann's 05-25 order is paid at 01:00 Shanghai (still 05-24 in UTC): days are store days.
 * Latest login platforms: ann ios, bob android, cat mac, dan devtools, eve ios; fay never logged in (no session).
 */
const TODAY_NOON = '2026-06-15T04:00:00Z';

describe('audiences and predictions', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  async function seed(): Promise<void> {
    await t.reset();
    await t.setClock(TODAY_NOON);
    const f = audienceFixtures(t.dataSource);
    const d = (s: string) => new Date(s);
    ids.X = await f.item('X', 'milk');
    ids.Y = await f.item('Y', 'milk');
    ids.Z = await f.item('Z', 'tea');
    ids.ann = await f.member('ann', { tier: 'gold', joinedAt: d('2025-01-10T02:00:00Z'), lastActiveAt: d('2026-06-14T02:00:00Z'), pointsBalance: 500 });
    ids.bob = await f.member('bob', { tier: 'silver', joinedAt: d('2025-06-01T02:00:00Z'), lastActiveAt: d('2026-04-20T02:00:00Z'), pointsBalance: 1200, inviterId: ids.ann });
    ids.cat = await f.member('cat', { joinedAt: d('2026-05-31T17:00:00Z'), lastActiveAt: d('2026-06-10T02:00:00Z'), inviterId: ids.ann });
    ids.dan = await f.member('dan', { tier: 'diamond', joinedAt: d('2024-03-01T02:00:00Z'), pointsBalance: 3000 });
    ids.eve = await f.member('eve', { tier: 'silver', joinedAt: d('2026-05-20T02:00:00Z'), lastActiveAt: d('2026-06-15T01:00:00Z'), pointsBalance: 150 });
    ids.fay = await f.member('fay', { tier: 'gold', joinedAt: d('2025-12-01T02:00:00Z'), lastActiveAt: d('2026-05-15T02:00:00Z'), pointsBalance: 800 });
    const { X, Y, Z } = ids;
    await f.order(ids.ann, '2026-05-04T02:00:00Z', [X, Y], 3000);
    await f.order(ids.ann, '2026-05-24T17:00:00Z', [X, Y], 3000);
    await f.order(ids.ann, '2026-06-15T01:00:00Z', [X], 2000, 'to_ship');
    await f.order(ids.bob, '2026-03-01T02:00:00Z', [X, Y], 5000);
    await f.order(ids.bob, '2026-03-22T02:00:00Z', [X], 5000);
    await f.order(ids.bob, '2026-04-12T02:00:00Z', [X, Z], 5000);
    await f.order(ids.cat, '2026-06-01T02:00:00Z', [Z], 1000);
    await f.order(ids.dan, '2026-01-05T02:00:00Z', [Y], 20000);
    await f.order(ids.dan, '2026-06-01T02:00:00Z', [X], 9999, 'refunded');
    await f.order(ids.fay, '2026-04-15T02:00:00Z', [X, Y], 4000);
    await f.order(ids.fay, '2026-05-05T02:00:00Z', [X, Y], 4000);
    await f.lot(ids.ann, 100, '2026-06-20');
    await f.lot(ids.ann, 400, '2027-12-31');
    await f.lot(ids.bob, 200, '2026-06-30');
    await f.lot(ids.bob, 1000, '2027-12-31');
    await f.lot(ids.dan, 3000, '2026-07-01');
    await f.lot(ids.eve, 150, '2027-12-31');
    await f.session(ids.ann, 'ios');
    await f.session(ids.bob, 'android');
    await f.session(ids.cat, 'mac');
    await f.session(ids.dan, 'devtools');
    await f.session(ids.eve, 'ios');
  }

  const names = (memberIds: string[]) => memberIds.map((id) => Object.keys(ids).find((k) => ids[k] === id)).sort();

  describe('the predictions job', () => {
    beforeAll(seed, 30_000);

    it('runs once across two instances and computes scores, cycles and pairs as by hand', async () => {
      const second = await startTestApp({}, t);
      try {
        await second.setClock(TODAY_NOON);
        const runs = await Promise.all([t.runJob('predictions'), second.runJob('predictions')]);
        expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
        expect(runs.find((r) => r.ran)!.affected).toBe(5);
      } finally {
        await second.close();
      }
      const scores = await t.dataSource.query(
        'SELECT member_id, last_order_on, recency_days, order_count, spend_fen, r_score, f_score, m_score, usual_interval_days, overdue_pct, churn_risk, churn_explanation, next_replenish_on FROM member_scores',
      );
      const byName = Object.fromEntries(scores.map((s: { member_id: string }) => [names([s.member_id])[0], { ...s, member_id: undefined }]));
      expect(Object.keys(byName).sort()).toEqual(['ann', 'bob', 'cat', 'dan', 'fay']);
      expect(byName.ann).toMatchObject({ last_order_on: '2026-06-15', recency_days: 0, order_count: 3, spend_fen: 8000, r_score: 5, f_score: 5, m_score: 3, usual_interval_days: 21, overdue_pct: 0, churn_risk: 'low', next_replenish_on: '2026-06-15' });
      expect(byName.bob).toMatchObject({ recency_days: 64, order_count: 3, spend_fen: 15000, r_score: 2, f_score: 5, m_score: 4, overdue_pct: 304, churn_risk: 'high', churn_explanation: '通常每 21 天购买一次，距上次下单已 64 天', next_replenish_on: '2026-03-22' });
      expect(byName.cat).toMatchObject({ recency_days: 14, order_count: 1, r_score: 4, f_score: 2, m_score: 1, churn_risk: 'unknown', churn_explanation: '仅在 1 天下过单，距上次下单已 14 天', next_replenish_on: null });
      expect(byName.dan).toMatchObject({ recency_days: 161, order_count: 1, spend_fen: 20000, r_score: 1, f_score: 2, m_score: 5, churn_risk: 'unknown' });
      expect(byName.fay).toMatchObject({ recency_days: 41, usual_interval_days: 20, overdue_pct: 205, churn_risk: 'high', r_score: 3, f_score: 3, m_score: 3, next_replenish_on: '2026-05-26' });

      const cycles = await t.dataSource.query('SELECT key_type, key_value, cycle_days, samples FROM purchase_cycles ORDER BY key_type, key_value');
      expect(cycles).toEqual([
        { key_type: 'category', key_value: 'milk', cycle_days: 21, samples: 5 },
        { key_type: 'item', key_value: ids.X, cycle_days: 21, samples: 5 },
      ]);
      // Y has too few repeats of its own: it runs out on its category's (milk) cycle, 21 days.
      const annReplenishments = await t.dataSource.query('SELECT item_id, last_purchase_on, expected_on FROM member_replenishments WHERE member_id = ? ORDER BY expected_on', [ids.ann]);
      expect(annReplenishments).toEqual([
        { item_id: ids.Y, last_purchase_on: '2026-05-25', expected_on: '2026-06-15' },
        { item_id: ids.X, last_purchase_on: '2026-06-15', expected_on: '2026-07-06' },
      ]);
      const pairs = await t.dataSource.query('SELECT item_id, partner_id, pair_count, confidence, lift FROM item_pairs ORDER BY item_id = ? DESC', [ids.X]);
      expect(pairs).toHaveLength(2);
      expect(pairs[0]).toMatchObject({ item_id: ids.X, partner_id: ids.Y, pair_count: 5 });
      expect(Number(pairs[0].confidence)).toBeCloseTo(5 / 8, 10);
      expect(Number(pairs[0].lift)).toBeCloseTo(5 / 8 / (6 / 10), 10);
    }, 60_000);

    it('shows bought-together partners on the item page to members only', async () => {
      const { token } = await t.loginMember('bt-shopper');
      const x = await t.request('GET', `/api/mall/items/${ids.X}/bought-together`, { token });
      expect(x.status).toBe(200);
      expect(x.body.items).toEqual([expect.objectContaining({ id: ids.Y, name: 'Y', imageUrl: 'https://img.example/Y.png', cashPriceFen: 1000 })]);
      expect((await t.request('GET', `/api/mall/items/${ids.Z}/bought-together`, { token })).body.items).toEqual([]);
      expect((await t.request('GET', `/api/mall/items/${ids.X}/bought-together?limit=0`, { token })).status).toBe(400);
      expect((await t.request('GET', '/api/mall/items/not-a-uuid/bought-together', { token })).status).toBe(400);
      expect((await t.request('GET', '/api/mall/items/0190a0a0-0000-7000-8000-000000000000/bought-together', { token })).status).toBe(404);
      expect((await t.request('GET', `/api/mall/items/${ids.X}/bought-together`)).status).toBe(401);
      await t.dataSource.query(`DELETE FROM members WHERE openid LIKE 'bt-%' OR nickname = 'bt-shopper'`);
    });
  });

  describe('POST /api/admin/audiences/preview', () => {
    beforeAll(async () => {
      await seed();
      await t.runJob('predictions');
    }, 30_000);

    it.each<[string, unknown[], string[]]>([
      ['no rules: everyone', [], ['ann', 'bob', 'cat', 'dan', 'eve', 'fay']],
      ['inactive for 30+ days (never active does not match)', [{ kind: 'lastActive', daysAgoMin: 30 }], ['bob', 'fay']],
      ['150+ points expiring within 30 days', [{ kind: 'expiringPoints', withinDays: 30, min: 150 }], ['bob', 'dan']],
      ['recent buyers (R 4–5)', [{ kind: 'rfm', measure: 'r', min: 4, max: 5 }], ['ann', 'cat']],
      ['due for replenishment in the last 30 days', [{ kind: 'replenishment', fromDays: -30, toDays: 0 }], ['ann', 'fay']],
      ['invited', [{ kind: 'inviter', invited: true }], ['bob', 'cat']],
      ['invited by ann (her invite code)', [{ kind: 'inviter', invited: true, inviteCode: 'FX000001' }], ['bob', 'cat']],
      ['invited by bob (nobody)', [{ kind: 'inviter', invited: true, inviteCode: 'FX000002' }], []],
      ['ordered within 14 days', [{ kind: 'lastOrder', daysAgoMax: 14 }], ['ann', 'cat']],
      ['spent 80–150 yuan', [{ kind: 'spend', min: 8000, max: 15000 }], ['ann', 'bob', 'fay']],
      ['never ordered', [{ kind: 'orders', max: 0 }], ['eve']],
      ['new normal members (joined within 14 days, store days)', [{ kind: 'tier', in: ['normal'] }, { kind: 'joined', daysAgoMax: 14 }], ['cat']],
      ['high churn risk', [{ kind: 'churnRisk', in: ['high'] }], ['bob', 'fay']],
      ['low points', [{ kind: 'points', max: 500 }], ['ann', 'cat', 'eve']],
      ['on iOS (latest login)', [{ kind: 'platform', in: ['ios'] }], ['ann', 'eve']],
      ['on a desktop or the dev tools', [{ kind: 'platform', in: ['windows', 'mac', 'devtools'] }], ['cat', 'dan']],
      ['phones, gold', [{ kind: 'platform', in: ['ios', 'android'] }, { kind: 'tier', in: ['gold'] }], ['ann']],
    ])('%s', async (_name, rules, expected) => {
      const res = await t.request('POST', '/api/admin/audiences/preview', { token: await t.adminToken('analyst'), body: { rules } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ memberCount: expected.length, predictionsOn: '2026-06-15' });
      const saved = await t.request('POST', '/api/admin/audiences', { token: await t.adminToken('operator'), body: { name: `a-${_name.slice(0, 30)}`, rules } });
      expect(saved.status).toBe(201);
      const members = await t.request('GET', `/api/admin/audiences/${saved.body.id}/members?pageSize=100`, { token: await t.adminToken('analyst') });
      expect(names(members.body.items.map((m: { id: string }) => m.id))).toEqual(expected);
      expect(members.body.total).toBe(expected.length);
    });

    it('refuses unknown rule kinds and bad values, naming them, and saves nothing', async () => {
      const token = await t.adminToken();
      const before = await t.count('audiences');
      const bad = await t.request('POST', '/api/admin/audiences/preview', { token, body: { rules: [{ kind: 'device', in: ['ios'] }, { kind: 'spend', min: -5 }, { kind: 'tier', in: ['bronze'] }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['rules[0].kind', 'rules[1].min', 'rules[2].in']);
      expect(bad.body.details.fields[0].errors[0]).toContain('device');
      for (const body of [{}, { rules: 'tier' }, { rules: [], extra: 1 }]) expect((await t.request('POST', '/api/admin/audiences/preview', { token, body })).status).toBe(400);
      const save = await t.request('POST', '/api/admin/audiences', { token, body: { name: 'bad', rules: [{ kind: 'rfm', measure: 'r', min: 0, max: 9 }] } });
      expect(save.status).toBe(400);
      expect(save.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['rules[0].min', 'rules[0].max']);
      expect(await t.count('audiences')).toBe(before);
    });
  });

  describe('an audience of five rules', () => {
    beforeAll(async () => {
      await seed();
      await t.runJob('predictions');
    }, 30_000);

    it('counts exactly what a hand-written SQL query counts', async () => {
      const rules = [
        { kind: 'tier', in: ['silver', 'gold', 'diamond'] },
        { kind: 'joined', daysAgoMin: 30 },
        { kind: 'points', min: 100 },
        { kind: 'orders', min: 1 },
        { kind: 'churnRisk', in: ['high', 'unknown'] },
      ];
      const token = await t.adminToken();
      const created = await t.request('POST', '/api/admin/audiences', { token, body: { name: '高价值流失风险', description: '五条规则', rules } });
      expect(created.status).toBe(201);
      // Joined at least 30 store days ago: before 00:00 Shanghai on 2026-05-17.
      const [hand] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM members m WHERE m.tier IN ('silver', 'gold', 'diamond') AND m.joined_at < ? AND m.points_balance >= 100
           AND EXISTS (SELECT 1 FROM member_scores s WHERE s.member_id = m.id AND s.order_count >= 1 AND s.churn_risk IN ('high', 'unknown'))`,
        [dbTime(t.dataSource.manager, new Date('2026-05-16T16:00:00Z'))],
      );
      const list = await t.request('GET', '/api/admin/audiences', { token: await t.adminToken('analyst') });
      expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: '高价值流失风险', rules, memberCount: Number(hand.n) })]);
      expect(Number(hand.n)).toBe(3);
      const page1 = await t.request('GET', `/api/admin/audiences/${created.body.id}/members?page=1&pageSize=2`, { token });
      const page2 = await t.request('GET', `/api/admin/audiences/${created.body.id}/members?page=2&pageSize=2`, { token });
      expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(names([...page1.body.items, ...page2.body.items].map((m: { id: string }) => m.id))).toEqual(['bob', 'dan', 'fay']);
      const bob = [...page1.body.items, ...page2.body.items].find((m: { id: string }) => m.id === ids.bob);
      expect(bob).toMatchObject({ nickname: 'bob', tier: 'silver', orders: 3, spendFen: 15000, rfm: '254', churnRisk: 'high', churnExplanation: '通常每 21 天购买一次，距上次下单已 64 天' });
      expect(bob).not.toHaveProperty('openid');
    });

    it('counts a platform audience exactly as a hand-written SQL query over the latest login sessions', async () => {
      const rules = [{ kind: 'platform', in: ['ios', 'android'] }, { kind: 'tier', in: ['gold', 'silver'] }, { kind: 'points', min: 200 }];
      const created = await t.request('POST', '/api/admin/audiences', { token: await t.adminToken(), body: { name: '手机端高积分', rules } });
      expect(created.status).toBe(201);
      const [hand] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM members m JOIN member_wechat_sessions w ON w.member_id = m.id
         WHERE w.platform IN ('ios', 'android') AND m.tier IN ('gold', 'silver') AND m.points_balance >= 200`,
      );
      expect(Number(hand.n)).toBe(2);
      const preview = await t.request('POST', '/api/admin/audiences/preview', { token: await t.adminToken('analyst'), body: { rules } });
      expect(preview.body.memberCount).toBe(Number(hand.n));
      const members = await t.request('GET', `/api/admin/audiences/${created.body.id}/members`, { token: await t.adminToken('analyst') });
      expect(names(members.body.items.map((m: { id: string }) => m.id))).toEqual(['ann', 'bob']);
    });

    it('lets owners and operators write, analysts only read, members nothing', async () => {
      const body = { name: '角色测试', rules: [{ kind: 'inviter', invited: false }] };
      const analyst = await t.adminToken('analyst');
      expect((await t.request('POST', '/api/admin/audiences', { token: analyst, body })).status).toBe(403);
      const created = await t.request('POST', '/api/admin/audiences', { token: await t.adminToken('operator'), body });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await t.request('POST', '/api/admin/audiences', { token: await t.adminToken(), body })).status).toBe(409);
      expect((await t.request('PUT', `/api/admin/audiences/${id}`, { token: analyst, body })).status).toBe(403);
      expect((await t.request('DELETE', `/api/admin/audiences/${id}`, { token: analyst })).status).toBe(403);
      expect((await t.request('GET', `/api/admin/audiences/${id}`, { token: analyst })).status).toBe(200);
      const { token: member } = await t.loginMember('audience-nosy');
      expect((await t.request('GET', '/api/admin/audiences', { token: member })).status).toBe(403);
      expect((await t.request('POST', '/api/admin/audiences/preview', { body: { rules: [] } })).status).toBe(401);
      const renamed = await t.request('PUT', `/api/admin/audiences/${id}`, { token: await t.adminToken(), body: { name: '改名', rules: [{ kind: 'tier', in: ['gold'] }] } });
      expect(renamed.body).toMatchObject({ name: '改名', rules: [{ kind: 'tier', in: ['gold'] }] });
      const audits = await t.dataSource.query(`SELECT action FROM admin_audit_log WHERE target_id = ? ORDER BY created_at`, [id]);
      expect(audits.map((a: { action: string }) => a.action).sort()).toEqual(['audience.create', 'audience.update']);
      expect((await t.request('DELETE', `/api/admin/audiences/${id}`, { token: await t.adminToken('operator') })).status).toBe(204);
      expect((await t.request('GET', `/api/admin/audiences/${id}`, { token: analyst })).status).toBe(404);
      expect((await t.request('GET', `/api/admin/audiences/${id}/members`, { token: analyst })).status).toBe(404);
    });
  });
});
