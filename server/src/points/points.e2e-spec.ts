import { startTestApp, TestApp } from '../../test/harness';
import { PointsService } from './points.service';
import { TransactionRunner } from '../database/transaction-runner';

describe('points ledger', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const adjust = async (memberId: string, delta: number, note = '测试调整', role: 'owner' | 'operator' | 'analyst' = 'owner') =>
    t.request('POST', `/api/admin/members/${memberId}/points/adjustments`, { token: await t.adminToken(role), body: { delta, note } });
  const credit = (memberId: string, delta: number, ref: string) =>
    t.app.get(TransactionRunner).run(({ em }) => t.app.get(PointsService).apply(em, { memberId, delta, reason: 'checkin', ref }));
  const books = async (memberId: string) => {
    const [m] = await t.dataSource.query('SELECT points_balance FROM members WHERE id = ?', [memberId]);
    const [l] = await t.dataSource.query('SELECT COALESCE(SUM(delta), 0) AS s FROM points_ledger WHERE member_id = ?', [memberId]);
    const [lots] = await t.dataSource.query('SELECT COALESCE(SUM(remaining), 0) AS s FROM points_lots WHERE member_id = ?', [memberId]);
    return { balance: Number(m.points_balance), ledger: Number(l.s), lots: Number(lots.s) };
  };

  describe('POST /api/admin/members/:id/points/adjustments', () => {
    it('credits with a required note, audited, and shows in both ledgers', async () => {
      const { member, token } = await t.loginMember('pts-a');
      const res = await adjust(member.id, 120, '客诉补偿');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ delta: 120, reason: 'admin_adjust', balanceAfter: 120, note: '客诉补偿' });
      const [audit] = await t.dataSource.query("SELECT * FROM admin_audit_log WHERE action = 'points.adjust'");
      expect(audit).toMatchObject({ admin_username: 'owner', target_id: member.id, note: '客诉补偿' });
      const mine = await t.request('GET', '/api/points/ledger', { token });
      expect(mine.body).toEqual({ items: [{ delta: 120, reason: 'admin_adjust', balanceAfter: 120, createdAt: expect.any(String), note: '客诉补偿' }], total: 1, page: 1, pageSize: 20 });
      const admin = await t.request('GET', `/api/admin/members/${member.id}/points/ledger`, { token: await t.adminToken('analyst') });
      expect(admin.body).toMatchObject({ total: 1, balance: 120 });
    });

    it('refuses a missing note, zero, analysts, members and unknown members', async () => {
      const { member, token } = await t.loginMember('pts-b');
      const noNote = await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: await t.adminToken(), body: { delta: 10 } });
      expect(noNote.status).toBe(400);
      expect(noNote.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['note']);
      expect((await adjust(member.id, 0)).status).toBe(400);
      expect((await adjust(member.id, 10, '分析师不能改', 'analyst')).status).toBe(403);
      expect((await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token, body: { delta: 10, note: '自己加分' } })).status).toBe(403);
      expect((await adjust('00000000-0000-7000-8000-000000000000', 10)).status).toBe(404);
      expect((await adjust('not-a-uuid', 10)).status).toBe(400);
      expect(await books(member.id)).toEqual({ balance: 0, ledger: 0, lots: 0 });
    });

    it('never overdraws: 100 parallel spends of 1 on a balance of 10 → exactly 10 succeed', async () => {
      const { member } = await t.loginMember('pts-race');
      await adjust(member.id, 10);
      const token = await t.adminToken();
      const results = await Promise.all(
        Array.from({ length: 100 }, () => t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token, body: { delta: -1, note: '并发扣减' } })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(90);
      expect(results.find((r) => r.status === 409)!.body).toEqual({ code: 'NOT_ENOUGH_POINTS', message: '积分不足' });
      expect(await books(member.id)).toEqual({ balance: 0, ledger: 0, lots: 0 });
      const after = (await t.dataSource.query("SELECT balance_after FROM points_ledger WHERE member_id = ? AND delta = -1", [member.id])).map((r: { balance_after: number }) => Number(r.balance_after));
      expect(after.sort((a: number, b: number) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });

  describe('idempotent credits', () => {
    it('applies the same (reason, reference) once, even sent ten times at once', async () => {
      const { member } = await t.loginMember('pts-idem');
      const results = await Promise.all(Array.from({ length: 10 }, () => credit(member.id, 5, '2026-03-01')));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.filter((r) => r.ok && r.value.applied)).toHaveLength(1);
      expect(await books(member.id)).toEqual({ balance: 5, ledger: 5, lots: 5 });
    });
  });

  describe('holds', () => {
    it('holds points off the balance, and a release gives them back once to the same lots', async () => {
      const { member } = await t.loginMember('pts-hold');
      await credit(member.id, 100, 'day-1');
      const points = t.app.get(PointsService);
      const run = t.app.get(TransactionRunner);
      const hold = await run.run(({ em }) => points.hold(em, member.id, 60, 'order_pay', 'order-1'));
      expect(hold.ok).toBe(true);
      expect((await books(member.id)).balance).toBe(40);
      const over = await run.run(({ em }) => points.hold(em, member.id, 60, 'order_pay', 'order-2'));
      expect(over).toMatchObject({ ok: false, code: 'NOT_ENOUGH_POINTS' });
      await Promise.all([1, 2, 3].map(() => run.run(({ em }) => points.releaseHold(em, member.id, 'order-1'))));
      expect(await books(member.id)).toEqual({ balance: 100, ledger: 100, lots: 100 });
      const confirmAfterRelease = await run.run(({ em }) => points.confirmHold(em, member.id, 'order-1'));
      expect(confirmAfterRelease).toMatchObject({ ok: false, code: 'HOLD_SETTLED' });
      const second = await run.run(({ em }) => points.hold(em, member.id, 30, 'order_pay', 'order-3'));
      expect(second.ok).toBe(true);
      expect((await run.run(({ em }) => points.confirmHold(em, member.id, 'order-3'))).ok).toBe(true);
      expect(await books(member.id)).toEqual({ balance: 70, ledger: 70, lots: 70 });
    });
  });

  describe('expiry (store in Asia/Shanghai, server in UTC)', () => {
    it('expires points at the end of the year after they were earned, oldest first, once', async () => {
      const { member, token } = await t.loginMember('pts-expiry');
      // 23:00 on 31 Dec 2025 in Shanghai: earned in 2025, usable through 2026.
      await t.setClock('2025-12-31T15:00:00Z');
      await credit(member.id, 50, 'late-2025');
      // 01:00 on 1 Jan 2026 in Shanghai (still 2025 in UTC): earned in 2026, usable through 2027.
      await t.setClock('2025-12-31T17:00:00Z');
      await credit(member.id, 100, 'early-2026');
      const me = await t.request('GET', '/api/members/me', { token });
      expect(me.body.expiringPoints).toEqual({ points: 50, date: '2026-12-31' });
      // Spending takes the soonest-expiring points first.
      await adjust(member.id, -30, '兑换');

      await t.setClock('2026-12-31T15:59:00Z'); // 23:59 on 31 Dec 2026 in Shanghai
      await t.runJob('points-expiry');
      expect((await books(member.id)).balance).toBe(120);

      await t.setClock('2026-12-31T16:01:00Z'); // 00:01 on 1 Jan 2027 in Shanghai
      expect(await t.runJob('points-expiry')).toEqual({ ran: true, affected: 20 });
      expect(await t.runJob('points-expiry')).toEqual({ ran: false, reason: 'already-ran' });
      expect(await books(member.id)).toEqual({ balance: 100, ledger: 100, lots: 100 });
      const [entry] = await t.dataSource.query("SELECT delta, balance_after FROM points_ledger WHERE reason = 'expiry'");
      expect(entry).toEqual({ delta: -20, balance_after: 100 });
    });

    it('uses the merchant\'s expiry setting for points earned after it changes', async () => {
      const { member } = await t.loginMember('pts-setting');
      const token = await t.adminToken();
      const bad = await t.request('PUT', '/api/admin/points/settings', { token, body: { expiryYears: -1, pointsPer5Yuan: 100, maxShareOfCashPct: 50 } });
      expect(bad.status).toBe(400);
      const res = await t.request('PUT', '/api/admin/points/settings', { token, body: { expiryYears: 2, pointsPer5Yuan: 100, maxShareOfCashPct: 50 } });
      expect(res.body).toEqual({ expiryYears: 2, pointsPer5Yuan: 100, maxShareOfCashPct: 50 });
      await t.setClock('2026-05-01T04:00:00Z');
      await credit(member.id, 10, 'z');
      const [lot] = await t.dataSource.query('SELECT expires_on FROM points_lots WHERE member_id = ?', [member.id]);
      expect(lot.expires_on).toBe('2028-12-31');
    });

    it('warns 30 days ahead: a notice for everyone, a subscribe message for those who opted in, once', async () => {
      const optedIn = await t.loginMember('pts-warn-yes');
      const silent = await t.loginMember('pts-warn-no');
      await t.setClock('2025-06-01T04:00:00Z');
      await credit(optedIn.member.id, 80, 'x');
      await credit(silent.member.id, 30, 'y');
      await t.request('POST', '/api/subscriptions', { token: optedIn.token, body: { topics: ['points_expiry'] } });
      t.sandbox.state.subscribeMessages.length = 0;

      await t.setClock('2026-11-30T04:00:00Z'); // 31 days ahead: not yet
      await t.runJob('points-expiry-warning');
      expect(await t.count('member_notices')).toBe(0);
      await t.setClock('2026-12-02T04:00:00Z');
      await t.runJob('points-expiry-warning');
      const notices = await t.request('GET', '/api/notices', { token: silent.token });
      expect(notices.body).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'points_expiry', title: '积分即将到期', body: expect.stringContaining('30 积分将于 2026-12-31 到期') }] });
      expect(t.sandbox.state.subscribeMessages.map((m) => m.touser)).toEqual(['pts-warn-yes']);
      await t.setClock('2026-12-03T04:00:00Z');
      await t.runJob('points-expiry-warning');
      expect(await t.count('member_notices')).toBe(2);
      expect(t.sandbox.state.subscribeMessages).toHaveLength(1);
    });
  });
});
