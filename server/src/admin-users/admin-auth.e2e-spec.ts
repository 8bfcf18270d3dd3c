import { startTestApp, TestApp, TEST_ADMIN } from '../../test/harness';

describe('admin auth API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t?.close());

  describe('POST /api/admin/auth/login', () => {
    it('logs the owner in with a hashed password', async () => {
      const res = await t.request('POST', '/api/admin/auth/login', { body: TEST_ADMIN });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ token: expect.any(String), expiresIn: 7200, admin: { id: expect.any(String), username: 'owner', role: 'owner' } });
      const [row] = await t.dataSource.query(`SELECT password_hash FROM admin_users WHERE username = 'owner'`);
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain(TEST_ADMIN.password);
      const me = await t.request('GET', '/api/admin/me', { token: res.body.token });
      expect(me.body).toEqual(res.body.admin);
    });

    it('refuses a wrong password and an unknown user alike', async () => {
      for (const body of [{ ...TEST_ADMIN, password: 'wrong-password' }, { username: 'nobody', password: 'whatever1' }]) {
        const res = await t.request('POST', '/api/admin/auth/login', { body });
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
      }
    });

    it('rate-limits login attempts', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await t.request('POST', '/api/admin/auth/login', { body: { username: 'owner', password: 'guess' + i } })).status);
      }
      expect(statuses).toContain(429);
      const limited = await t.request('POST', '/api/admin/auth/login', { body: TEST_ADMIN });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
    });
  });

  describe('routes without a declared permission', () => {
    it('answers unknown routes with 404 in the error shape', async () => {
      const res = await t.request('GET', '/api/does-not-exist');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    });
  });
});
