import { startTestApp, TestApp } from '../../test/harness';

describe('admin members API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  async function createMembers(n: number, prefix = 'm') {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await t.loginMember(`${prefix}-${i}`));
    return out;
  }

  describe('GET /api/admin/members', () => {
    it('pages through members newest first without overlaps', async () => {
      const created = await createMembers(25);
      const token = await t.adminToken();
      const p1 = await t.request('GET', '/api/admin/members?page=1&pageSize=10', { token });
      const p3 = await t.request('GET', '/api/admin/members?page=3&pageSize=10', { token });
      expect(p1.status).toBe(200);
      expect(p1.body.total).toBe(25);
      expect(p1.body.items).toHaveLength(10);
      expect(p3.body.items).toHaveLength(5);
      const all = [];
      for (let page = 1; page <= 3; page++) {
        all.push(...(await t.request('GET', `/api/admin/members?page=${page}&pageSize=10`, { token })).body.items);
      }
      expect(new Set(all.map((m: { id: string }) => m.id)).size).toBe(25);
      expect(all.map((m: { id: string }) => m.id).sort()).toEqual(created.map((c) => c.member.id).sort());
      expect(JSON.stringify(p1.body)).not.toMatch(/openid|session/i);
    });

    it('searches by nickname fragment and by exact member id', async () => {
      const [a, b] = await createMembers(2);
      await t.request('PATCH', '/api/members/me', { token: a.token, body: { nickname: '王小鱼' } });
      await t.request('PATCH', '/api/members/me', { token: b.token, body: { nickname: '100%_李' } });
      const token = await t.adminToken('analyst');
      const byName = await t.request('GET', `/api/admin/members?q=${encodeURIComponent('小鱼')}`, { token });
      expect(byName.body.items.map((m: { id: string }) => m.id)).toEqual([a.member.id]);
      const byId = await t.request('GET', `/api/admin/members?q=${b.member.id}`, { token });
      expect(byId.body.items.map((m: { id: string }) => m.id)).toEqual([b.member.id]);
      // LIKE wildcards in the search text match literally.
      const literal = await t.request('GET', `/api/admin/members?q=${encodeURIComponent('%_')}`, { token });
      expect(literal.body.items.map((m: { id: string }) => m.id)).toEqual([b.member.id]);
    });

    it('refuses member tokens and anonymous calls', async () => {
      const { token } = await t.loginMember('sneaky');
      const asMember = await t.request('GET', '/api/admin/members', { token });
      expect(asMember.status).toBe(403);
      expect(asMember.body).toEqual({ code: 'ADMIN_ONLY', message: expect.any(String) });
      expect((await t.request('GET', '/api/admin/members')).status).toBe(401);
    });

    it('validates the query', async () => {
      const token = await t.adminToken();
      for (const q of ['pageSize=1000', 'page=0', 'page=abc', 'unknown=1', `q=${'x'.repeat(65)}`]) {
        const res = await t.request('GET', `/api/admin/members?${q}`, { token });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('GET /api/admin/dashboard', () => {
    it('counts members by join day in the store time zone and by tier', async () => {
      // 2026-03-02 00:10 in Shanghai is 2026-03-01 16:10 UTC.
      await t.setClock('2026-03-01T15:50:00Z');
      try {
        await createMembers(2, 'yesterday');
        await t.setClock('2026-03-01T16:10:00Z');
        await createMembers(3, 'today');
        await t.dataSource.query(`UPDATE members SET tier = 'gold' WHERE openid = 'today-0'`);
        const res = await t.request('GET', '/api/admin/dashboard', { token: await t.adminToken() });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          totalMembers: 5,
          joinedToday: 3,
          joinedLast7Days: 5,
          activeLast7Days: 5,
          byTier: { normal: 4, silver: 0, gold: 1, diamond: 0 },
        });
      } finally {
        await t.request('DELETE', '/api/dev/clock');
      }
    });
  });
});
