/**
 * audience: the server evaluating a saved-style five-rule audience (POST /api/admin/audiences/preview,
 * the live count the admin sees) over 1,000,000 members on MariaDB, vs. the equivalent hand-written
 * COUNT query over mysql2. Both run warm, BENCH_REPEATS times (default 5); the ratio is the baseline's
 * median ÷ the server's median (≥ 0.5 means at most twice the time). Both must count the same members.
 */
import mysql from 'mysql2/promise';
import { recreateDatabase, report, startProcess, stop, waitFor, RunResult } from './harness';
import { addDays, startOfStoreDay, storeDate } from '../../shared/src/time/store-calendar';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const PORT = 3194;
const ADMIN = { username: 'bench-owner', password: 'bench-owner-password' };

const RULES = [
  { kind: 'tier', in: ['silver', 'gold', 'diamond'] },
  { kind: 'lastActive', daysAgoMin: 30 },
  { kind: 'points', min: 100 },
  { kind: 'spend', min: 5000 },
  { kind: 'churnRisk', in: ['medium', 'high'] },
];

export async function run(): Promise<boolean> {
  const dbUrl = await recreateDatabase('cam_bench_audience');
  const today = storeDate(new Date());
  const server = startProcess('nest', ['server/dist/main.js'], {
    DATABASE_URL: dbUrl, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development',
    FAKE_CLOCK: '1', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password,
  });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/api/health`);
    // Claim today's predictions run first (on no orders), so the daily tick cannot replace the generated scores mid-run.
    await fetch(`http://127.0.0.1:${PORT}/api/dev/jobs/predictions`, { method: 'POST' });
    const conn = await mysql.createConnection({ uri: dbUrl, timezone: 'Z' });
    console.log(`generating ${MEMBERS} members and their scores…`);
    let started = Date.now();
    await generate(conn, today);
    console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const login = await fetch(`http://127.0.0.1:${PORT}/api/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const { token } = (await login.json()) as { token: string };
    const preview = async () => {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/admin/audiences/preview`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ rules: RULES }),
      });
      if (res.status !== 200) throw new Error(`preview answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { memberCount: number }).memberCount;
    };
    // Inactive for 30+ store days: last active before 00:00 store time on today − 29.
    const inactiveBefore = startOfStoreDay(addDays(today, -29));
    const handWritten = async () => {
      const [[row]] = await conn.query<mysql.RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM members m JOIN member_scores s ON s.member_id = m.id
         WHERE m.tier IN ('silver', 'gold', 'diamond') AND m.last_active_at < ? AND m.points_balance >= 100
           AND s.spend_fen >= 5000 AND s.churn_risk IN ('medium', 'high')`,
        [inactiveBefore],
      );
      return Number(row.n);
    };

    const serverTimes: number[] = [];
    const baseTimes: number[] = [];
    let serverCount = await preview();
    let baseCount = await handWritten();
    for (let i = 0; i < REPEATS; i++) {
      started = Date.now();
      serverCount = await preview();
      serverTimes.push(Date.now() - started);
      started = Date.now();
      baseCount = await handWritten();
      baseTimes.push(Date.now() - started);
    }
    await conn.end();
    const serverMs = median(serverTimes);
    const baseMs = median(baseTimes);
    const asRun = (name: string, times: number[]): RunResult => ({ name, requests: times.length, rps: 0, p50: median(times), p99: Math.max(...times), errors: 0, non2xx: 0, durationS: times.reduce((a, b) => a + b, 0) / 1000 });
    console.log(`server preview: median ${serverMs} ms (${serverTimes.join(', ')}); hand-written SQL: median ${baseMs} ms (${baseTimes.join(', ')}); ${serverCount} members`);
    return report('audience', [asRun('server preview, five rules', serverTimes), asRun('hand-written COUNT', baseTimes)], baseMs / serverMs, Math.max(...serverTimes), {
      'same count as the hand-written SQL': serverCount === baseCount,
      'audience is neither empty nor everyone': serverCount > 0 && serverCount < MEMBERS,
      'ratio >= 0.5': baseMs / serverMs >= 0.5,
    }, { members: MEMBERS, rules: RULES, serverCount, baseCount, serverTimes, baseTimes });
  } finally {
    await stop(server);
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Members spread over tiers, activity and points; 80% have scores (a paid order), spread over spend and risk. */
async function generate(conn: mysql.Connection, today: string): Promise<void> {
  const id = (prefix: string) => `CONCAT('00000000-0000-7000-${prefix}-', LPAD(seq, 12, '0'))`;
  await conn.query(`
    INSERT INTO members (id, openid, nickname, avatar_url, tier, points_balance, invite_code, joined_at, last_active_at)
    SELECT ${id('8000')}, CONCAT('bench-', seq), CONCAT('会员', seq), '',
           CASE WHEN seq % 10 < 6 THEN 'normal' WHEN seq % 10 < 8 THEN 'silver' WHEN seq % 10 = 8 THEN 'gold' ELSE 'diamond' END,
           (seq * 37) % 2000, CONCAT('B', seq), UTC_TIMESTAMP() - INTERVAL (400 + seq % 300) DAY, UTC_TIMESTAMP() - INTERVAL (seq * 13 % 120) DAY
    FROM seq_1_to_${MEMBERS}`);
  await conn.query(`
    INSERT INTO member_scores (member_id, computed_on, last_order_on, recency_days, order_count, spend_fen, r_score, f_score, m_score,
                               usual_interval_days, overdue_pct, churn_risk, churn_explanation, next_replenish_on)
    SELECT ${id('8000')}, ?, ?, seq % 200, 1 + seq % 9, (seq * 7919) % 50000, 1 + seq % 5, 1 + (seq * 3) % 5, 1 + (seq * 7) % 5,
           20, (seq * 11) % 400, CASE WHEN seq % 7 < 3 THEN 'low' WHEN seq % 7 < 5 THEN 'medium' WHEN seq % 7 = 5 THEN 'high' ELSE 'unknown' END, '', NULL
    FROM seq_1_to_${MEMBERS} WHERE seq % 5 <> 0`, [today, today]);
  await conn.query('ANALYZE TABLE members, member_scores');
}
