import { randomBytes } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { startTestApp, TestApp, TEST_ADMIN, isMysqlRun } from '../../test/harness';
import { JobLockService } from '../jobs/job-lock.service';
import { WechatApiClient } from '../wechat/wechat-api.client';

/**
 * Two server instances on one database, as behind a load balancer: with Redis (a key prefix of
 * their own on the shared Redis), with REDIS_URL pointing at a Redis that is down, and without
 * Redis at all.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY = '2026-03-10';
/** Two instances (and, on MySQL, the migrations) start within this even on a busy machine. */
const START_TIMEOUT_MS = 60_000;

async function startPair(env: Record<string, string>): Promise<[TestApp, TestApp]> {
  const a = await startTestApp(env);
  const b = await startTestApp(env, a);
  for (const t of [a, b]) await t.setClock(`${DAY}T04:00:00Z`);
  return [a, b];
}

async function changeCheckinReminderHour(from: TestApp, hour: number): Promise<void> {
  const token = await from.adminToken();
  const current = (await from.request('GET', '/api/admin/checkins/settings', { token })).body;
  const res = await from.request('PUT', '/api/admin/checkins/settings', { token, body: { ...current, reminderHour: hour } });
  expect(res.status).toBe(200);
}

async function reminderHourOn(t: TestApp): Promise<number> {
  const res = await t.request('GET', '/api/admin/checkins/settings', { token: await t.adminToken() });
  return res.body.reminderHour;
}

async function loginAttempts(apps: TestApp[], n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    statuses.push((await apps[i % apps.length].request('POST', '/api/admin/auth/login', { body: { username: TEST_ADMIN.username, password: `guess-${i}` } })).status);
  }
  return statuses;
}

async function runOnBoth(a: TestApp, b: TestApp, job: string) {
  const outcomes = await Promise.all([a.runJob(job), b.runJob(job)]);
  const rows = await a.dataSource.query(`SELECT status, owner FROM job_runs WHERE job_name = '${job}' AND run_key = '${DAY}'`);
  return { outcomes, rows };
}

describe('scale-out: two instances with Redis', () => {
  const prefix = `mall:test:${randomBytes(6).toString('hex')}:`;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await startPair({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('reports Redis in the health check', async () => {
    for (const t of [a, b]) {
      const res = await t.request('GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', db: isMysqlRun() ? 'mysql' : 'sqlite', redis: 'ok' });
    }
  });

  it('holds the admin login limit across instances: the 11th attempt, on the other instance, is refused', async () => {
    const statuses = await loginAttempts([a, b], 10);
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await b.request('POST', '/api/admin/auth/login', { body: TEST_ADMIN });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
    expect(Number(eleventh.headers.get('retry-after-login'))).toBeGreaterThan(0);
    expect((await a.request('POST', '/api/admin/auth/login', { body: TEST_ADMIN })).status).toBe(429);
    // The counters live under this deployment's prefix only.
    expect((await redis.keys(`${prefix}throttle:login:*`)).length).toBeGreaterThan(0);
    const keys = await redis.keys(`${prefix}throttle:*`);
    await redis.del(...keys);
  });

  it('shows a settings change made on one instance on the other at once', async () => {
    expect(await reminderHourOn(b)).toBe(20); // now cached on B
    await changeCheckinReminderHour(a, 19);
    expect(await reminderHourOn(b)).toBe(19);
    await changeCheckinReminderHour(b, 21);
    expect(await reminderHourOn(a)).toBe(21);
  });

  it('runs a daily job once across the instances, the database row being the record', async () => {
    const { outcomes, rows } = await runOnBoth(a, b, 'points-expiry');
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ran)).toEqual({ ran: false, reason: expect.stringMatching(/^(in-progress|already-ran)$/) });
    expect(rows).toEqual([{ status: 'done', owner: expect.any(String) }]);
    expect(await a.runJob('points-expiry')).toEqual({ ran: false, reason: 'already-ran' });
    // The Redis lock is released after the run.
    expect(await redis.keys(`${prefix}lock:*`)).toEqual([]);
  });

  it('shares the WeChat access token, so instances do not retire each other\'s tokens', async () => {
    const tokenRequests = (t: TestApp) => t.sandbox.state.requestCounts['/cgi-bin/token'] ?? 0;
    const [beforeA, beforeB] = [tokenRequests(a), tokenRequests(b)];
    const token = await a.app.get(WechatApiClient).getAccessToken();
    expect(await b.app.get(WechatApiClient).getAccessToken()).toBe(token);
    expect([tokenRequests(a) - beforeA, tokenRequests(b) - beforeB]).toEqual([1, 0]);
    expect(await redis.pttl(`${prefix}wechat:access-token`)).toBeGreaterThan(6_000_000);
  });

  it('leaves an occurrence to the instance holding its Redis lock', async () => {
    await redis.set(`${prefix}lock:job:tier-review:${DAY}`, 'another-instance', 'PX', 10_000);
    expect(await b.runJob('tier-review')).toEqual({ ran: false, reason: 'in-progress' });
    expect(await a.count('job_runs WHERE job_name = \'tier-review\'')).toBe(0);
    await redis.del(`${prefix}lock:job:tier-review:${DAY}`);
    expect(await b.runJob('tier-review')).toMatchObject({ ran: true });
  });
});

