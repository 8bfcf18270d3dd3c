/**
 * Baseline for the flash-sale benchmark: a bare node:http + mysql2 handler that checks the JWT and,
 * in one transaction, locks the member, honours the idempotency key, spends the points with a
 * conditional balance update, writes the order and its line, and takes the stock last with the same
 * conditional update as checkout. (No coupon, tier, limit or ledger bookkeeping: the bare minimum.)
 */
import { createServer } from 'node:http';
import { createSecretKey, randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import jwt from 'jsonwebtoken';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL!, connectionLimit: 20, timezone: 'Z' });
// A KeyObject, as the server uses: a string secret makes jsonwebtoken try it as a public key first.
const SECRET = createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8'));

async function buy(memberId: string, body: { items: { itemId: string; quantity: number }[]; idempotencyKey: string }): Promise<[number, unknown]> {
  const { itemId, quantity } = body.items[0];
  // The same fast path as checkout: a visibly sold-out item is refused without a transaction.
  const [[hint]] = await pool.query<mysql.RowDataPacket[]>('SELECT stock FROM mall_items WHERE id = ?', [itemId]);
  if (hint.stock < quantity) return [409, { code: 'SOLD_OUT' }];
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query('SELECT id FROM members WHERE id = ? FOR UPDATE', [memberId]);
    const [existing] = await conn.query<mysql.RowDataPacket[]>('SELECT id FROM orders WHERE member_id = ? AND idempotency_key = ?', [memberId, body.idempotencyKey]);
    if (existing.length) {
      await conn.commit();
      return [200, { id: existing[0].id }];
    }
    const [[item]] = await conn.query<mysql.RowDataPacket[]>('SELECT * FROM mall_items WHERE id = ?', [itemId]);
    // The same fast path as checkout: sold out is refused without waiting for the row lock.
    if (item.stock < quantity) {
      await conn.rollback();
      return [409, { code: 'SOLD_OUT' }];
    }
    const points = item.points_price * quantity;
    const [spent] = await conn.query<mysql.ResultSetHeader>('UPDATE members SET points_balance = points_balance - ? WHERE id = ? AND points_balance >= ?', [points, memberId, points]);
    if (!spent.affectedRows) {
      await conn.rollback();
      return [409, { code: 'INSUFFICIENT_POINTS' }];
    }
    const orderId = randomUUID();
    const now = new Date();
    await conn.query(
      'INSERT INTO orders (id, member_id, idempotency_key, status, cash_subtotal_fen, member_day_discount_fen, coupon_discount_fen, points_used, points_value_fen, cash_due_fen, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      [orderId, memberId, body.idempotencyKey, 'to_ship', 0, 0, 0, points, 0, 0, now],
    );
    await conn.query('INSERT INTO order_lines (id, order_id, member_id, item_id, kind, name, quantity, unit_cash_fen, unit_points, active) VALUES (?,?,?,?,?,?,?,?,?,1)', [randomUUID(), orderId, memberId, itemId, item.kind, item.name, quantity, 0, item.points_price]);
    // The same order as checkout: the hot item row last, so its lock is held only for the commit.
    const [taken] = await conn.query<mysql.ResultSetHeader>('UPDATE mall_items SET stock = stock - ?, sold = sold + ? WHERE id = ? AND stock >= ?', [quantity, quantity, itemId, quantity]);
    if (!taken.affectedRows) {
      await conn.rollback();
      return [409, { code: 'SOLD_OUT' }];
    }
    await conn.commit();
    return [200, { id: orderId, status: 'to_ship', pointsUsed: points }];
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
}

createServer((req, res) => {
  if (req.url === '/api/health') return void res.end('{"status":"ok"}');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let memberId: string;
    try {
      memberId = (jwt.verify((req.headers.authorization ?? '').slice(7), SECRET, { algorithms: ['HS256'] }) as { sub: string }).sub;
    } catch {
      return void res.writeHead(401).end();
    }
    buy(memberId, JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      ([status, body]) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      () => res.writeHead(500).end(),
    );
  });
}).listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 2048 });
