/**
 * Security checks across the whole API: forged, unsigned and expired tokens, admin roles on every
 * admin route (read from the handlers' own declarations), uploads that lie about their type, the
 * security headers and CORS. Every refusal leaves the database unchanged.
 */
import jwt from 'jsonwebtoken';
import { startTestApp, TestApp } from '../../server/test/harness';
import { fillPath, loadRoutes, Route } from './route-catalog';
import { plausibleValue } from './bad-values';
import { changedTables, snapshot } from './db-snapshot';
import { seedWorld, World } from './world';

jest.setTimeout(120_000);

const SECRET = 'test-jwt-secret-0123456789-0123456789-abcdef';

describe('security checks', () => {
  let t: TestApp;
  let routes: Route[];
  let world: World;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://admin.example.com' });
    routes = await loadRoutes(t);
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  const claimsOf = (token: string) => jwt.decode(token) as Record<string, unknown>;

  it('refuses admin tokens that are forged, unsigned, tampered or expired', async () => {
    const good = claimsOf(world.ownerToken);
    const [h, p, s] = world.ownerToken.split('.');
    const now = Math.floor(Date.now() / 1000);
    const forged = {
      'wrong secret': jwt.sign({ ...good }, 'another-secret-0123456789-0123456789-abcdef', { algorithm: 'HS256' }),
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`,
      'tampered role': `${h}.${Buffer.from(JSON.stringify({ ...good, role: 'owner', sub: 'someone-else' })).toString('base64url')}.${s}`,
      expired: jwt.sign({ ...good, iat: now - 7200, exp: now - 60 }, SECRET, { algorithm: 'HS256' }),
      'HS512 with the right secret': jwt.sign({ ...good }, SECRET, { algorithm: 'HS512' }),
      'member token posing as admin': world.memberA.token,
    };
    for (const [what, token] of Object.entries(forged)) {
      const res = await t.request('GET', '/api/admin/me', { token });
      expect([what, res.status]).toEqual([what, what.startsWith('member') ? 403 : 401]);
      expect(res.body.code).toMatch(/UNAUTHORIZED|ADMIN_ONLY/);
    }
    expect((await t.request('GET', '/api/admin/me', { token: world.ownerToken })).status).toBe(200);
  });

  it('enforces the declared admin roles on every admin route, changing nothing when refused', async () => {
    const tokens = { owner: world.ownerToken, operator: await t.adminToken('operator'), analyst: await t.adminToken('analyst') };
    const restricted = routes.filter((r) => r.access.kind === 'admin' && r.access.roles.length > 0);
    expect(restricted.length).toBeGreaterThan(10);
    const before = await snapshot(t.dataSource);
    for (const route of restricted) {
      const allowed = route.access.kind === 'admin' ? route.access.roles : [];
      for (const role of (['owner', 'operator', 'analyst'] as const).filter((r) => !allowed.includes(r))) {
        const res = await t.request(route.method, fillPath(route, world.pathValuesFor(route)), { token: tokens[role], body: route.body ? plausibleValue(route.body) : undefined });
        expect([route.method, route.path, role, res.status, res.body.code]).toEqual([route.method, route.path, role, 403, 'ROLE_FORBIDDEN']);
      }
    }
    expect(changedTables(before, await snapshot(t.dataSource))).toEqual([]);
  });

  it('keeps analysts read-only: every admin write is closed to them (exports and previews aside)', () => {
    // Exports write only their own audit and job rows; a preview is a read that takes its rules as a body.
    const readsByPost = (path: string) => /export/.test(path) || /\/preview$/.test(path);
    const open = routes.filter((r) => r.access.kind === 'admin' && r.method !== 'GET' && !readsByPost(r.path) && (r.access.roles.length === 0 || r.access.roles.includes('analyst')));
    expect(open.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('refuses uploads whose content is not the image their name and type claim', async () => {
    const before = await snapshot(t.dataSource);
    const fakes: [string, Blob, string][] = [
      ['script named .png', new Blob(['<script>alert(1)</script>'], { type: 'image/png' }), 'evil.png'],
      ['svg as png', new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], { type: 'image/png' }), 'logo.png'],
      ['exe as jpg', new Blob([Buffer.from('4d5a900003000000', 'hex')], { type: 'image/jpeg' }), 'photo.jpg'],
      ['empty file', new Blob([]), 'empty.png'],
    ];
    for (const [what, blob, name] of fakes) {
      const form = new FormData();
      form.append('file', blob, name);
      const res = await fetch(`${t.baseUrl}/api/admin/media`, { method: 'POST', headers: { authorization: `Bearer ${world.ownerToken}` }, body: form });
      expect([what, [400, 415].includes(res.status)]).toEqual([what, true]);
      expect(((await res.json()) as { code: string }).code).toEqual(expect.any(String));
    }
    expect(changedTables(before, await snapshot(t.dataSource))).toEqual([]);
  });

  it('sets the security headers on API answers', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers CORS only for the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/api/admin/me`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const evil = await preflight('https://evil.example.net');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await preflight('https://admin.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await fetch(`${t.baseUrl}/api/health`, { headers: { origin: 'https://evil.example.net' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});
