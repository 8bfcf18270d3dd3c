/**
 * export: 1,000,000 members streamed as CSV by the real server (GET /api/admin/members/export.csv,
 * separate process, MariaDB) vs. the `mariadb` command-line client writing the same 15 columns
 * (`--quick --batch`, so it streams rows too) from the same joins. Reports rows/s of both, the
 * ratio (server / client; goal ≥ 0.5) and the server's peak RSS from /proc (goal ≤ 200 MB).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { MYSQL_BASE, recreateDatabase, report, startProcess, stop, waitFor, RunResult } from './harness';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const PORT = 3194;
const ADMIN = { username: 'benchowner', password: 'bench-owner-password' };
const ID = (expr: string) => `CONCAT('00000000-0000-7000-8000-', LPAD(${expr}, 12, '0'))`;

export async function run(): Promise<boolean> {
  const dbName = 'bench_export';
  // BENCH_REUSE=1 keeps the previous run's members when their count matches (saves the minute of seeding).
  const reuse = process.env.BENCH_REUSE === '1' && (await memberCount(dbName)) === MEMBERS;
  const dbUrl = reuse ? `${MYSQL_BASE}/${dbName}` : await recreateDatabase(dbName);
  const server = startProcess('nest', ['server/dist/main.js'], {
    DATABASE_URL: dbUrl, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development',
    ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, STORE_TIMEZONE: 'Asia/Shanghai',
  });
  await waitFor(`http://127.0.0.1:${PORT}/api/health`);
  const conn = await mysql.createConnection({ uri: dbUrl, multipleStatements: true, timezone: 'Z' });
  let started = Date.now();
  if (!reuse) {
    console.log(`generating ${MEMBERS} members…`);
    await generate(conn);
    console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await conn.end();

  const login = await fetch(`http://127.0.0.1:${PORT}/api/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const { token } = (await login.json()) as { token: string };

  const rssBefore = rssMb(server.pid!);
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid!))), 50);
  started = Date.now();
  const res = await fetch(`http://127.0.0.1:${PORT}/api/admin/members/export.csv`, { headers: { authorization: `Bearer ${token}` } });
  // Records end with CRLF; a newline inside a quoted nickname is a bare LF.
  let bytes = 0;
  let lines = 0;
  let lastByte = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 0x0a && (i ? chunk[i - 1] : lastByte) === 0x0d) lines++;
    }
    lastByte = chunk[chunk.length - 1];
  }
  const serverMs = Date.now() - started;
  clearInterval(sampler);
  await stop(server);
  const serverRows = lines - 1;

  started = Date.now();
  const client = await mariadbClient(dbName, baselineSql());
  const clientMs = Date.now() - started;
  const clientRows = client.lines - 1; // --batch prints a header line

  const serverRate = serverRows / (serverMs / 1000);
  const clientRate = clientRows / (clientMs / 1000);
  const asRun = (name: string, ms: number, rows: number): RunResult => ({ name, requests: rows, rps: rows / (ms / 1000), p50: ms, p99: ms, errors: 0, non2xx: 0, durationS: ms / 1000 });
  console.log(`server: ${serverRows} rows, ${(bytes / 1048576).toFixed(1)} MB in ${serverMs} ms (${serverRate.toFixed(0)} rows/s), RSS ${rssBefore.toFixed(0)} → peak ${peakRss.toFixed(0)} MB`);
  console.log(`mariadb --quick --batch: ${clientRows} rows, ${(client.bytes / 1048576).toFixed(1)} MB in ${clientMs} ms (${clientRate.toFixed(0)} rows/s)`);
  return report('export', [asRun('server CSV export (rows/s in req/s column)', serverMs, serverRows), asRun('mariadb --quick --batch', clientMs, clientRows)], serverRate / clientRate, serverMs, {
    'every member exported': res.status === 200 && serverRows === MEMBERS,
    'client wrote every member': clientRows === MEMBERS,
    'at least half the client rows/s': serverRate >= 0.5 * clientRate,
    'peak server RSS ≤ 200 MB': peakRss <= 200,
  }, { members: MEMBERS, serverMs, clientMs, serverRate, clientRate, bytes, clientBytes: client.bytes, rssBeforeMb: rssBefore, peakRssMb: peakRss });
}

async function memberCount(db: string): Promise<number> {
  try {
    const conn = await mysql.createConnection(`${MYSQL_BASE}/${db}`);
    const [[row]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM members');
    await conn.end();
    return Number(row.n);
  } catch {
    return -1;
  }
}

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Members with phones, inviters, sessions, and orders / check-ins / growth for a share of them. */
async function generate(conn: mysql.Connection): Promise<void> {
  await conn.query(`
    INSERT INTO members (id, openid, nickname, avatar_url, phone, tier, points_balance, invite_code, inviter_id, joined_at, last_active_at)
    SELECT ${ID('seq')}, CONCAT('bench-', seq),
           CASE WHEN seq % 1000 = 0 THEN CONCAT('=HYPERLINK("x",', seq, ')') WHEN seq % 997 = 0 THEN CONCAT('张, "三"\n', seq) ELSE CONCAT('会员', seq) END,
           '', CASE WHEN seq % 2 = 0 THEN CONCAT('138', LPAD(seq, 8, '0')) END,
           ELT(1 + seq % 4, 'normal', 'silver', 'gold', 'diamond'), seq % 9000, CONCAT('B', seq),
           CASE WHEN seq % 5 = 0 AND seq > 1 THEN ${ID('seq - 1')} END,
           TIMESTAMP('2024-01-01') + INTERVAL seq * 30 SECOND, TIMESTAMP('2026-01-01') + INTERVAL seq * 10 SECOND
    FROM seq_1_to_${MEMBERS}`);
  await conn.query(`
    INSERT INTO member_wechat_sessions (member_id, session_key, updated_at, platform)
    SELECT ${ID('seq')}, 'k', NOW(), ELT(1 + seq % 4, 'ios', 'android', 'windows', 'h5') FROM seq_1_to_${MEMBERS}`);
  await conn.query(`
    INSERT INTO orders (id, member_id, idempotency_key, status, cash_subtotal_fen, cash_due_fen, created_at, paid_at)
    SELECT ${ID('seq').replace('8000', '9000')}, ${ID('seq')}, 'bench', IF(seq % 30 = 0, 'refunded', 'completed'), seq % 100000, seq % 100000,
           TIMESTAMP('2026-02-01') + INTERVAL seq SECOND, TIMESTAMP('2026-02-01') + INTERVAL seq SECOND
    FROM seq_1_to_${MEMBERS} WHERE seq % 10 = 0`);
  await conn.query(`
    INSERT INTO checkins (id, member_id, day, kind, streak, points, rewards, created_at)
    SELECT ${ID('seq').replace('8000', 'a000')}, ${ID('seq')}, DATE_FORMAT(CURRENT_DATE - INTERVAL seq % 3 DAY, '%Y-%m-%d'), 'normal', 1 + seq % 20, 5, '[]', NOW()
    FROM seq_1_to_${MEMBERS} WHERE seq % 7 = 0`);
  await conn.query(`
    INSERT INTO growth_ledger (id, member_id, delta, reason, ref, created_at)
    SELECT ${ID('seq').replace('8000', 'b000')}, ${ID('seq')}, seq % 5000, 'order_paid', 'bench', NOW() - INTERVAL 30 DAY
    FROM seq_1_to_${MEMBERS} WHERE seq % 10 = 0`);
}

