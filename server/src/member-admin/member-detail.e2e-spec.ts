import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember, sqlTime } from '../../test/member-fixtures';

describe('GET /api/admin/members/:memberId', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.setClock('2026-06-15T04:00:00Z');
  });
  afterEach(() => t.resetClock());

  it('shows profile, tier history, points ledger, coupons, orders, check-in calendar, invitations and devices', async () => {
    const inviter = await t.loginMember('detail-inviter');
    const { inviteCode } = (await t.request('GET', '/api/members/me', { token: inviter.token })).body;
    const friend = await t.loginMember('detail-friend', inviteCode);
    expect((await t.request('POST', '/api/checkins', { token: inviter.token })).status).toBe(200);
    await t.dataSource.query('UPDATE members SET phone = ? WHERE id = ?', ['13812345678', inviter.member.id]);
    await t.dataSource.query('UPDATE member_wechat_sessions SET platform = ?, device_fingerprint = ? WHERE member_id = ?', ['ios', 'fp-0123456789abcdef', inviter.member.id]);
    await t.dataSource.query("INSERT INTO tier_history (id, member_id, from_tier, to_tier, reason, growth_12m, created_at) VALUES (?, ?, 'normal', 'silver', 'upgrade', 1200, ?)", [randomUUID(), inviter.member.id, sqlTime('2026-05-01T00:00:00Z')]);
    const other = await createMember(t, 'detail-orders', { orders: [{ fen: 990, status: 'completed', paidAt: '2026-06-01T00:00:00Z' }] });

    const res = await t.request('GET', `/api/admin/members/${inviter.member.id}`, { token: await t.adminToken('analyst') });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.profile).toMatchObject({ id: inviter.member.id, phoneMasked: '138****5678', inviterId: null });
    expect(d.tierHistory).toEqual([{ fromTier: 'normal', toTier: 'silver', reason: 'upgrade', growth12m: 1200, createdAt: '2026-05-01T00:00:00.000Z' }]);
    expect(d.pointsLedger.length).toBeGreaterThan(0);
    expect(d.pointsLedgerTotal).toBe(d.pointsLedger.length);
    expect(d.checkinCalendar.month).toBe('2026-06');
    expect(d.checkinCalendar.days.find((x: { date: string }) => x.date === '2026-06-15').state).toBe('checked');
    expect(d.invitations).toEqual([expect.objectContaining({ friendId: friend.member.id, state: expect.any(String) })]);
    expect(d.devices).toEqual([{ platform: 'ios', deviceFingerprint: 'fp-0123456789abcdef', lastLoginAt: expect.any(String) }]);
    expect(Array.isArray(d.coupons)).toBe(true);
    expect(JSON.stringify(d)).not.toMatch(/13812345678|session|openid/i);

    const withOrders = await t.request('GET', `/api/admin/members/${other}`, { token: await t.adminToken() });
    expect(withOrders.body.ordersTotal).toBe(1);
    expect(withOrders.body.orders[0]).toMatchObject({ status: 'completed' });
  });

  it('answers 404 for an unknown member, 400 for a bad id or month, and refuses member tokens', async () => {
    const token = await t.adminToken();
    expect((await t.request('GET', `/api/admin/members/${randomUUID()}`, { token })).body.code).toBe('MEMBER_NOT_FOUND');
    expect((await t.request('GET', '/api/admin/members/not-a-uuid', { token })).status).toBe(400);
    const { token: memberToken, member } = await t.loginMember('detail-sneaky');
    expect((await t.request('GET', `/api/admin/members/${member.id}?month=2026-13`, { token })).status).toBe(400);
    expect((await t.request('GET', `/api/admin/members/${member.id}`, { token: memberToken })).status).toBe(403);
  });
});
