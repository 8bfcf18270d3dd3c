import { startTestApp, TestApp } from '../../test/harness';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { CheckinDefaultsService } from './checkin-defaults.service';

describe('check-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const checkIn = (token: string) => t.request('POST', '/api/checkins', { token });
  const balance = async (token: string) => (await t.request('GET', '/api/members/me', { token })).body.points;
  // Noon in Shanghai on a given store day.
  const at = (day: string) => t.setClock(`${day}T04:00:00Z`);
  const ladder = async (steps: unknown[], extra: Record<string, unknown> = {}) => {
    const token = await t.adminToken();
    const current = (await t.request('GET', '/api/admin/checkins/settings', { token })).body;
    const res = await t.request('PUT', '/api/admin/checkins/settings', { token, body: { ...current, ladder: { basePoints: 5, repeat: true, steps }, ...extra } });
    expect(res.status).toBe(200);
  };

  describe('POST /api/checkins', () => {
    it('awards the base points once a day and answers a repeat with alreadyCheckedIn', async () => {
      const { token } = await t.loginMember('ck-a');
      await at('2026-03-03');
      const first = await checkIn(token);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        date: '2026-03-03',
        streak: 1,
        pointsAwarded: 5,
        rewards: [{ kind: 'points', points: 5, label: '5积分', reason: 'checkin' }],
        multipliers: { tierPct: 100, dayPct: 100, memberDay: false, holiday: false },
        alreadyCheckedIn: false,
      });
      const again = await checkIn(token);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ date: '2026-03-03', streak: 1, pointsAwarded: 0, rewards: [], alreadyCheckedIn: true });
      expect(await balance(token)).toBe(5);
    });

    it('awards exactly once for 200 simultaneous check-ins by one member', async () => {
      const { token, member } = await t.loginMember('ck-race');
      const results = await Promise.all(Array.from({ length: 200 }, () => checkIn(token)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(results.filter((r) => !r.body.alreadyCheckedIn)).toHaveLength(1);
      expect(await balance(token)).toBe(5);
      expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM checkins WHERE member_id = ?', [member.id]))[0].n)).toBe(1);
      expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ? AND reason = 'checkin'", [member.id]))[0].n)).toBe(1);
    });

    it('builds a streak over 8 days with the day-7 bonus, and a missed day starts again', async () => {
      const { token } = await t.loginMember('ck-streak');
      const answers = [];
      // 10–17 March: clear of the default member day (the 8th), which would double the points.
      for (let d = 10; d <= 17; d++) {
        await at(`2026-03-${d}`);
        answers.push((await checkIn(token)).body);
      }
      expect(answers.map((a) => a.streak)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(answers[6]).toMatchObject({ pointsAwarded: 25, rewards: [expect.objectContaining({ points: 5 }), expect.objectContaining({ points: 20, reason: 'streak_bonus' })] });
      expect(await balance(token)).toBe(8 * 5 + 20);
      await at('2026-03-19');
      expect((await checkIn(token)).body.streak).toBe(1);
      const calendar = await t.request('GET', '/api/checkins/calendar?month=2026-03', { token });
      expect(calendar.body).toMatchObject({ month: '2026-03', today: '2026-03-19', checkedInToday: true, streak: 1, makeup: { remaining: 2, costPoints: 10 } });
      expect(calendar.body.days.slice(8, 20).map((d: { state: string }) => d.state)).toEqual(['missed', ...Array(8).fill('checked'), 'missed', 'checked', 'future']);
      expect(calendar.body.days[7]).toMatchObject({ date: '2026-03-08', memberDay: true });
      expect(calendar.body.nextRewards[0]).toEqual({ inDays: 6, day: 7, points: 20, label: '20积分' });
    });

    it('counts days in Asia/Shanghai whatever the server TZ: 23:59 and 00:01 are two days', async () => {
      const { token } = await t.loginMember('ck-midnight');
      await t.setClock('2026-03-01T15:59:00Z'); // 23:59 on 1 March in Shanghai
      expect((await checkIn(token)).body).toMatchObject({ date: '2026-03-01', streak: 1, alreadyCheckedIn: false });
      await t.setClock('2026-03-01T16:01:00Z'); // 00:01 on 2 March in Shanghai, still 1 March in UTC
      expect((await checkIn(token)).body).toMatchObject({ date: '2026-03-02', streak: 2, alreadyCheckedIn: false });
      await t.setClock('2026-03-02T15:30:00Z'); // 23:30 on 2 March in Shanghai
      expect((await checkIn(token)).body.alreadyCheckedIn).toBe(true);
    });

    it('multiplies the base by tier and member day, and says so', async () => {
      const { token, member } = await t.loginMember('ck-gold');
      await t.dataSource.query("UPDATE members SET tier = 'gold' WHERE id = ?", [member.id]);
      await t.request('PUT', '/api/admin/member-day', { token: await t.adminToken(), body: { schedule: { kind: 'monthDay', day: 8 }, couponTemplates: {}, reminderHour: 9 } });
      await at('2026-03-08');
      expect((await checkIn(token)).body).toMatchObject({ pointsAwarded: 15, multipliers: { tierPct: 150, dayPct: 200, memberDay: true, holiday: false } });
    });

    it('issues a ladder coupon on its day', async () => {
      const token = await t.adminToken();
      const template = (await t.request('POST', '/api/admin/coupon-templates', { token, body: { name: '签到2天券', kind: 'amount', amountOffFen: 1000, thresholdFen: 5000, validDays: 7 } })).body;
      await ladder([{ day: 2, couponTemplateId: template.id, label: '10元优惠券' }]);
      const member = await t.loginMember('ck-coupon');
      await at('2026-03-01');
      await checkIn(member.token);
      await at('2026-03-02');
      expect((await checkIn(member.token)).body.rewards).toContainEqual({ kind: 'coupon', label: '10元优惠券', reason: 'streak_bonus' });
      expect((await t.request('GET', '/api/coupons', { token: member.token })).body.items).toEqual([expect.objectContaining({ name: '签到2天券', source: 'checkin' })]);
    });

    it('multiplies the base on a listed holiday that is not member day', async () => {
      const { token } = await t.loginMember('ck-holiday');
      await ladder([], { holidays: ['2026-03-12'], holidayMultiplierPct: 300 });
      await at('2026-03-12');
      expect((await checkIn(token)).body).toMatchObject({ pointsAwarded: 15, multipliers: { tierPct: 100, dayPct: 300, memberDay: false, holiday: true } });
      await at('2026-03-13');
      expect((await checkIn(token)).body).toMatchObject({ pointsAwarded: 5, multipliers: { dayPct: 100, holiday: false } });
    });

    it('names a ladder coupon it could not issue (disabled by the merchant) and still awards the points', async () => {
      const token = await t.adminToken();
      const template = (await t.request('POST', '/api/admin/coupon-templates', { token, body: { name: '停用券', kind: 'amount', amountOffFen: 500, thresholdFen: 0, validDays: 7 } })).body;
      await t.dataSource.query("UPDATE coupon_templates SET status = 'disabled' WHERE id = ?", [template.id]);
      await ladder([{ day: 1, points: 2, couponTemplateId: template.id, label: '5元券' }]);
      const member = await t.loginMember('ck-coupon-gone');
      await at('2026-03-01');
      const res = await checkIn(member.token);
      expect(res.status).toBe(200);
      expect(res.body.pointsAwarded).toBe(7);
      expect(res.body.rewards).toContainEqual({ kind: 'coupon', label: '5元券', reason: 'streak_bonus', unavailable: '优惠券已停用' });
      expect((await t.request('GET', '/api/coupons', { token: member.token })).body.items).toEqual([]);
    });

    it('refuses anonymous and admin callers', async () => {
      expect((await t.request('POST', '/api/checkins')).status).toBe(401);
      expect((await t.request('POST', '/api/checkins', { token: await t.adminToken() })).status).toBe(403);
      expect(await t.count('checkins')).toBe(0);
    });
  });

  describe('POST /api/checkins/makeup', () => {
    it('restores the streak as if the day had been checked, for 10 points', async () => {
      const { token } = await t.loginMember('mk-ok');
      for (const d of ['01', '02', '03', '05', '06']) {
        await at(`2026-03-${d}`);
        await checkIn(token);
      }
      const before = await balance(token);
      const res = await t.request('POST', '/api/checkins/makeup', { token, body: { date: '2026-03-04' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ date: '2026-03-04', streak: 6, pointsSpent: 10 });
      expect(await balance(token)).toBe(before - 10);
      await at('2026-03-07');
      expect((await checkIn(token)).body).toMatchObject({ streak: 7, pointsAwarded: 25 });
      const calendar = await t.request('GET', '/api/checkins/calendar?month=2026-03', { token });
      expect(calendar.body.days[3].state).toBe('made_up');
    });

    it('answers each refusal clearly and changes nothing', async () => {
      const { token, member } = await t.loginMember('mk-bad');
      await at('2026-03-02');
      await checkIn(token); // 5 points: not enough for a make-up
      await at('2026-03-20');
      const tryDate = async (date: string) => (await t.request('POST', '/api/checkins/makeup', { token, body: { date } })).body.code;
      expect(await tryDate('2026-03-21')).toBe('FUTURE_DATE');
      expect(await tryDate('2026-03-20')).toBe('NOT_PAST');
      expect(await tryDate('2026-02-27')).toBe('OTHER_MONTH');
      expect(await tryDate('2026-03-02')).toBe('ALREADY_CHECKED');
      expect(await tryDate('2026-03-05')).toBe('NOT_ENOUGH_POINTS');
      expect((await t.request('POST', '/api/checkins/makeup', { token, body: { date: '2026-3-5' } })).status).toBe(400);
      await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: await t.adminToken(), body: { delta: 100, note: '测试补签' } });
      expect((await t.request('POST', '/api/checkins/makeup', { token, body: { date: '2026-03-05' } })).status).toBe(200);
      expect((await t.request('POST', '/api/checkins/makeup', { token, body: { date: '2026-03-06' } })).status).toBe(200);
      expect(await tryDate('2026-03-07')).toBe('MONTHLY_LIMIT');
      expect(await balance(token)).toBe(5 + 100 - 20);
      expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM checkins WHERE kind = 'makeup'"))[0].n)).toBe(2);
    });
  });

  describe('reminders', () => {
    it('sends one reminder a day to opted-in members who have not checked in, once across two servers', async () => {
      const sleepy = await t.loginMember('rm-sleepy');
      const eager = await t.loginMember('rm-eager');
      const silent = await t.loginMember('rm-silent');
      for (const m of [sleepy, eager]) await t.request('POST', '/api/subscriptions', { token: m.token, body: { topics: ['checkin_reminder'] } });
      await t.request('POST', '/api/subscriptions', { token: sleepy.token, body: { topics: ['checkin_reminder'] } });
      await at('2026-03-03');
      await checkIn(eager.token);
      t.sandbox.state.subscribeMessages.length = 0;
      const second = await startTestApp({}, t);
      try {
        await second.setClock('2026-03-03T13:00:00Z');
        await t.setClock('2026-03-03T13:00:00Z');
        const runs = await Promise.all([t.runJob('checkin-reminder'), second.runJob('checkin-reminder')]);
        expect(runs.filter((r) => r.ran)).toHaveLength(1);
        const sent = [...t.sandbox.state.subscribeMessages, ...second.sandbox.state.subscribeMessages];
        expect(sent.map((m) => m.touser)).toEqual(['rm-sleepy']);
        expect(sent[0]).toMatchObject({ template_id: 'demo-tmpl-checkin-reminder', page: 'pages/checkin/index' });
      } finally {
        await second.close();
      }
      void silent;
      expect((await t.request('GET', '/api/subscriptions', { token: sleepy.token })).body.credits).toEqual({ checkin_reminder: 1 });
    });
  });

  describe('a store\'s first start', () => {
    it('creates the default ladder with a real 10-yuan coupon on day 30, once, and never over the merchant\'s rules', async () => {
      const defaults = t.app.get(CheckinDefaultsService);
      await defaults.onApplicationBootstrap();
      await defaults.onApplicationBootstrap();
      const token = await t.adminToken();
      const settings = (await t.request('GET', '/api/admin/checkins/settings', { token })).body;
      expect(settings.ladder.basePoints).toBe(5);
      expect(settings.ladder.steps).toEqual([
        expect.objectContaining({ day: 7, points: 20 }),
        expect.objectContaining({ day: 30, couponTemplateId: expect.any(String) }),
      ]);
      const templates = (await t.request('GET', '/api/admin/coupon-templates', { token })).body.items;
      expect(templates).toEqual([expect.objectContaining({ id: settings.ladder.steps[1].couponTemplateId, amountOffFen: 1000, status: 'active' })]);

      // Thirty days in a row earn the coupon on the 30th.
      const member = await t.loginMember('ck-thirty');
      let last;
      for (let d = 1; d <= 30; d++) {
        await at(`2026-04-${String(d).padStart(2, '0')}`);
        last = (await checkIn(member.token)).body;
      }
      expect(last).toMatchObject({ streak: 30 });
      expect(last.rewards).toContainEqual(expect.objectContaining({ kind: 'coupon', reason: 'streak_bonus' }));
      expect((await t.request('GET', '/api/coupons', { token: member.token })).body.items).toEqual([expect.objectContaining({ source: 'checkin' })]);

      // A store that already has rules keeps them: a later first-start pass changes nothing.
      await t.dataSource.query('DELETE FROM job_runs');
      await defaults.onApplicationBootstrap();
      expect((await t.request('GET', '/api/admin/coupon-templates', { token })).body.items).toHaveLength(1);
    }, 60_000);
  });

  describe('the reminder hour', () => {
    it('sends nothing before the configured hour and one reminder once it has come', async () => {
      const sleepy = await t.loginMember('rh-sleepy');
      await t.request('POST', '/api/subscriptions', { token: sleepy.token, body: { topics: ['checkin_reminder'] } });
      await ladder([], { reminderHour: 19 });
      t.sandbox.state.subscribeMessages.length = 0;
      const jobs = t.app.get(DailyJobsService);
      await t.setClock('2026-03-03T10:59:00Z'); // 18:59 in Shanghai
      expect(await jobs.runDue()).not.toContain('checkin-reminder');
      expect(t.sandbox.state.subscribeMessages).toEqual([]);
      await t.setClock('2026-03-03T11:01:00Z'); // 19:01
      expect(await jobs.runDue()).toContain('checkin-reminder');
      expect(await jobs.runDue()).not.toContain('checkin-reminder');
      expect(t.sandbox.state.subscribeMessages.map((m) => m.touser)).toEqual(['rh-sleepy']);
    });
  });

  describe('admin', () => {
    it('validates the ladder and reports daily check-ins and rate', async () => {
      const token = await t.adminToken();
      const current = (await t.request('GET', '/api/admin/checkins/settings', { token })).body;
      const bad = await t.request('PUT', '/api/admin/checkins/settings', { token, body: { ...current, ladder: { basePoints: 5, repeat: true, steps: [{ day: 7 }] } } });
      expect(bad.body.code).toBe('INVALID_LADDER');
      expect((await t.request('PUT', '/api/admin/checkins/settings', { token: await t.adminToken('analyst'), body: current })).status).toBe(403);
      const a = await t.loginMember('st-a');
      await t.loginMember('st-b');
      await checkIn(a.token);
      const stats = await t.request('GET', '/api/admin/checkins/stats?days=2', { token });
      expect(stats.body.days).toHaveLength(2);
      expect(stats.body.days[1]).toMatchObject({ checkins: 1, members: 2, rate: 0.5 });
    });
  });
});