/** The same 15 columns from the same joins, formatted by the database (store time = UTC+8). */
function baselineSql(): string {
  const t = (col: string) => `DATE_FORMAT(${col} + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')`;
  return `SELECT m.id, m.nickname, IF(m.phone IS NULL, '', CONCAT(LEFT(m.phone, 3), '****', RIGHT(m.phone, 4))) AS phone,
    ELT(FIELD(m.tier, 'normal', 'silver', 'gold', 'diamond'), '普通会员', '银卡会员', '金卡会员', '钻石会员') AS tier, m.points_balance,
    COALESCE(g.growth, 0) AS growth, FORMAT(COALESCE(o.spend_fen, 0) / 100, 2, 'en_US') AS spend, COALESCE(o.paid_orders, 0) AS paid_orders,
    ${t('o.last_order_at')} AS last_order_at,
    IF(c.last_day >= DATE_FORMAT(CURRENT_DATE - INTERVAL 1 DAY, '%Y-%m-%d'), cl.streak, 0) AS streak, COALESCE(c.total_checkins, 0) AS total_checkins,
    ${t('m.last_active_at')} AS last_active_at, s.platform, m.inviter_id, ${t('m.joined_at')} AS joined_at
  FROM members m
  LEFT JOIN (SELECT member_id, SUM(cash_due_fen) AS spend_fen, COUNT(*) AS paid_orders, MAX(paid_at) AS last_order_at
    FROM orders WHERE paid_at IS NOT NULL AND status NOT IN ('refunding', 'refunded') GROUP BY member_id) o ON o.member_id = m.id
  LEFT JOIN (SELECT member_id, SUM(delta) AS growth FROM growth_ledger WHERE created_at >= NOW() - INTERVAL 12 MONTH GROUP BY member_id) g ON g.member_id = m.id
  LEFT JOIN (SELECT member_id, MAX(day) AS last_day, COUNT(*) AS total_checkins FROM checkins GROUP BY member_id) c ON c.member_id = m.id
  LEFT JOIN checkins cl ON cl.member_id = m.id AND cl.day = c.last_day
  LEFT JOIN member_wechat_sessions s ON s.member_id = m.id
  ORDER BY m.joined_at DESC, m.id DESC`;
}

function mariadbClient(db: string, sql: string): Promise<{ lines: number; bytes: number }> {
  const u = new URL(MYSQL_BASE);
  return new Promise((resolve, reject) => {
    const child = spawn('mariadb', ['--quick', '--batch', '-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username || 'root'), ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []), db, '-e', sql], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ lines, bytes }) : reject(new Error(`mariadb exited with ${code}`))));
  });
}
