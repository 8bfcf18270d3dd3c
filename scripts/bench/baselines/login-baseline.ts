/**
 * Baseline for the login benchmark: a bare node:http + mysql2 handler doing the same work as
 * POST /api/auth/wx-login (jscode2session on the stand-in, find-or-create the member, store the
 * session key, issue a refresh token and a JWT) with no framework around it.
 */
import { createServer } from 'node:http';
import { createHash, createSecretKey, randomBytes, randomInt } from 'node:crypto';
import mysql from 'mysql2/promise';
import jwt from 'jsonwebtoken';
import { randomUUID as uuidv7 } from 'node:crypto';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL!, connectionLimit: 20, timezone: 'Z' });
const WECHAT = process.env.WECHAT_API_BASE!;
// A KeyObject, as the server uses: a string secret makes jsonwebtoken try it as an asymmetric key first.
const SECRET = createSecretKey(Buffer.from('bench-jwt-secret-0123456789-0123456789', 'utf8'));
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

async function login(code: string) {
  const res = await fetch(`${WECHAT}/sns/jscode2session?appid=wx0000000000demo&secret=demo-app-secret&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`);
  const session = (await res.json()) as { openid?: string; session_key?: string; errcode?: number };
  if (!session.openid) return null;
  const now = new Date();
  let [rows] = await pool.query<mysql.RowDataPacket[]>('SELECT * FROM members WHERE openid = ?', [session.openid]);
  let member = rows[0];
  if (member) {
    await pool.query('UPDATE members SET last_active_at = ? WHERE id = ?', [now, member.id]);
    await pool.query('UPDATE member_wechat_sessions SET session_key = ?, updated_at = ? WHERE member_id = ?', [session.session_key, now, member.id]);
  } else {
    const id = uuidv7();
    let invite = '';
    for (let i = 0; i < 8; i++) invite += ALPHABET[randomInt(ALPHABET.length)];
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      await conn.query(
        'INSERT INTO members (id, openid, unionid, nickname, avatar_url, phone, birthday, birthday_changed_at, tier, points_balance, invite_code, inviter_id, joined_at, last_active_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
        [id, session.openid, null, `会员${invite.slice(0, 4)}`, '', null, null, null, 'normal', 0, invite, null, now, now],
      );
      await conn.query('INSERT INTO member_wechat_sessions (member_id, session_key, updated_at) VALUES (?,?,?)', [id, session.session_key, now]);
      await conn.commit();
    } catch (e) {
      await conn.rollback();
      if ((e as { code?: string }).code !== 'ER_DUP_ENTRY') throw e;
    } finally {
      conn.release();
    }
    [rows] = await pool.query<mysql.RowDataPacket[]>('SELECT * FROM members WHERE openid = ?', [session.openid]);
    member = rows[0];
  }
  const refresh = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO auth_refresh_tokens (id, token_hash, member_id, expires_at, used_at, created_at) VALUES (?,?,?,?,?,?)', [
    uuidv7(),
    createHash('sha256').update(refresh).digest('hex'),
    member.id,
    new Date(now.getTime() + 30 * 86400_000),
    null,
    now,
  ]);
  const token = jwt.sign({ sub: member.id, typ: 'member' }, SECRET, { algorithm: 'HS256', expiresIn: 7200 });
  return { token, refreshToken: refresh, expiresIn: 7200, member: { id: member.id, nickname: member.nickname, avatarUrl: member.avatar_url, tier: member.tier, points: member.points_balance } };
}

createServer((req, res) => {
  if (req.url === '/api/health') return void res.end('{"status":"ok"}');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    login(JSON.parse(body).code)
      .then((out) => {
        res.writeHead(out ? 200 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify(out ?? { code: 'INVALID_LOGIN_CODE', message: 'bad code' }));
      })
      .catch((e) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'INTERNAL_ERROR', message: String(e) }));
      });
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
