import { startTestApp, TestApp, isMysqlRun } from '../../test/harness';

describe('health and public config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('GET /api/health reports the database kind', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: isMysqlRun() ? 'mysql' : 'sqlite' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GET /api/app-config gives the store settings and, outside production, the stand-in URL', async () => {
    const res = await t.request('GET', '/api/app-config');
    expect(res.body).toEqual({ storeName: '会员好物商城', timezone: 'Asia/Shanghai', wechatSandboxBase: t.sandbox.url });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('GET', '/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/wx-login', '/api/members/me', '/api/admin/members']));
  });

  it('PUT /api/dev/clock moves the server clock (test clock only)', async () => {
    const res = await t.request('PUT', '/api/dev/clock', { body: { now: '2026-01-31T16:00:00Z' } });
    expect(res.body).toMatchObject({ today: '2026-02-01' });
    const bad = await t.request('PUT', '/api/dev/clock', { body: { now: 'yesterday' } });
    expect(bad.status).toBe(400);
    await t.request('DELETE', '/api/dev/clock');
  });
});
