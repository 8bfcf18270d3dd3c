/**
 * Two server processes behind a round-robin "balancer" on one MariaDB (a private server this test
 * can crash), under a mixed load of logins, check-ins, orders, payments and analytics. Afterwards
 * the books must balance; with the database crashed and restarted in the middle, the servers report
 * unhealthy, recover by themselves, fail in-flight requests cleanly and leave nothing half-applied.
 */
import { createServer } from 'node:net';
import { startPrivateMariadb, PrivateMariadb } from '../../scripts/bench/soak/private-mariadb';
import { startCluster, Cluster } from '../../scripts/bench/soak/cluster';
import { runMixedLoad, setupStore, StoreSetup, LoadReport } from '../../scripts/bench/soak/mixed-load';
import { checkInvariants } from '../../scripts/bench/soak/invariants';

const LOAD_MS = Number(process.env.RELIABILITY_LOAD_MS ?? 60_000);
jest.setTimeout(LOAD_MS * 2 + 240_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const health = async (base: string) => {
  try {
    return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
};

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Date.now() - started;
}

describe('two instances on one MariaDB', () => {
  let db: PrivateMariadb;
  let cluster: Cluster;
  let store: StoreSetup;
  let paidSoFar = 0;

  beforeAll(async () => {
    db = await startPrivateMariadb(await freePort());
    const redis = process.env.RELIABILITY_REDIS_URL;
    cluster = await startCluster({
      databaseUrl: db.url,
      ports: [await freePort(), await freePort()],
      env: redis ? { REDIS_URL: redis, REDIS_KEY_PREFIX: `mall:rel:${process.pid}:` } : {},
    });
    try {
      store = await setupStore(cluster.bases, 150);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${cluster.logs.join('\n---\n').slice(-4000)}`);
    }
  });
  afterAll(async () => {
    await cluster?.close();
    await db?.destroy();
  });

  /** Payments the stand-in confirmed are all applied once their notifications land. */
  async function settle(report: LoadReport) {
    paidSoFar += report.paidOrders;
    const conn = await (await import('mysql2/promise')).createConnection(db.url);
    try {
      await waitUntil(
        async () => {
          const [rows] = await conn.query<any[]>("SELECT COUNT(*) AS n FROM growth_ledger WHERE reason = 'order_paid'");
          return Number(rows[0].n) >= paidSoFar;
        },
        30_000,
        `${paidSoFar} paid orders were not all applied`,
      );
    } finally {
      await conn.end();
    }
  }

  function explain(report: LoadReport) {
    return JSON.stringify({ ...report, routes: Object.fromEntries(Object.entries(report.routes).map(([k, v]) => [k, { n: v.count, statuses: v.statuses, p99: v.p99 }])) });
  }

  it(`keeps the books balanced after ${LOAD_MS / 1000} s of mixed load`, async () => {
    const report = await runMixedLoad({ bases: cluster.bases, sandbox: cluster.sandbox, setup: store, durationMs: LOAD_MS, concurrency: 24 });
    expect([report.serverErrors, report.networkErrors, explain(report)]).toEqual([0, 0, explain(report)]);
    expect(report.routes['checkin'].count).toBeGreaterThan(50);
    expect(report.routes['order-cash'].statuses['200']).toBeGreaterThan(10);
    await settle(report);

    // Every daily job, asked on both instances at the same moment: one of them runs it.
    for (const job of ['checkin-reminder', 'points-expiry', 'points-expiry-warning', 'tier-review', 'birthday-gifts', 'member-day-reminder']) {
      const answers = await Promise.all(cluster.bases.map((b) => fetch(`${b}/api/dev/jobs/${job}`, { method: 'POST' }).then((r) => r.json() as Promise<{ ran: boolean }>)));
      expect([job, answers.filter((a) => a.ran).length <= 1]).toEqual([job, true]);
    }
    const broken = await checkInvariants(db.url, store.initialStock);
    expect(Object.entries(broken).filter(([, n]) => n > 0)).toEqual([]);
  });

  it('sends a scheduled reminder once per member with two processes, however often the job is started', async () => {
    const base = cluster.bases[0];
    const openids = Array.from({ length: 6 }, (_, i) => `remind-${process.pid}-${i}`);
    for (const openid of openids) {
      const login = (await (await fetch(`${base}/api/auth/wx-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `sandbox:${openid}` }) })).json()) as { token: string };
      const sub = await fetch(`${base}/api/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` }, body: JSON.stringify({ topics: ['checkin_reminder'] }) });
      expect(sub.status).toBeLessThan(300);
    }
    cluster.sandbox.state.subscribeMessages.length = 0;
    // 21:00 in Shanghai on a day nobody has checked in, on both instances' clocks.
    const put = (b: string) => fetch(`${b}/api/dev/clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: '2027-01-05T13:00:00Z' }) });
    await Promise.all(cluster.bases.map(put));
    try {
      const starts = await Promise.all([...cluster.bases, ...cluster.bases, ...cluster.bases].map((b) => fetch(`${b}/api/dev/jobs/checkin-reminder`, { method: 'POST' }).then((r) => r.json() as Promise<{ ran: boolean }>)));
      expect(starts.filter((a) => a.ran)).toHaveLength(1);
      const sent = cluster.sandbox.state.subscribeMessages.map((m) => m.touser);
      expect(openids.map((o) => sent.filter((t) => t === o).length)).toEqual(openids.map(() => 1));
    } finally {
      await Promise.all(cluster.bases.map((b) => fetch(`${b}/api/dev/clock`, { method: 'DELETE' })));
    }
  });

  it('sends a campaign occurrence once per member with two processes ticking at the same moment, again and again', async () => {
    const json = { 'content-type': 'application/json' };
    const base = cluster.bases[0];
    const openids = Array.from({ length: 6 }, (_, i) => `campaign-${process.pid}-${i}`);
    for (const openid of openids) {
      const login = (await (await fetch(`${base}/api/auth/wx-login`, { method: 'POST', headers: json, body: JSON.stringify({ code: `sandbox:${openid}` }) })).json()) as { token: string };
      const sub = await fetch(`${base}/api/subscriptions`, { method: 'POST', headers: { ...json, authorization: `Bearer ${login.token}` }, body: JSON.stringify({ topics: ['campaign'] }) });
      expect(sub.status).toBeLessThan(300);
    }
    cluster.sandbox.state.subscribeMessages.length = 0;
    // Noon in Shanghai (outside quiet hours) on both instances' clocks.
    await Promise.all(cluster.bases.map((b) => fetch(`${b}/api/dev/clock`, { method: 'PUT', headers: json, body: JSON.stringify({ now: '2027-01-06T04:00:00Z' }) })));
    const admin = { ...json, authorization: `Bearer ${store.adminToken}` };
    const created = await fetch(`${base}/api/admin/campaigns`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: '双实例活动', offer: { kind: 'points', points: 10 }, message: { title: '新年福利', body: '点开领取积分' }, trigger: { kind: 'once', at: '2027-01-06T03:00:00Z' }, holdoutPct: 10 }),
    });
    expect(created.status).toBe(201);
    const campaignId = ((await created.json()) as { id: string }).id;
    const activated = await fetch(`${base}/api/admin/campaigns/${campaignId}/activate`, { method: 'POST', headers: { authorization: admin.authorization } });
    expect(activated.status).toBe(200);
    const conn = await (await import('mysql2/promise')).createConnection(db.url);
    try {
      const count = async () => Number(((await conn.query<any[]>('SELECT COUNT(*) AS n FROM campaign_sends WHERE campaign_id = ?', [campaignId]))[0] as any[])[0].n);
      // Both processes tick at once (distinct run keys, so neither skips), round after round.
      let previous = -1;
      for (let round = 0; round < 8 && previous !== (await count()); round++) {
        previous = await count();
        const ticks = await Promise.all(
          [...cluster.bases, ...cluster.bases].map((b, i) => fetch(`${b}/api/dev/campaigns/run`, { method: 'POST', headers: json, body: JSON.stringify({ runKey: `r${round}-${i}` }) })),
        );
        expect(ticks.map((r) => r.status)).toEqual(ticks.map(() => 200));
      }
      const [[totals]] = await conn.query<any[]>(
        `SELECT COUNT(*) AS sends, COUNT(DISTINCT member_id) AS members, SUM(status = 'holdout') AS held,
           (SELECT COUNT(*) FROM members) AS everyone,
           (SELECT COUNT(*) FROM member_notices n JOIN campaign_sends s ON s.id = n.ref WHERE s.campaign_id = ?) AS notices
         FROM campaign_sends WHERE campaign_id = ?`,
        [campaignId, campaignId],
      );
      expect(Number(totals.sends)).toBe(Number(totals.members));
      expect(Number(totals.members)).toBe(Number(totals.everyone));
      expect(Number(totals.held)).toBeGreaterThan(0);
      expect(Number(totals.notices)).toBe(Number(totals.sends) - Number(totals.held));
      const [subscribed] = await conn.query<any[]>(
        `SELECT m.openid, s.status FROM campaign_sends s JOIN members m ON m.id = s.member_id WHERE s.campaign_id = ? AND m.openid IN (${openids.map(() => '?').join(',')})`,
        [campaignId, ...openids],
      );
      const sent = cluster.sandbox.state.subscribeMessages.map((m) => m.touser);
      for (const row of subscribed as { openid: string; status: string }[]) expect([row.openid, sent.filter((t) => t === row.openid).length]).toEqual([row.openid, row.status === 'sent' ? 1 : 0]);
    } finally {
      await conn.end();
      await Promise.all(cluster.bases.map((b) => fetch(`${b}/api/dev/clock`, { method: 'DELETE' })));
    }
  });

  it('rides out a MariaDB crash and restart in the middle of the load', async () => {
    const loadMs = Math.max(30_000, LOAD_MS / 2);
    const running = runMixedLoad({ bases: cluster.bases, sandbox: cluster.sandbox, setup: store, durationMs: loadMs, concurrency: 16 });
    await new Promise((r) => setTimeout(r, loadMs / 4));
    await db.stop('crash');
    const noticed = await waitUntil(async () => (await Promise.all(cluster.bases.map(health))).every((s) => s === 503), 10_000, 'the instances did not report unhealthy');
    await new Promise((r) => setTimeout(r, 3000));
    await db.start();
    const recovered = await waitUntil(async () => (await Promise.all(cluster.bases.map(health))).every((s) => s === 200), 30_000, 'the instances did not recover');
    const report = await running;
    await settle(report);
    // Requests in flight either succeeded or failed with a 5xx in the error shape; no server died.
    expect([report.unshapedErrors, report.networkErrors, explain(report)]).toEqual([0, 0, explain(report)]);
    expect(report.serverErrors).toBeGreaterThan(0); // the outage was real
    expect(noticed).toBeLessThan(10_000);
    expect(recovered).toBeLessThan(30_000);
    // After recovery the store works again on both instances.
    const after = await runMixedLoad({ bases: cluster.bases, sandbox: cluster.sandbox, setup: store, durationMs: 5000, concurrency: 8 });
    expect([after.serverErrors, after.networkErrors, explain(after)]).toEqual([0, 0, explain(after)]);
    await settle(after);
    const broken = await checkInvariants(db.url, store.initialStock);
    expect(Object.entries(broken).filter(([, n]) => n > 0)).toEqual([]);
  });
});
