import { startTestApp, TestApp } from '../../test/harness';

describe('member auth API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  describe('POST /api/auth/wx-login', () => {
    it('creates the member on first login and returns a token, never the session key', async () => {
      const res = await t.request('POST', '/api/auth/wx-login', { body: { code: 'sandbox:openid-alice' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        token: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 7200,
        member: { id: expect.any(String), nickname: expect.stringMatching(/^会员/), avatarUrl: '', tier: 'normal', points: 0 },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/session|openid-alice/i);
      expect(await t.count('members')).toBe(1);
      const [session] = await t.dataSource.query('SELECT session_key FROM member_wechat_sessions');
      expect(session.session_key).toBeTruthy();
    });

    it('logs the same WeChat user into the same member', async () => {
      const first = await t.loginMember('openid-bob');
      const second = await t.loginMember('openid-bob');
      expect(second.member.id).toBe(first.member.id);
      expect(await t.count('members')).toBe(1);
    });

    it('creates exactly one member when the first login is sent ten times at once', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => t.loginMember('openid-race')));
      expect(new Set(results.map((r) => r.member.id)).size).toBe(1);
      expect(await t.count('members')).toBe(1);
    });

    it('binds a new member to the inviter whose code they arrived with', async () => {
      const inviter = await t.loginMember('openid-inviter');
      const me = await t.request('GET', '/api/members/me', { token: inviter.token });
      const friend = await t.loginMember('openid-friend', me.body.inviteCode);
      const [row] = await t.dataSource.query(`SELECT inviter_id FROM members WHERE id = '${friend.member.id}'`);
      expect(row.inviter_id).toBe(inviter.member.id);
      // An existing member logging in again with a code is not re-bound.
      await t.loginMember('openid-inviter', 'ZZZZZZZZ');
      const [again] = await t.dataSource.query(`SELECT inviter_id FROM members WHERE id = '${inviter.member.id}'`);
      expect(again.inviter_id).toBeNull();
    });

    it('refuses an unknown login code with a clear 400 and writes nothing', async () => {
      const res = await t.request('POST', '/api/auth/wx-login', { body: { code: 'not-a-real-code' } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'INVALID_LOGIN_CODE', message: expect.any(String), details: { errcode: 40029 } });
      expect(await t.count('members')).toBe(0);
    });

    it('lists the bad fields of a malformed body', async () => {
      const res = await t.request('POST', '/api/auth/wx-login', { body: { code: 42, inviteCode: '!!', extra: true } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['code', 'extra', 'inviteCode']);
      expect(await t.count('members')).toBe(0);
    });

    it('answers malformed JSON with 400 and the error shape', async () => {
      const res = await t.request('POST', '/api/auth/wx-login', { rawBody: '{"code": ', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'MALFORMED_JSON', message: expect.any(String) });
    });

    it('answers an oversized body with 413 and writes nothing', async () => {
      const res = await t.request('POST', '/api/auth/wx-login', { body: { code: 'sandbox:big', inviteCode: 'x'.repeat(300 * 1024) } });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
      expect(await t.count('members')).toBe(0);
    });

    it('answers 503 when WeChat cannot be reached', async () => {
      t.sandbox.state.faults.down = true;
      try {
        const res = await t.request('POST', '/api/auth/wx-login', { body: { code: 'sandbox:openid-x' } });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
      } finally {
        t.sandbox.state.faults.down = false;
      }
      expect(await t.count('members')).toBe(0);
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('rotates the refresh token and refuses a used one', async () => {
      const login = await t.loginMember('openid-refresh');
      const first = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(login.refreshToken);
      const me = await t.request('GET', '/api/members/me', { token: first.body.token });
      expect(me.status).toBe(200);
      const replay = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('refuses an expired refresh token', async () => {
      const login = await t.loginMember('openid-expired');
      await t.setClock(new Date(Date.now() + 31 * 86_400_000).toISOString());
      try {
        const res = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
        expect(res.status).toBe(401);
      } finally {
        await t.request('DELETE', '/api/dev/clock');
      }
    });
  });

  describe('bearer tokens', () => {
    it('refuses a missing, forged or alg:none token', async () => {
      const login = await t.loginMember('openid-jwt');
      const [h, p] = login.token.split('.');
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url') + '.' + p + '.';
      for (const token of [undefined, login.token.slice(0, -2) + 'xx', none, `${h}.${p}.`]) {
        const res = await t.request('GET', '/api/members/me', { token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHORIZED');
      }
    });
  });
});
