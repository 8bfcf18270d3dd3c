/**
 * analytics-ingest: POST /api/analytics/events, batches of 50 events over 20 connections, on
 * MariaDB, through the server vs. a script doing the same multi-row INSERT IGNORE directly over a
 * 20-connection mysql2 pool. Each batch is a mid-session one: 49 page views and an app_hide (no
 * launch/app_show, so no last-active update). Goal: ratio ≥ 0.5 and ≥ 10,000 events/s.
 * Invariants: every accepted event stored exactly once, and a resent batch adds nothing.
 */
import jwt from 'jsonwebtoken';
import mysql from 'mysql2/promise';
import { storeDate } from '../../shared/src';
import { load, recreateDatabase, report, RunResult, startProcess, stop, waitFor } from './harness';

const CONNECTIONS = 20;
const BATCH = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const MEMBERS = 1_000;
const SECRET = 'bench-jwt-secret-0123456789-0123456789';
const memberId = (i: number) => `00000000-0000-7000-8000-${String((i % MEMBERS) + 1).padStart(12, '0')}`;

let seq = 0;
function batch(prefix: string) {
  const now = Date.now();
  const b = ++seq;
  return Array.from({ length: BATCH }, (_, i) =>
    i === BATCH - 1
      ? { id: `${prefix}-${b}-${i}`, type: 'app_hide', ts: now }
      : { id: `${prefix}-${b}-${i}`, type: 'page_view', ts: now - (BATCH - i) * 1000, page: i % 3 ? 'pages/mall/index' : 'pages/index/index', dwellMs: 1000 + i },
  );
}

const COLUMNS = 'member_id, client_id, type, ts, day, page, dwell_ms, scene, platform, brand, model, system, wechat_version, sdk_version, screen_width, screen_height, pixel_ratio, network_type, received_at';

/** The baseline: the same multi-row statement, straight from a pool, as fast as it goes. */
async function direct(dbUrl: string): Promise<RunResult> {
  const pool = mysql.createPool({ uri: dbUrl, connectionLimit: CONNECTIONS, timezone: 'Z' });
  const row = `(${COLUMNS.split(', ').map(() => '?').join(', ')})`;
  const sql = `INSERT IGNORE INTO analytics_events (${COLUMNS}) VALUES ${Array(BATCH).fill(row).join(', ')}`;
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + DURATION_S * 1000;
  let n = 0;
  const worker = async () => {
    while (Date.now() < end) {
      const member = memberId(n++);
      const now = new Date();
      const params = batch('direct').flatMap((e) => [member, e.id, e.type, e.ts, storeDate(e.ts), e.page ?? null, e.dwellMs ?? null, null, null, null, null, null, null, null, null, null, null, null, now]);
      const started = performance.now();
      try {
        await pool.query(sql, params);
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
  return { name: 'direct mysql2 multi-row INSERT', requests: latencies.length, rps: latencies.length / DURATION_S, p50: at(0.5), p99: at(0.99), errors, non2xx: 0, durationS: DURATION_S };
}

export async function run(): Promise<boolean> {
  const dbUrl = await recreateDatabase('bench_analytics');
  const env = { DATABASE_URL: dbUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', JWT_SECRET: SECRET };
  const nest = startProcess('nest', [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'server/dist/main.js'], { ...env, PORT: '3196' });
  await waitFor('http://127.0.0.1:3196/api/health');
  const conn = await mysql.createConnection(dbUrl);
  await conn.query(`INSERT INTO members (id, openid, nickname, avatar_url, tier, points_balance, invite_code, joined_at, last_active_at)
    SELECT CONCAT('00000000-0000-7000-8000-', LPAD(seq, 12, '0')), CONCAT('bench-', seq), CONCAT('会员', seq), '', 'normal', 0, CONCAT('B', seq), NOW(), NOW()
    FROM seq_1_to_${MEMBERS}`);
  const tokens = Array.from({ length: MEMBERS }, (_, i) => jwt.sign({ sub: memberId(i), typ: 'member' }, SECRET, { algorithm: 'HS256', expiresIn: 7200 }));
  let next = 0;
  const runNest = (name: string) =>
    load(name, {
      url: 'http://127.0.0.1:3196/api/analytics/events',
      connections: CONNECTIONS,
      durationS: DURATION_S,
      body: () => JSON.stringify({ events: batch('nest') }),
      headersPerRequest: () => ({ authorization: `Bearer ${tokens[next++ % MEMBERS]}` }),
    });
  await runNest('warmup');
  await new Promise((r) => setTimeout(r, 500)); // let the warm-up's last requests land
  await conn.query('DELETE FROM analytics_events');
  const nestRun = await runNest('nest (fastify + typeorm)');
  await new Promise((r) => setTimeout(r, 500));
  const [[stored]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM analytics_events');
  // A resent batch (the same ids from the same member) adds nothing.
  const resend = { events: batch('resend') };
  for (let i = 0; i < 2; i++) {
    await fetch('http://127.0.0.1:3196/api/analytics/events', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body: JSON.stringify(resend) });
  }
  const [[after]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM analytics_events');
  await stop(nest);

  await conn.query('DELETE FROM analytics_events');
  const directRun = await direct(dbUrl);
  await conn.end();

  const nestEvents = nestRun.rps * BATCH;
  const directEvents = directRun.rps * BATCH;
  console.log(`events/s: nest ${nestEvents.toFixed(0)}, direct ${directEvents.toFixed(0)}`);
  const ratio = nestEvents / directEvents;
  return report('analytics-ingest', [nestRun, directRun], ratio, nestRun.p99, {
    'no errors': nestRun.errors === 0 && nestRun.non2xx === 0,
    // Requests still in flight when the load stops may land too: at most one batch per connection.
    'every accepted event stored once': Number(stored.n) >= nestRun.requests * BATCH && Number(stored.n) <= (nestRun.requests + CONNECTIONS) * BATCH && Number(stored.n) % BATCH === 0,
    'a resent batch is stored once': Number(after.n) === Number(stored.n) + BATCH,
    'ratio >= 0.5': ratio >= 0.5,
    '>= 10,000 events/s': nestEvents >= 10_000,
  }, { nestEventsPerS: nestEvents, directEventsPerS: directEvents });
}
