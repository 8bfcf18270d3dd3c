/**
 * The books after a load: each check is a SQL count of rows that break a promise, so a failure
 * names the promise and how many rows break it. Zero everywhere means the books balance.
 */
import mysql from 'mysql2/promise';

export const INVARIANTS: Record<string, string> = {
  'balance equals the sum of the ledger': `SELECT COUNT(*) AS n FROM members m
     WHERE m.points_balance <> COALESCE((SELECT SUM(l.delta) FROM points_ledger l WHERE l.member_id = m.id), 0)`,
  'no negative balance': `SELECT COUNT(*) AS n FROM members WHERE points_balance < 0`,
  'stock + sold = initial (sold = active order lines)': `SELECT COUNT(*) AS n FROM mall_items i
     WHERE i.sold <> COALESCE((SELECT SUM(ol.quantity) FROM order_lines ol WHERE ol.item_id = i.id AND ol.active = 1), 0)`,
  'one check-in per member and day': `SELECT COUNT(*) - COUNT(DISTINCT member_id, day) AS n FROM checkins`,
  'every check-in credited once, no credit without a check-in': `SELECT
       (SELECT COUNT(*) FROM checkins c WHERE c.kind = 'normal' AND c.points > 0 AND (SELECT COUNT(*) FROM points_ledger l WHERE l.member_id = c.member_id AND l.reason = 'checkin' AND l.ref = c.day) <> 1)
     + (SELECT COUNT(*) FROM points_ledger l WHERE l.reason = 'checkin' AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.member_id = l.member_id AND c.day = l.ref)) AS n`,
  'each order paid at most once': `SELECT COUNT(*) AS n FROM (SELECT ref FROM growth_ledger WHERE reason = 'order_paid' GROUP BY member_id, ref HAVING COUNT(*) > 1) d`,
  'no half-applied order (points taken for live orders, all returned for closed ones)': `SELECT COUNT(*) AS n FROM orders o
     WHERE o.points_used > 0 AND COALESCE((SELECT SUM(l.delta) FROM points_ledger l WHERE l.member_id = o.member_id AND l.ref = o.id), 0)
       <> CASE WHEN o.status IN ('closed', 'refunded') THEN 0 ELSE -o.points_used END`,
  'points hold of a cash order matches its state': `SELECT COUNT(*) AS n FROM orders o LEFT JOIN points_holds h ON h.ref = o.id AND h.member_id = o.member_id
     WHERE o.points_used > 0 AND o.cash_due_fen > 0 AND (h.id IS NULL
       OR (o.status = 'pending_payment' AND h.status <> 'held')
       OR (o.status IN ('to_ship', 'shipped', 'received', 'completed', 'refunding') AND h.status <> 'confirmed')
       OR (o.status IN ('closed', 'refunded') AND h.status <> 'released'))`,
  'no order line without its order, no order without lines': `SELECT
       (SELECT COUNT(*) FROM order_lines ol WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = ol.order_id))
     + (SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines ol WHERE ol.order_id = o.id)) AS n`,
  'paid cash orders carry their payment time': `SELECT COUNT(*) AS n FROM orders WHERE cash_due_fen > 0 AND status IN ('to_ship', 'shipped', 'received', 'completed') AND paid_at IS NULL`,
  'each scheduled job occurrence ran once and finished': `SELECT (SELECT COUNT(*) FROM job_runs WHERE status <> 'done')
     + (SELECT COUNT(*) FROM (SELECT job_name, run_key FROM job_runs GROUP BY job_name, run_key HAVING COUNT(*) > 1) d) AS n`,
};

export async function checkInvariants(databaseUrl: string, initialStock: Record<string, number>): Promise<Record<string, number>> {
  const conn = await mysql.createConnection(databaseUrl);
  try {
    const broken: Record<string, number> = {};
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      const [rows] = await conn.query<mysql.RowDataPacket[]>(sql);
      broken[name] = Number(rows[0].n);
    }
    const [items] = await conn.query<mysql.RowDataPacket[]>('SELECT id, stock, sold FROM mall_items');
    broken['stock + sold = initial'] = items.filter((i) => i.id in initialStock && Number(i.stock) + Number(i.sold) !== initialStock[i.id]).length;
    return broken;
  } finally {
    await conn.end();
  }
}
