/**
 * login: POST /api/auth/wx-login through Nest + Fastify + TypeORM vs. a bare node:http + mysql2
 * handler doing the same queries; 50 connections on MariaDB, a mix of first and repeat logins.
 */
import mysql from 'mysql2/promise';
import { load, recreateDatabase, report, startProcess, stop, waitFor } from './harness';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const OPENIDS = 3000;

export async function run(): Promise<boolean> {
  const dbUrl = await recreateDatabase('bench_login');
  const sandbox = startProcess('wechat', ['node_modules/tsx/dist/cli.mjs', 'scripts/wechat-sandbox/cli.ts'], { WECHAT_SANDBOX_PORT: '3190' });
  await waitFor('http://127.0.0.1:3190/__sandbox/health');
  const wechatEnv = { WECHAT_API_BASE: 'http://127.0.0.1:3190', WECHAT_APP_ID: 'wx0000000000demo', WECHAT_APP_SECRET: 'demo-app-secret' };
  const body = () => JSON.stringify({ code: `sandbox:bench-${Math.floor(Math.random() * OPENIDS)}` });

  const nest = startProcess('nest', ['server/dist/main.js'], { ...wechatEnv, DATABASE_URL: dbUrl, PORT: '3191', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' });
  await waitFor('http://127.0.0.1:3191/api/health');
  await load('warmup', { url: 'http://127.0.0.1:3191/api/auth/wx-login', connections: 10, durationS: 2, body });
  const nestRun = await load('nest (fastify + typeorm)', { url: 'http://127.0.0.1:3191/api/auth/wx-login', connections: CONNECTIONS, durationS: DURATION_S, body });
  await stop(nest);
  const nestInvariants = await checkBooks(dbUrl);

  const conn = await mysql.createConnection(dbUrl);
  for (const t of ['auth_refresh_tokens', 'member_wechat_sessions', 'members']) await conn.query(`DELETE FROM ${t}`);
  await conn.end();

  const bare = startProcess('bare', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench/baselines/login-baseline.ts'], { ...wechatEnv, DATABASE_URL: dbUrl, PORT: '3192' });
  await waitFor('http://127.0.0.1:3192/api/health');
  await load('warmup', { url: 'http://127.0.0.1:3192/api/auth/wx-login', connections: 10, durationS: 2, body });
  const bareRun = await load('bare node:http + mysql2', { url: 'http://127.0.0.1:3192/api/auth/wx-login', connections: CONNECTIONS, durationS: DURATION_S, body });
  await stop(bare);
  await stop(sandbox);

  return report('login', [nestRun, bareRun], nestRun.rps / bareRun.rps, nestRun.p99, {
    'no errors': nestRun.errors === 0 && nestRun.non2xx === 0,
    'one member per openid': nestInvariants.onePerOpenid,
    'one session key per member': nestInvariants.oneSession,
  });
}

async function checkBooks(dbUrl: string) {
  const conn = await mysql.createConnection(dbUrl);
  const [[m]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n, COUNT(DISTINCT openid) AS d FROM members');
  const [[s]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM member_wechat_sessions');
  await conn.end();
  return { onePerOpenid: Number(m.n) === Number(m.d) && Number(m.n) > 0, oneSession: Number(s.n) === Number(m.n) };
}
