import { activeCounts, rollupDay, StoredEvent } from '@mall/shared';
import { startTestApp, TestApp } from '../../test/harness';
import { MemberEntity } from '../members/member.entity';

/** Events for the tests: ids unique per test run, times given as Shanghai wall-clock on a day. */
let seq = 0;
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);
const ev = (type: string, ts: number, extra: Record<string, unknown> = {}) => ({ id: `t-${Date.now().toString(36)}-${++seq}`, type, ts, ...extra });
const iphone = { brand: 'Apple', model: 'iPhone 15', platform: 'ios', system: 'iOS 17.1', version: '8.0.44', SDKVersion: '3.3.4', screenWidth: 393, screenHeight: 852, pixelRatio: 3, networkType: 'wifi' };
const android = { brand: 'Xiaomi', model: '23127PN0CC', platform: 'android', system: 'Android 14', version: '8.0.43', SDKVersion: '3.3.4', screenWidth: 412, screenHeight: 915, pixelRatio: 2.625, networkType: '4g' };

describe('analytics ingest and roll-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const post = (token: string | undefined, events: unknown[]) => t.request('POST', '/api/analytics/events', { token, body: { events } });

  describe('POST /api/analytics/events', () => {
    it('stores a valid batch for the token\'s member with one multi-row insert and answers 202', async () => {
      await t.setClock('2026-11-23T04:00:00Z');
      const { token, member } = await t.loginMember('an-a');
      const now = Date.parse('2026-11-23T04:00:00Z');
      const res = await post(token, [ev('launch', now - 1000, { scene: 1001, device: iphone }), ev('page_view', now, { page: 'pages/index/index', dwellMs: 1500 })]);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ received: 2 });
      const rows = await t.dataSource.query('SELECT member_id, type, day, platform, dwell_ms FROM analytics_events ORDER BY ts');
      expect(rows.map((r: Record<string, unknown>) => [r.member_id, r.type, r.day, r.platform, r.dwell_ms === null ? null : Number(r.dwell_ms)])).toEqual([
        [member.id, 'launch', '2026-11-23', 'ios', null],
        [member.id, 'page_view', '2026-11-23', null, 1500],
      ]);
    });

    it('refuses a batch with a bad event, naming its index and reason, and stores nothing', async () => {
      await t.setClock('2026-11-23T04:00:00Z');
      const { token } = await t.loginMember('an-bad');
      const now = Date.parse('2026-11-23T04:00:00Z');
      const res = await post(token, [ev('launch', now), ev('app_show', now), ev('page_view', now)]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_EVENT', details: { index: 2, reason: 'page_view needs a page' } });
      expect(res.body.message).toContain('第 2 个事件');
      const old = await post(token, [ev('launch', now - 73 * 3_600_000)]);
      expect(old.body.details).toEqual({ index: 0, reason: 'ts is outside the accepted window (72 hours back, 10 minutes ahead)', fields: ['events.0'] });
      expect((await post(token, 'nope' as never)).status).toBe(400);
      expect(await t.count('analytics_events')).toBe(0);
    });

    it('answers 413 to more than 100 events or more than 64 KB', async () => {
      const { token } = await t.loginMember('an-big');
      const now = Date.now();
      const many = await post(token, Array.from({ length: 101 }, () => ev('app_show', now)));
      expect(many.status).toBe(413);
      expect(many.body.code).toBe('BATCH_TOO_LARGE');
      const padded = JSON.stringify({ events: [ev('app_show', now)] }).replace('{', '{' + ' '.repeat(65 * 1024));
      const big = await t.request('POST', '/api/analytics/events', { token, rawBody: padded, headers: { 'content-type': 'application/json' } });
      expect(big.status).toBe(413);
      expect((await post(token, Array.from({ length: 100 }, () => ev('app_show', now)))).status).toBe(202);
      expect(await t.count('analytics_events')).toBe(100);
    });

    it('takes the member from the token only: a member id in the body is refused, and no token is 401', async () => {
      const { token, member } = await t.loginMember('an-self');
      const other = await t.loginMember('an-other');
      const now = Date.now();
      const spoof = await post(token, [{ ...ev('launch', now), memberId: other.member.id }]);
      expect(spoof.status).toBe(400);
      expect(spoof.body.details).toMatchObject({ index: 0, reason: 'memberId is not a known field' });
      expect((await post(undefined, [ev('launch', now)])).status).toBe(401);
      expect((await post(token, [ev('launch', now)])).status).toBe(202);
      expect(await t.dataSource.query('SELECT DISTINCT member_id FROM analytics_events')).toEqual([{ member_id: member.id }]);
    });

    it('stores a resent event once, and the same client id from two members twice', async () => {
      const a = await t.loginMember('an-dup-a');
      const b = await t.loginMember('an-dup-b');
      const now = Date.now();
      const batch = [ev('launch', now), ev('page_view', now, { page: 'pages/index/index' })];
      const dupInBatch = [...batch, batch[0]];
      const results = await Promise.all([post(a.token, dupInBatch), post(a.token, batch), post(a.token, batch), post(b.token, batch)]);
      expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202]);
      const rows = await t.dataSource.query('SELECT member_id, COUNT(*) AS n FROM analytics_events GROUP BY member_id');
      expect(Object.fromEntries(rows.map((r: { member_id: string; n: unknown }) => [r.member_id, Number(r.n)]))).toEqual({ [a.member.id]: 2, [b.member.id]: 2 });
    });

    it('marks the member active on launch or app_show', async () => {
      await t.setClock('2026-11-01T04:00:00Z');
      const { token, member } = await t.loginMember('an-touch');
      await t.setClock('2026-11-23T04:00:00Z');
      await post(token, [ev('app_show', Date.parse('2026-11-23T04:00:00Z'))]);
      const row = await t.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: member.id });
      // The test clock keeps ticking after it is set: within a few seconds of it.
      expect(Math.abs((row.lastActiveAt?.getTime() ?? 0) - Date.parse('2026-11-23T04:00:00Z'))).toBeLessThan(5_000);
    });
  });

  describe('daily roll-up and GET /api/admin/analytics/devices|visits', () => {
    it('gives the same numbers as computing from the raw events, and deletes raw events past the retention', async () => {
      const day = '2026-11-22';
      await t.setClock(`${day}T14:00:00Z`); // 22:00 in Shanghai
      const a = await t.loginMember('an-roll-a');
      const b = await t.loginMember('an-roll-b');
      const c = await t.loginMember('an-roll-c');
      await t.dataSource.query("UPDATE members SET tier = 'gold' WHERE id = ?", [c.member.id]);
      const sent: StoredEvent[] = [];
      const send = async (who: { token: string; member: { id: string } }, events: ReturnType<typeof ev>[]) => {
        expect((await post(who.token, events)).status).toBe(202);
        sent.push(...events.map((e) => ({ ...(e as unknown as StoredEvent), memberId: who.member.id })));
      };
      await send(a, [
        ev('launch', at(day, '09:00'), { scene: 1001, device: iphone }),
        ev('page_view', at(day, '09:01'), { page: 'pages/index/index', dwellMs: 20_000 }),
        ev('page_view', at(day, '09:02'), { page: 'pages/checkin/index', dwellMs: 7_000 }),
        ev('app_hide', at(day, '09:03')),
        ev('app_show', at(day, '20:30'), { device: { ...iphone, networkType: '5g' } }),
        ev('page_view', at(day, '20:31'), { page: 'pages/mall/index', dwellMs: 3_000 }),
      ]);
      await send(b, [ev('launch', at(day, '09:40'), { scene: 1047, device: android }), ev('page_view', at(day, '09:41'), { page: 'pages/index/index', dwellMs: 10_000 })]);
      await send(c, [ev('launch', at(day, '21:00'), { scene: 1001, device: android }), ev('page_view', at(day, '21:01'), { page: 'pages/checkin/index' })]);
      // An event of the previous day, sent late: it belongs to that day.
      await send(b, [ev('app_show', at('2026-11-21', '23:50'), { device: android })]);

      await t.setClock('2026-11-23T02:00:00Z');
      expect((await t.runJob('analytics-rollup')).ran).toBe(true);

      const expected = rollupDay(day, sent, 'Asia/Shanghai');
      const token = await t.adminToken('analyst');
      const devices = (await t.request('GET', `/api/admin/analytics/devices?from=${day}&to=${day}`, { token })).body;
      const countBy = (key: 'platform' | 'networkType' | 'brand') => {
        const m = new Map<string, number>();
        for (const r of expected.members) m.set(r[key], (m.get(r[key]) ?? 0) + 1);
        return [...m.entries()].map(([value, members]) => ({ value, members })).sort((x, y) => y.members - x.members || (x.value < y.value ? -1 : 1));
      };
      expect(devices.members).toBe(3);
      expect(devices.platforms).toEqual(countBy('platform'));
      expect(devices.platforms).toEqual([{ value: 'android', members: 2 }, { value: 'ios', members: 1 }]);
      expect(devices.networkTypes).toEqual(countBy('networkType'));
      expect(devices.brands).toEqual(countBy('brand'));
      const gold = (await t.request('GET', `/api/admin/analytics/devices?from=${day}&to=${day}&tier=gold`, { token })).body;
      expect(gold.platforms).toEqual([{ value: 'android', members: 1 }]);

      const visits = (await t.request('GET', `/api/admin/analytics/visits?from=${day}&to=${day}`, { token })).body;
      expect(visits.byHour).toEqual(expected.hours);
      expect(visits.scenes).toEqual([...expected.scenes].sort((x, y) => y.launches - x.launches || x.scene - y.scene));
      expect(visits.pages).toEqual(
        [...expected.pages]
          .sort((x, y) => y.views - x.views || (x.page < y.page ? -1 : 1))
          .map((p) => ({ page: p.page, views: p.views, avgDwellMs: p.dwellCount ? Math.round(p.dwellMsTotal / p.dwellCount) : null, entries: p.entries, exits: p.exits })),
      );
      const activeDays = sent.map((e) => ({ memberId: e.memberId, day: new Date(e.ts + 8 * 3_600_000).toISOString().slice(0, 10) }));
      expect(visits.trend).toEqual([{ day, ...activeCounts(activeDays, day) }]);
      expect(visits.trend[0]).toEqual({ day, dau: 3, wau: 3, mau: 3 });
      expect(visits.byWeekday[0]).toBe(3); // 22 November 2026 is a Sunday

      // A second run the same day is refused by the run-once lock.
      expect((await t.runJob('analytics-rollup')).ran).toBe(false);
      // 90 days on, raw events are gone while the roll-up stays.
      await t.setClock('2027-02-21T02:00:00Z');
      await t.runJob('analytics-rollup');
      expect(await t.count('analytics_events')).toBe(0);
      expect(await t.count('analytics_member_days')).toBe(4);
    });

    it('refuses a bad range and non-admins', async () => {
      const token = await t.adminToken();
      expect((await t.request('GET', '/api/admin/analytics/visits?from=2026-11-10&to=2026-11-01', { token })).status).toBe(400);
      expect((await t.request('GET', '/api/admin/analytics/devices?from=2020-01-01&to=2026-11-01', { token })).status).toBe(400);
      expect((await t.request('GET', '/api/admin/analytics/devices?tier=platinum', { token })).status).toBe(400);
      const member = await t.loginMember('an-nosy');
      expect((await t.request('GET', '/api/admin/analytics/devices', { token: member.token })).status).toBe(403);
    });
  });
});
