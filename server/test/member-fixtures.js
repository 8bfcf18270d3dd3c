"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sqlTime = sqlTime;
exports.createMember = createMember;
exports.getCsv = getCsv;
/**
 * Test data for member management and exports: members created through the real login, then
 * given a profile, orders, check-ins and growth by direct SQL (fixtures, not behaviour under test).
 */
const node_crypto_1 = require("node:crypto");
const harness_1 = require("./harness");
/** A DATETIME parameter as each driver stores it (UTC). */
function sqlTime(iso) {
    const d = typeof iso === 'string' ? new Date(iso) : iso;
    return (0, harness_1.isMysqlRun)() ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}
async function createMember(t, openid, f = {}) {
    const { member } = await t.loginMember(openid);
    const id = member.id;
    const q = (sql, params) => t.dataSource.query(sql, params);
    await q('UPDATE members SET nickname = ?, phone = ?, tier = ?, points_balance = ?, joined_at = ?, last_active_at = ?, inviter_id = ? WHERE id = ?', [
        f.nickname ?? openid,
        f.phone ?? null,
        f.tier ?? 'normal',
        f.points ?? 0,
        sqlTime(f.joinedAt ?? '2026-01-01T00:00:00Z'),
        f.lastActiveAt === null ? null : sqlTime(f.lastActiveAt ?? '2026-01-01T00:00:00Z'),
        f.inviterId ?? null,
        id,
    ]);
    await q('UPDATE member_wechat_sessions SET platform = ? WHERE member_id = ?', [f.platform ?? null, id]);
    for (const [i, o] of (f.orders ?? []).entries()) {
        await q('INSERT INTO orders (id, member_id, idempotency_key, status, cash_subtotal_fen, cash_due_fen, created_at, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [(0, node_crypto_1.randomUUID)(), id, `fixture-${i}`, o.status, o.fen, o.fen, sqlTime(o.paidAt ?? '2026-01-01T00:00:00Z'), o.paidAt ? sqlTime(o.paidAt) : null]);
    }
    for (const c of f.checkins ?? []) {
        await q("INSERT INTO checkins (id, member_id, day, kind, streak, points, rewards, created_at) VALUES (?, ?, ?, 'normal', ?, 0, '[]', ?)", [
            (0, node_crypto_1.randomUUID)(),
            id,
            c.day,
            c.streak,
            sqlTime(`${c.day}T04:00:00Z`),
        ]);
    }
    for (const [i, g] of (f.growth ?? []).entries()) {
        await q("INSERT INTO growth_ledger (id, member_id, delta, reason, ref, created_at) VALUES (?, ?, ?, 'fixture', ?, ?)", [(0, node_crypto_1.randomUUID)(), id, g.delta, `g${i}`, sqlTime(g.at)]);
    }
    return id;
}
/** Fetches a CSV as bytes (fetch's text() would silently drop the BOM). */
async function getCsv(t, path, token) {
    const res = await fetch(t.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    return { status: res.status, bytes, text, headers: res.headers, json };
}
//# sourceMappingURL=member-fixtures.js.map