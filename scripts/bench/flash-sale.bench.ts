/**
 * flash-sale: 1,000 buyers (distinct members, each with enough points) each send one order at the
 * same moment for an item with stock 100, on MariaDB, through the server's checkout vs. a bare
 * node:http + mysql2 handler doing the same conditional stock update. Five rounds each (stock reset
 * between rounds); throughput is 1,000 requests over the time from the start to the last answer. Goal: exactly 100 orders
 * every round (stock 0, no negative balance) and ratio ≥ 0.5.
 */
import jwt from 'jsonwebtoken';
import mysql from 'mysql2/promise';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { recreateDatabase, report, RunResult, startProcess, stop, waitFor } from './harness';

const BUYERS = 1000;
const STOCK = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECRET = 'bench-jwt-secret-0123456789-0123456789';
const ITEM_ID = '00000000-0000-7000-8000-00000000f1a5';

export async function run(): Promise<boolean> {
  const dbUrl = await recreateDatabase('bench_flash_sale');
  const env = { DATABASE_URL: dbUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', JWT_SECRET: SECRET };
  const nest = startProcess('nest', [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), 'server/dist/main.js'], { ...env, PORT: '3196' });
  await waitFor('http://127.0.0.1:3196/api/health');
  const conn = await mysql.createConnection(dbUrl);
  await conn.query(`INSERT INTO members (id, openid, nickname, avatar_url, tier, points_balance, invite_code, joined_at, last_active_at)
    SELECT CONCAT('00000000-0000-7000-8000-', LPAD(seq, 12, '0')), CONCAT('flash-', seq), CONCAT('会员', seq), '', 'normal', 0, CONCAT('F', seq), NOW(), NOW()
    FROM seq_1_to_${BUYERS}`);
  const memberIds = Array.from({ length: BUYERS }, (_, i) => `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);
  const tokens = memberIds.map((sub) => jwt.sign({ sub, typ: 'member' }, SECRET, { algorithm: 'HS256', expiresIn: 7200 }));
  await conn.query(
    `INSERT INTO mall_items (id, kind, name, description, category, image_urls, cash_price_fen, points_price, stock, sold, per_member_limit, tiers_allowed, sort_order, status, created_at, updated_at)
     VALUES (?, 'goods', '限量徽章', '', '', '[]', 0, 10, 0, 0, 0, '[]', 0, 'on', NOW(), NOW())`,
    [ITEM_ID],
  );
  await conn.query(`INSERT INTO member_addresses (id, member_id, name, phone, region, detail, is_default, created_at)
    SELECT UUID(), id, '张三', '13800138000', '上海市 上海市 浦东新区', '世纪大道 1 号', 1, NOW() FROM members`);
  const [addresses] = await conn.query<mysql.RowDataPacket[]>('SELECT id, member_id FROM member_addresses');
  const addressOf = new Map(addresses.map((a) => [a.member_id as string, a.id as string]));

  // Points through the ledger on the server (so balances and lots agree), 1,000 per buyer per round.
  await conn.query(`INSERT INTO points_ledger (id, member_id, delta, reason, ref, balance_after, note, created_at) SELECT UUID(), id, ${ROUNDS * 1000}, 'admin_adjust', 'bench', ${ROUNDS * 1000}, NULL, NOW() FROM members`);
  await conn.query(`INSERT INTO points_lots (id, member_id, earned_at, expires_on, amount, remaining) SELECT UUID(), id, NOW(), '2099-12-31', ${ROUNDS * 1000}, ${ROUNDS * 1000} FROM members`);
  await conn.query(`UPDATE members SET points_balance = ${ROUNDS * 1000}`);

  const rounds = async (name: string, port: number) => {
    const results: { rps: number; ok: number; p99: number; errors: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await conn.query('UPDATE mall_items SET stock = ?, sold = 0 WHERE id = ?', [STOCK, ITEM_ID]);
      await conn.query('DELETE FROM order_lines');
      await conn.query('DELETE FROM orders');
      let next = 0;
      let ok = 0;
      const started = process.hrtime.bigint();
      // autocannon only notices `amount` is reached on its 1 s tick: time the last answer instead.
      let lastAnswer = started;
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/api/orders`,
        connections: BUYERS,
        amount: BUYERS,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req: Record<string, any>) => {
              const i = next++ % BUYERS;
              return {
                ...req,
                headers: { ...req.headers, authorization: `Bearer ${tokens[i]}` },
                body: JSON.stringify({ items: [{ itemId: ITEM_ID, quantity: 1 }], addressId: addressOf.get(memberIds[i]), idempotencyKey: randomUUID() }),
              };
            },
            onResponse: (status: number) => {
              if (status === 200) ok++;
              lastAnswer = process.hrtime.bigint();
            },
          },
        ],
      });
      const seconds = Number(lastAnswer - started) / 1e9;
      const [[stock]] = await conn.query<mysql.RowDataPacket[]>('SELECT stock, sold, (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM members WHERE points_balance < 0) AS negative FROM mall_items WHERE id = ?', [ITEM_ID]);
      const correct = ok === STOCK && Number(stock.stock) === 0 && Number(stock.sold) === STOCK && Number(stock.orders) === STOCK && Number(stock.negative) === 0;
      console.log(`${name} round ${round + 1}: ${ok} orders, stock ${stock.stock}, ${seconds.toFixed(2)} s, ${correct ? 'correct' : 'WRONG'}`);
      results.push({ rps: BUYERS / seconds, ok: correct ? 1 : 0, p99: result.latency.p99, errors: result.errors + result.timeouts });
    }
    const sorted = [...results].sort((a, b) => a.rps - b.rps);
    const median = sorted[Math.floor(sorted.length / 2)];
    const run: RunResult = { name, requests: BUYERS * ROUNDS, rps: median.rps, p50: 0, p99: median.p99, errors: results.reduce((s, r) => s + r.errors, 0), non2xx: BUYERS * ROUNDS - STOCK * ROUNDS, durationS: 0 };
    return { run, correctRounds: results.reduce((s, r) => s + r.ok, 0) };
  };

  const nestResult = await rounds('nest (fastify + typeorm)', 3196);
  await stop(nest);
  const bare = startProcess('bare', ['node_modules/tsx/dist/cli.mjs', 'scripts/bench/baselines/flash-sale-baseline.ts'], { ...env, PORT: '3197' });
  await waitFor('http://127.0.0.1:3197/api/health');
  const bareResult = await rounds('bare node:http + mysql2', 3197);
  await stop(bare);
  await conn.end();

  const ratio = nestResult.run.rps / bareResult.run.rps;
  return report('flash-sale', [nestResult.run, bareResult.run], ratio, nestResult.run.p99, {
    'exactly 100 orders, stock 0, no negative balance, every round (server)': nestResult.correctRounds === ROUNDS,
    'no transport errors': nestResult.run.errors === 0,
    'ratio >= 0.5': ratio >= 0.5,
  }, { note: 'req/s = 1,000 buyers / wall time of a round (median of rounds); non-2xx are the 900 sold-out answers per round' });
}
