/**
 * Bad-input sweep: every route in the OpenAPI document is fed malformed JSON, wrong types, huge
 * strings, out-of-range numbers, unknown fields, missing or wrong-kind auth and garbage ids
 * (property-based, fast-check). Each answer must be a 4xx in the error shape — never a 500 — and the
 * database must be byte-for-byte unchanged afterwards.
 */
import fc from 'fast-check';
import { startTestApp, TestApp, ApiResponse } from '../../server/test/harness';
import { fillPath, loadRoutes, Route } from './route-catalog';
import { badBody, badPathValue, badQueryValue } from './bad-values';
import { changedTables, snapshot } from './db-snapshot';
import { seedWorld, World } from './world';

jest.setTimeout(300_000);

const RUNS = Number(process.env.SWEEP_RUNS ?? 12);

describe('bad-input sweep over every route', () => {
  let t: TestApp;
  let routes: Route[];
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    routes = await loadRoutes(t);
    world = await seedWorld(t);
  });
  afterAll(() => t.close());

  function tokenFor(route: Route): string | undefined {
    if (route.access.kind === 'member') return world.memberA.token;
    if (route.access.kind === 'admin') return world.ownerToken;
    return undefined;
  }

  /** A refusal: 4xx with `{ code, message }`; anything else fails with what was sent. */
  function expectRefused(res: ApiResponse, what: string) {
    const shaped = typeof res.body === 'object' && res.body !== null && typeof res.body.code === 'string' && typeof res.body.message === 'string';
    if (res.status < 400 || res.status >= 500 || !shaped) {
      throw new Error(`${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/session_key|sessionKey|\n\s+at /);
  }

  async function unchanged<T>(label: string, work: () => Promise<T>): Promise<T> {
    const before = await snapshot(t.dataSource);
    const result = await work();
    const changed = changedTables(before, await snapshot(t.dataSource));
    if (changed.length) throw new Error(`${label} changed ${changed.join(', ')}`);
    return result;
  }

  const dev = (r: Route) => r.path.startsWith('/api/dev/');

  it('knows every route and every route declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(50);
    const undeclared = routes.filter((r) => !['public', 'member', 'admin'].includes(r.access.kind));
    expect(undeclared.map((r) => r.operationId)).toEqual([]);
  });

  it('refuses missing and wrong-kind tokens on every protected route', async () => {
    await unchanged('auth sweep', async () => {
      for (const route of routes.filter((r) => r.access.kind !== 'public')) {
        const path = fillPath(route, world.pathValuesFor(route));
        const none = await t.request(route.method, path, { body: route.body ? {} : undefined });
        expect([route.operationId, none.status]).toEqual([route.operationId, 401]);
        expectRefused(none, `${route.method} ${route.path} without a token`);
        const other = route.access.kind === 'member' ? world.ownerToken : world.memberA.token;
        const wrong = await t.request(route.method, path, { token: other, body: route.body ? {} : undefined });
        expect([route.operationId, wrong.status]).toEqual([route.operationId, 403]);
      }
    });
  });

  it('refuses malformed JSON and non-JSON bodies on every route that takes a body', async () => {
    await unchanged('malformed body sweep', async () => {
      for (const route of routes.filter((r) => r.body || r.multipart)) {
        const path = fillPath(route, world.pathValuesFor(route));
        for (const [rawBody, type] of [['{"a":', 'application/json'], ['not json', 'application/json'], ['a=1', 'text/plain']] as const) {
          const res = await t.request(route.method, path, { token: tokenFor(route), rawBody, headers: { 'content-type': type } });
          expectRefused(res, `${route.method} ${route.path} with ${type} ${rawBody}`);
        }
      }
    });
  });

  it('refuses bodies with a bad field on every JSON route (property-based)', async () => {
    for (const route of routes.filter((r) => r.body && !dev(r))) {
      const path = fillPath(route, world.pathValuesFor(route));
      await unchanged(`${route.method} ${route.path}`, () =>
        fc.assert(
          fc.asyncProperty(badBody(route.body!), async (body) => {
            const res = await t.request(route.method, path, { token: tokenFor(route), body });
            expectRefused(res, `${route.method} ${route.path} body ${JSON.stringify(body).slice(0, 200)}`);
          }),
          { numRuns: RUNS, endOnFailure: true },
        ),
      );
    }
  });

  it('refuses garbage and other members\' ids in every path parameter', async () => {
    for (const route of routes.filter((r) => r.params.some((p) => p.in === 'path') && !dev(r))) {
      const names = route.params.filter((p) => p.in === 'path').map((p) => p.name);
      const foreign = route.access.kind === 'member' ? world.memberB.ids : [];
      const value = fc.oneof(badPathValue, ...(foreign.length ? [fc.constantFrom(...foreign)] : []));
      await unchanged(`${route.method} ${route.path}`, () =>
        fc.assert(
          fc.asyncProperty(value, async (v) => {
            const path = fillPath(route, Object.fromEntries(names.map((n) => [n, v])));
            const res = await t.request(route.method, path, { token: tokenFor(route), body: route.body ? {} : undefined });
            expectRefused(res, `${route.method} ${path}`);
          }),
          { numRuns: RUNS, endOnFailure: true },
        ),
      );
    }
  });

  it('refuses badly typed query parameters', async () => {
    for (const route of routes.filter((r) => !dev(r))) {
      for (const param of route.params.filter((p) => p.in === 'query')) {
        const bad = badQueryValue(param);
        if (!bad) continue;
        const base = fillPath(route, world.pathValuesFor(route));
        await unchanged(`${route.method} ${route.path}?${param.name}`, () =>
          fc.assert(
            fc.asyncProperty(bad, async (v) => {
              const res = await t.request(route.method, `${base}?${param.name}=${encodeURIComponent(v)}`, { token: tokenFor(route), body: route.body ? {} : undefined });
              expectRefused(res, `${route.method} ${base}?${param.name}=${v}`);
            }),
            { numRuns: Math.min(RUNS, 5), endOnFailure: true },
          ),
        );
      }
    }
  });
});
