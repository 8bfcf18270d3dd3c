/**
 * Baseline for the check-in benchmark: a bare node:http + mysql2 handler running the same
 * transaction as POST /api/checkins (the same statements in the same order), with JWT checking.
 */
import { createServer } from 'node:http';
import { createSecretKey, randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import jwt from 'jsonwebtoken';
import { addDays, storeDate, expiryDateFor } from '../../../shared/src';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL!, connectionLimit: 20, timezone: 'Z' });
// A KeyObject, as the server uses: a string secret makes jsonwebtoken try it as a public key first.
const SECRET = createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8'));

async function checkIn(memberId: string) {
  const now = new Date();
  const today = storeDate(now);
  const [existing] = await pool.query<mysql.RowDataPacket[]>('SELECT * FROM checkins WHERE member_id = ? AND day = ? LIMIT 1', [memberId, today]);
  if (existing.length) return { date: today, streak: existing[0].streak, pointsAwarded: 0, rewards: [], alreadyCheckedIn: true };
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const [prev] = await conn.query<mysql.RowDataPacket[]>('SELECT * FROM checkins WHERE member_id = ? AND day = ? LIMIT 1', [memberId, addDays(today, -1)]);
    const streak = prev.length ? prev[0].streak + 1 : 1;
    const checkinId = randomUUID();
    await conn.query('INSERT INTO checkins (id, member_id, day, kind, streak, points, rewards, created_at) VALUES (?,?,?,?,?,?,?,?)', [checkinId, memberId, today, 'normal', streak, 0, '[]', now]);
    await conn.query('SELECT * FROM members WHERE id = ? FOR UPDATE', [memberId]);
    // points: lock and read the balance, idempotency check, conditional balance update, ledger entry, lot
    const [[member]] = await conn.query<mysql.RowDataPacket[]>('SELECT * FROM members WHERE id = ? FOR UPDATE', [memberId]);
    await conn.query('SELECT * FROM points_ledger WHERE member_id = ? AND reason = ? AND ref = ? LIMIT 1', [memberId, 'checkin', today]);
    const balanceAfter = member.points_balance + 5;
    await conn.query('UPDATE members SET points_balance = ? WHERE id = ? AND points_balance = ?', [balanceAfter, memberId, member.points_balance]);
    const entryId = randomUUID();
    await conn.query('INSERT INTO points_ledger (id, member_id, delta, reason, ref, balance_after, note, created_at) VALUES (?,?,?,?,?,?,?,?)', [entryId, memberId, 5, 'checkin', today, balanceAfter, null, now]);
    await conn.query('INSERT INTO points_lots (id, member_id, earned_at, expires_on, amount, remaining) VALUES (?,?,?,?,?,?)', [entryId, memberId, now, expiryDateFor(now), 5, 5]);
    // growth: lock, member, idempotency check, entry, 12-month sum
    await conn.query('SELECT * FROM members WHERE id = ? FOR UPDATE', [memberId]);
    await conn.query('SELECT * FROM growth_ledger WHERE member_id = ? AND reason = ? AND ref = ? LIMIT 1', [memberId, 'checkin', today]);
    await conn.query('INSERT INTO growth_ledger (id, member_id, delta, reason, ref, created_at) VALUES (?,?,?,?,?,?)', [randomUUID(), memberId, 1, 'checkin', today, now]);
    await conn.query('SELECT SUM(delta) AS total FROM growth_ledger WHERE member_id = ? AND created_at >= ?', [memberId, new Date(now.getTime() - 365 * 86400_000)]);
    const rewards = [{ kind: 'points', points: 5, label: '5积分', reason: 'checkin' }];
    await conn.query('UPDATE checkins SET points = ?, rewards = ? WHERE id = ?', [5, JSON.stringify(rewards), checkinId]);
    await conn.commit();
    return { date: today, streak, pointsAwarded: 5, rewards, alreadyCheckedIn: false };
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
}

createServer((req, res) => {
  if (req.url === '/api/health') return void res.end('{"status":"ok"}');
  req.resume();
  req.on('end', () => {
    let memberId: string;
    try {
      memberId = (jwt.verify((req.headers.authorization ?? '').slice(7), SECRET, { algorithms: ['HS256'] }) as { sub: string }).sub;
    } catch {
      res.writeHead(401).end();
      return;
    }
    checkIn(memberId)
      .then((out) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out));
      })
      .catch((e) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'INTERNAL_ERROR', message: String(e) }));
      });
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