describe('scale-out: REDIS_URL set but Redis down', () => {
  let a: TestApp;
  let b: TestApp;
  let port: number;
  let ownRedis: ChildProcess | undefined;
  beforeAll(async () => {
    port = await freePort();
    [a, b] = await startPair({ REDIS_URL: `redis://127.0.0.1:${port}` });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    ownRedis?.kill();
  });

  it('starts, and reports itself degraded with the cause (still serving, so a balancer keeps it)', async () => {
    const res = await a.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'degraded', db: isMysqlRun() ? 'mysql' : 'sqlite', redis: 'down', code: 'REDIS_UNAVAILABLE', message: 'Redis 暂时不可用，服务降级运行' });
  });

  it('still runs a daily job once across the instances, on the database alone', async () => {
    const { outcomes, rows } = await runOnBoth(a, b, 'points-expiry');
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(rows).toEqual([{ status: 'done', owner: expect.any(String) }]);
  });

  it('limits logins on each instance alone, and saves settings (the short cache TTL bounds staleness)', async () => {
    const statuses = await loginAttempts([a], 11);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    expect((await b.request('POST', '/api/admin/auth/login', { body: TEST_ADMIN })).status).toBe(200);
    await changeCheckinReminderHour(b, 18);
    expect(await reminderHourOn(b)).toBe(18);
  });

  it('recovers by itself when Redis comes up: healthy again, and invalidations reach the other instance', async () => {
    // A private, empty Redis for this test alone on the port the instances were given.
    ownRedis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    // Healthy means both connections are back: commands (B publishes) and the subscriber (A listens).
    for (const t of [a, b]) {
      const deadline = Date.now() + 10_000;
      let health = await t.request('GET', '/api/health');
      while (health.body.status !== 'ok' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        health = await t.request('GET', '/api/health');
      }
      expect(health.body).toMatchObject({ status: 'ok', redis: 'ok' });
    }
    expect(await reminderHourOn(a)).toBe(18);
    await changeCheckinReminderHour(b, 17);
    expect(await reminderHourOn(a)).toBe(17);
  }, 20_000);
});

describe('scale-out: without Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await startPair({});
  }, START_TIMEOUT_MS);
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  it('reports no Redis in the health check', async () => {
    expect((await a.request('GET', '/api/health')).body).toEqual({ status: 'ok', db: isMysqlRun() ? 'mysql' : 'sqlite' });
  });

  it('keeps each instance\'s short settings cache: a change on A reaches B only after the TTL', async () => {
    expect(await reminderHourOn(b)).toBe(20);
    await changeCheckinReminderHour(a, 19);
    expect(await reminderHourOn(b)).toBe(20);
  });

  it('runs a daily job once across the instances on the database', async () => {
    const { outcomes, rows } = await runOnBoth(a, b, 'points-expiry');
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(rows).toEqual([{ status: 'done', owner: expect.any(String) }]);
  });

  it('takes over an occurrence whose instance crashed once its lease has passed, and only then', async () => {
    const insert = (id: string, leaseUntil: Date) =>
      a.dataSource.query(
        `INSERT INTO job_runs (id, job_name, run_key, owner, started_at, finished_at, lease_until, status, affected, error) VALUES (?, 'tier-review', ?, 'crashed:1', ?, NULL, ?, 'running', 0, NULL)`,
        [id, DAY, ...[new Date(Date.now() - 600_000), leaseUntil].map((d) => (isMysqlRun() ? d : d.toISOString().replace('T', ' ').replace('Z', '')))],
      );
    await insert('00000000-0000-7000-8000-000000000001', new Date(Date.now() + 60_000));
    expect(await b.runJob('tier-review')).toEqual({ ran: false, reason: 'in-progress' });

    await a.dataSource.query(`DELETE FROM job_runs WHERE job_name = 'tier-review'`);
    await insert('00000000-0000-7000-8000-000000000002', new Date(Date.now() - 1000));
    expect(await b.runJob('tier-review')).toMatchObject({ ran: true });
    const [row] = await a.dataSource.query(`SELECT id, status, owner, lease_until FROM job_runs WHERE job_name = 'tier-review'`);
    expect(row).toEqual({ id: '00000000-0000-7000-8000-000000000002', status: 'done', owner: b.app.get(JobLockService).owner, lease_until: null });
    expect(await a.runJob('tier-review')).toEqual({ ran: false, reason: 'already-ran' });
  });
});

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
