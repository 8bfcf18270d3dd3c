import { startTestApp, TestApp } from '../../test/harness';

describe('members API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  describe('GET /api/members/me', () => {
    it("shows the member's own profile with a masked phone and an invite code", async () => {
      const { token, member } = await t.loginMember('openid-me');
      await t.dataSource.query(`UPDATE members SET phone = '13812345678' WHERE id = '${member.id}'`);
      const res = await t.request('GET', '/api/members/me', { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: member.id, tier: 'normal', points: 0, phoneMasked: '138****5678', birthday: null });
      expect(res.body.inviteCode).toMatch(/^[A-Z2-9]{8}$/);
      expect(JSON.stringify(res.body)).not.toMatch(/13812345678|openid/);
    });

    it('refuses anonymous calls and admin tokens', async () => {
      expect((await t.request('GET', '/api/members/me')).status).toBe(401);
      const admin = await t.adminToken();
      const res = await t.request('GET', '/api/members/me', { token: admin });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('MEMBER_ONLY');
    });
  });

  describe('PATCH /api/members/me', () => {
    it('updates nickname, avatar and birthday', async () => {
      const { token } = await t.loginMember('openid-patch');
      const res = await t.request('PATCH', '/api/members/me', {
        token,
        body: { nickname: '  小鱼  ', avatarUrl: 'https://example.com/a.png', birthday: '05-20' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ nickname: '小鱼', avatarUrl: 'https://example.com/a.png', birthday: '05-20' });
    });

    it('lets the birthday change at most once a year', async () => {
      const { token } = await t.loginMember('openid-bday');
      await t.setClock('2026-03-01T04:00:00Z');
      try {
        expect((await t.request('PATCH', '/api/members/me', { token, body: { birthday: '05-20' } })).status).toBe(200);
        expect((await t.request('PATCH', '/api/members/me', { token, body: { birthday: '06-01' } })).status).toBe(200);
        const refused = await t.request('PATCH', '/api/members/me', { token, body: { birthday: '07-01' } });
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('BIRTHDAY_CHANGE_LIMIT');
        // 2027-01-01 00:30 in Shanghai is still 2026 in UTC: the store's year decides.
        await t.setClock('2026-12-31T16:30:00Z');
        expect((await t.request('PATCH', '/api/members/me', { token, body: { birthday: '07-01' } })).status).toBe(200);
      } finally {
        await t.request('DELETE', '/api/dev/clock');
      }
    });

    it('refuses bad values and unknown fields and changes nothing', async () => {
      const { token } = await t.loginMember('openid-bad');
      for (const body of [{ birthday: '13-01' }, { nickname: '' }, { nickname: 'x'.repeat(33) }, { avatarUrl: 'javascript:alert(1)' }, { points: 1000 }, { tier: 'diamond' }]) {
        const res = await t.request('PATCH', '/api/members/me', { token, body });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const me = await t.request('GET', '/api/members/me', { token });
      expect(me.body).toMatchObject({ tier: 'normal', points: 0, birthday: null });
    });
  });
});
