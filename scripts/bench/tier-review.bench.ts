/**
 * tier-review: the yearly review job over 1,000,000 members on MariaDB (run by the real server
 * through its job endpoint) vs. one hand-written set-based SQL pass doing the same. Reports the
 * time ratio (baseline / server; ≥ 0.5 means at most twice the time) and the server's peak RSS.
 */
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { recreateDatabase, report, startProcess, stop, waitFor, RunResult } from './harness';
import { storeDate } from '../../shared/src/time/store-calendar';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const PORT = 3193;
const KEEP = { silver: 500, gold: 2500, diamond: 10000 };

export async function run(): Promise<boolean> {
  const dbUrl = await recreateDatabase('bench_tier_review');
  const today = storeDate(new Date());
  const server = startProcess('nest', ['server/dist/main.js'], {
    DATABASE_URL: dbUrl,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    FAKE_CLOCK: '1',
  });
  await waitFor(`http://127.0.0.1:${PORT}/api/health`);
  const conn = await mysql.createConnection({ uri: dbUrl, multipleStatements: true, timezone: 'Z' });
  console.log(`generating ${MEMBERS} members…`);
  let started = Date.now();
  await generate(conn, today);
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const rssBefore = rssMb(server.pid!);
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid!))), 100);
  started = Date.now();
  const res = await fetch(`http://127.0.0.1:${PORT}/api/dev/jobs/tier-review`, { method: 'POST' });
  const serverRun = (await res.json()) as { ran: boolean; affected: number };
  const serverMs = Date.now() - started;
  clearInterval(sampler);
  const serverOutcome = await outcome(conn);
  await stop(server);

  await reset(conn, today);
  started = Date.now();
  await handWrittenPass(conn, today);
  const baselineMs = Date.now() - started;
  const baselineOutcome = await outcome(conn);
  await conn.end();

  const asRun = (name: string, ms: number): RunResult => ({ name, requests: 1, rps: 0, p50: ms, p99: ms, errors: 0, non2xx: 0, durationS: ms / 1000 });
  console.log(`server: ${serverMs} ms (${serverRun.affected} downgraded), RSS ${rssBefore.toFixed(0)} → peak ${peakRss.toFixed(0)} MB; hand-written SQL: ${baselineMs} ms`);
  return report('tier-review', [asRun('server job (chunked, set-based)', serverMs), asRun('hand-written single SQL pass', baselineMs)], baselineMs / serverMs, serverMs, {
    'job ran': serverRun.ran,
    'same tiers as the hand-written pass': JSON.stringify(serverOutcome) === JSON.stringify(baselineOutcome),
    'memory flat (peak RSS within 100 MB of start)': peakRss - rssBefore < 100,
  }, { members: MEMBERS, serverOutcome, baselineOutcome, rssBeforeMb: rssBefore, peakRssMb: peakRss });
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

const TIER_BY_SEQ = `CASE WHEN seq % 10 < 6 THEN 'normal' WHEN seq % 10 < 8 THEN 'silver' WHEN seq % 10 = 8 THEN 'gold' ELSE 'diamond' END`;

async function generate(conn: mysql.Connection, today: string): Promise<void> {
  await conn.query(`
    INSERT INTO members (id, openid, nickname, avatar_url, tier, points_balance, invite_code, joined_at, last_active_at, tier_reached_at, tier_review_on)
    SELECT CONCAT('00000000-0000-7000-8000-', LPAD(seq, 12, '0')), CONCAT('bench-', seq), CONCAT('会员', seq), '', ${TIER_BY_SEQ}, 0,
           CONCAT('B', seq), NOW() - INTERVAL 400 DAY, NOW(), NOW() - INTERVAL 365 DAY,
           CASE WHEN seq % 10 < 6 THEN NULL ELSE ? END
    FROM seq_1_to_${MEMBERS}`, [today]);
  // Growth in the last year spread around each tier's keep amount, so about half keep their tier.
  await conn.query(`
    INSERT INTO growth_ledger (id, member_id, delta, reason, ref, created_at)
    SELECT CONCAT('00000000-0000-7000-9000-', LPAD(seq, 12, '0')), CONCAT('00000000-0000-7000-8000-', LPAD(seq, 12, '0')),
           (seq * 7919) % (2 * CASE seq % 10 WHEN 8 THEN ${KEEP.gold} WHEN 9 THEN ${KEEP.diamond} ELSE ${KEEP.silver} END), 'order_paid', 'bench', NOW() - INTERVAL 30 DAY
    FROM seq_1_to_${MEMBERS} WHERE seq % 10 >= 6`);
}

async function reset(conn: mysql.Connection, today: string): Promise<void> {
  await conn.query('DELETE FROM tier_history');
  await conn.query(`UPDATE members SET tier = ${TIER_BY_SEQ.replace(/seq/g, 'CAST(RIGHT(id, 12) AS UNSIGNED)')},
    tier_review_on = CASE WHEN CAST(RIGHT(id, 12) AS UNSIGNED) % 10 < 6 THEN NULL ELSE ? END`, [today]);
}

/** The same review written by hand: one transaction, three statements over the whole table. */
async function handWrittenPass(conn: mysql.Connection, today: string): Promise<void> {
  const next = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const growth = `(SELECT member_id, SUM(delta) AS total FROM growth_ledger WHERE created_at >= NOW() - INTERVAL 12 MONTH GROUP BY member_id)`;
  const drops = `m.tier <> 'normal' AND m.tier_review_on <= ? AND COALESCE(g.total, 0) < CASE m.tier WHEN 'silver' THEN ${KEEP.silver} WHEN 'gold' THEN ${KEEP.gold} ELSE ${KEEP.diamond} END`;
  const lower = `CASE m.tier WHEN 'diamond' THEN 'gold' WHEN 'gold' THEN 'silver' ELSE 'normal' END`;
  await conn.query('START TRANSACTION');
  await conn.query(
    `INSERT INTO tier_history (id, member_id, from_tier, to_tier, reason, growth_12m, created_at)
     SELECT UUID(), m.id, m.tier, ${lower}, 'review_downgrade', COALESCE(g.total, 0), NOW() FROM members m LEFT JOIN ${growth} g ON g.member_id = m.id WHERE ${drops}`,
    [today],
  );
  await conn.query(
    `UPDATE members m LEFT JOIN ${growth} g ON g.member_id = m.id
     SET m.tier = ${lower}, m.tier_reached_at = NOW(), m.tier_review_on = CASE WHEN m.tier = 'silver' THEN NULL ELSE ? END WHERE ${drops}`,
    [next, today],
  );
  await conn.query(`UPDATE members SET tier_review_on = ? WHERE tier <> 'normal' AND tier_review_on <= ?`, [next, today]);
  await conn.query('COMMIT');
}

async function outcome(conn: mysql.Connection) {
  const [tiers] = await conn.query<mysql.RowDataPacket[]>('SELECT tier, COUNT(*) AS n FROM members GROUP BY tier ORDER BY tier');
  const [[history]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM tier_history');
  return { tiers: tiers.map((r) => `${r.tier}:${r.n}`), history: Number(history.n) };
}
