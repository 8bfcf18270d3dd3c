/**
 * Bulk test data: N members inserted with multi-row INSERTs (1,000 rows a statement), with a paid
 * order for every 10th and a check-in for every 7th, for export volume tests and the benchmark.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

const TIERS = ['normal', 'silver', 'gold', 'diamond'];
const PLATFORMS = ['ios', 'android', 'windows', 'h5'];

function dbTime(ds: DataSource, d: Date): Date | string {
  return ds.options.type === 'mysql' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}

export async function insertBulkMembers(ds: DataSource, count: number, opts: { batch?: number; prefix?: string } = {}): Promise<void> {
  const batch = opts.batch ?? 1000;
  const prefix = opts.prefix ?? 'bulk';
  const base = Date.UTC(2025, 0, 1);
  const run = async (work: (q: (sql: string, params: unknown[]) => Promise<unknown>) => Promise<void>) => {
    if (ds.options.type === 'mysql') return work((sql, params) => ds.query(sql, params));
    const qr = ds.createQueryRunner();
    await qr.startTransaction();
    try {
      await work((sql, params) => qr.query(sql, params));
      await qr.commitTransaction();
    } finally {
      await qr.release();
    }
  };
  await run(async (q) => {
    for (let start = 0; start < count; start += batch) {
      const n = Math.min(batch, count - start);
      const members: unknown[] = [];
      const sessions: unknown[] = [];
      const orders: unknown[] = [];
      const checkins: unknown[] = [];
      for (let k = 0; k < n; k++) {
        const i = start + k;
        const id = randomUUID();
        const joined = new Date(base + i * 37_000);
        members.push(id, `${prefix}-${i}`, `会员${i}`, i % 2 ? `138${String(i).padStart(8, '0')}` : null, TIERS[i % 4], i % 5000, `${prefix.slice(0, 2).toUpperCase()}${i.toString(36).toUpperCase()}`, dbTime(ds, joined), dbTime(ds, new Date(joined.getTime() + 86_400_000)));
        sessions.push(id, 'k', dbTime(ds, joined), PLATFORMS[i % 4]);
        if (i % 10 === 0) orders.push(randomUUID(), id, 'bulk', 'completed', 1999, 1999, dbTime(ds, joined), dbTime(ds, joined));
        if (i % 7 === 0) checkins.push(randomUUID(), id, '2026-01-01', 'normal', 1, 0, '[]', dbTime(ds, joined));
      }
      const rows = (cols: number, values: unknown[]) => Array.from({ length: values.length / cols }, () => `(${Array(cols).fill('?').join(', ')})`).join(', ');
      await q(`INSERT INTO members (id, openid, nickname, phone, tier, points_balance, invite_code, joined_at, last_active_at) VALUES ${rows(9, members)}`, members);
      await q(`INSERT INTO member_wechat_sessions (member_id, session_key, updated_at, platform) VALUES ${rows(4, sessions)}`, sessions);
      if (orders.length) await q(`INSERT INTO orders (id, member_id, idempotency_key, status, cash_subtotal_fen, cash_due_fen, created_at, paid_at) VALUES ${rows(8, orders)}`, orders);
      if (checkins.length) await q(`INSERT INTO checkins (id, member_id, day, kind, streak, points, rewards, created_at) VALUES ${rows(8, checkins)}`, checkins);
    }
  });
}
