import { campaignLift } from '@mall/shared';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember } from '../../test/member-fixtures';
import { insertSend } from '../../test/campaign-fixtures';

describe('campaigns (admin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const valid = (extra: Record<string, unknown> = {}) => ({
    name: '生日礼',
    offer: { kind: 'points', points: 100 },
    message: { title: '生日快乐', body: '送你100积分', page: 'pages/index/index' },
    trigger: { kind: 'birthday' },
    ...extra,
  });
  const post = async (body: unknown, role: 'owner' | 'operator' | 'analyst' = 'owner') => t.request('POST', '/api/admin/campaigns', { token: await t.adminToken(role), body });

  describe('POST /api/admin/campaigns', () => {
    it('creates a draft with defaults and keeps only the trigger kind’s parameters', async () => {
      const res = await post(valid({ trigger: { kind: 'pointsExpiring', pointsShort: 5 } }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: '生日礼', status: 'draft', audienceId: null, offer: { kind: 'points', points: 100 }, message: { title: '生日快乐', body: '送你100积分', page: 'pages/index/index' },
        trigger: { kind: 'pointsExpiring', withinDays: 30 }, holdoutPct: 10, attributionDays: 7, startsAt: null, endsAt: null, activatedAt: null,
      });
      expect(res.body.trigger).not.toHaveProperty('pointsShort');
      const list = await t.request('GET', '/api/admin/campaigns', { token: await t.adminToken('analyst') });
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: any) => c.id)).toEqual([res.body.id]);
    });

    it('creates a win-back with a growing offer per step', async () => {
      const template = await t.request('POST', '/api/admin/coupon-templates', { token: await t.adminToken(), body: { name: '回流券', kind: 'amount', amountOffFen: 500, thresholdFen: 0, validDays: 7 } });
      const res = await post(valid({ trigger: { kind: 'winBack', steps: [{ kind: 'points', points: 50 }, { kind: 'coupon', couponTemplateId: template.body.id }] } }));
      expect(res.status).toBe(201);
      expect(res.body.trigger.steps).toEqual([{ kind: 'points', points: 50 }, { kind: 'coupon', couponTemplateId: template.body.id }]);
      expect(res.body.offer).toEqual({ kind: 'none' });
    });

    it.each([
      ['no name', { name: '' }],
      ['unknown trigger', { trigger: { kind: 'sometimes' } }],
      ['once without a time', { trigger: { kind: 'once' } }],
      ['once with a bad time', { trigger: { kind: 'once', at: 'tomorrow' } }],
      ['win-back without steps', { trigger: { kind: 'winBack' } }],
      ['win-back with four steps', { trigger: { kind: 'winBack', steps: Array(4).fill({ kind: 'points', points: 1 }) } }],
      ['points offer without points', { offer: { kind: 'points' } }],
      ['negative points', { offer: { kind: 'points', points: -5 } }],
      ['coupon offer without template', { offer: { kind: 'coupon' } }],
      ['holdout above 50%', { holdoutPct: 80 }],
      ['fractional attribution days', { attributionDays: 1.5 }],
      ['page with a query', { message: { title: 'a', body: 'b', page: 'pages/x?y=1' } }],
      ['title too long', { message: { title: '一二三四五六七八九十一二三四五六七八九十一', body: 'b' } }],
      ['unknown field', { colour: 'red' }],
      ['nested unknown field', { trigger: { kind: 'birthday', extra: 1 } }],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_label, extra) => {
      const res = await post(valid(extra));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await t.count('campaigns')).toBe(0);
    });

    it('refuses an unknown audience or coupon template, and an end before the start', async () => {
      const missing = '0190c1c2-0000-7000-8000-000000000000';
      expect((await post(valid({ audienceId: missing }))).body.code).toBe('AUDIENCE_NOT_FOUND');
      expect((await post(valid({ offer: { kind: 'coupon', couponTemplateId: missing } }))).body.code).toBe('COUPON_TEMPLATE_NOT_FOUND');
      const res = await post(valid({ startsAt: '2026-03-02T00:00:00Z', endsAt: '2026-03-01T00:00:00Z' }));
      expect(res.status).toBe(400);
      expect(await t.count('campaigns')).toBe(0);
    });

    it('lets analysts read but not write; members and anonymous callers get nothing', async () => {
      expect((await post(valid(), 'analyst')).status).toBe(403);
      const { token } = await t.loginMember('adm-m');
      expect((await t.request('GET', '/api/admin/campaigns', { token })).status).toBe(403);
      expect((await t.request('GET', '/api/admin/campaigns')).status).toBe(401);
    });
  });

  describe('lifecycle', () => {
    it('activates, pauses, re-activates, ends; refuses impossible moves; updates and deletes drafts only', async () => {
      const token = await t.adminToken();
      const id = (await post(valid())).body.id;
      const move = (action: string, role: 'owner' | 'analyst' = 'owner') => t.adminToken(role).then((tk) => t.request('POST', `/api/admin/campaigns/${id}/${action}`, { token: tk }));
      expect((await move('pause')).body.code).toBe('CAMPAIGN_STATUS_CONFLICT');
      expect((await move('activate', 'analyst')).status).toBe(403);
      const active = await move('activate');
      expect(active.status).toBe(200);
      expect(active.body).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
      expect((await move('activate')).status).toBe(409);
      expect((await move('pause')).body.status).toBe('paused');
      const updated = await t.request('PUT', `/api/admin/campaigns/${id}`, { token, body: valid({ name: '生日礼2', holdoutPct: 0 }) });
      expect(updated.body).toMatchObject({ name: '生日礼2', holdoutPct: 0, status: 'paused' });
      expect((await move('activate')).body.status).toBe('active');
      expect((await move('end')).body.status).toBe('ended');
      expect((await t.request('PUT', `/api/admin/campaigns/${id}`, { token, body: valid() })).status).toBe(409);
      expect((await t.request('GET', `/api/admin/campaigns/${id}`, { token })).body.status).toBe('ended');
      expect((await t.request('GET', '/api/admin/campaigns/not-a-uuid', { token })).status).toBe(400);
      expect((await t.request('GET', '/api/admin/campaigns/0190c1c2-0000-7000-8000-000000000000', { token })).status).toBe(404);

      const draft = (await post(valid({ name: '草稿' }))).body.id;
      expect((await t.request('DELETE', `/api/admin/campaigns/${draft}`, { token })).status).toBe(204);
      const member = await createMember(t, 'adm-a');
      await insertSend(t, { campaignId: id, memberId: member });
      expect((await t.request('DELETE', `/api/admin/campaigns/${id}`, { token })).body.code).toBe('CAMPAIGN_HAS_SENDS');
    });
  });

  describe('GET /api/admin/campaign-settings', () => {
    it('defaults to 2 a week and 22:00–08:00, and validates changes', async () => {
      const token = await t.adminToken();
      expect((await t.request('GET', '/api/admin/campaign-settings', { token })).body).toEqual({ maxPerWeek: 2, quietStartHour: 22, quietEndHour: 8 });
      expect((await t.request('PUT', '/api/admin/campaign-settings', { token, body: { maxPerWeek: 0, quietStartHour: 22, quietEndHour: 8 } })).status).toBe(400);
      expect((await t.request('PUT', '/api/admin/campaign-settings', { token, body: { maxPerWeek: 3, quietStartHour: 24, quietEndHour: 8 } })).status).toBe(400);
      expect((await t.request('PUT', '/api/admin/campaign-settings', { token: await t.adminToken('analyst'), body: { maxPerWeek: 3, quietStartHour: 21, quietEndHour: 9 } })).status).toBe(403);
      const put = await t.request('PUT', '/api/admin/campaign-settings', { token, body: { maxPerWeek: 3, quietStartHour: 21, quietEndHour: 9 } });
      expect(put.body).toEqual({ maxPerWeek: 3, quietStartHour: 21, quietEndHour: 9 });
    });
  });

  describe('GET /api/admin/campaigns/:id/results', () => {
    it('counts sends, opens, claims and the orders inside each attribution window, per group, with the lift', async () => {
      const token = await t.adminToken();
      const id = (await post(valid({ attributionDays: 7 }))).body.id;
      const sentAt = '2026-03-01T02:00:00Z';
      // Treated: t1 converts once inside (and once after the window), t2 only before the send and a refunded order, t3 twice inside.
      const t1 = await createMember(t, 'r-t1', { orders: [{ fen: 5000, status: 'paid', paidAt: '2026-03-03T10:00:00Z' }, { fen: 9999, status: 'paid', paidAt: '2026-03-08T02:00:00Z' }] });
      const t2 = await createMember(t, 'r-t2', { orders: [{ fen: 700, status: 'paid', paidAt: '2026-02-28T10:00:00Z' }, { fen: 800, status: 'refunded', paidAt: '2026-03-02T10:00:00Z' }] });
      const t3 = await createMember(t, 'r-t3', { orders: [{ fen: 1000, status: 'paid', paidAt: '2026-03-01T02:00:00Z' }, { fen: 2000, status: 'completed', paidAt: '2026-03-07T23:00:00Z' }] });
      // Holdout: h1 converts inside, h2 never orders.
      const h1 = await createMember(t, 'r-h1', { orders: [{ fen: 3000, status: 'paid', paidAt: '2026-03-05T10:00:00Z' }] });
      const h2 = await createMember(t, 'r-h2');
      // Not in the campaign at all: ordered inside the window but must not count anywhere.
      await createMember(t, 'r-x', { orders: [{ fen: 4444, status: 'paid', paidAt: '2026-03-02T10:00:00Z' }] });
      const s1 = await insertSend(t, { campaignId: id, memberId: t1, sentAt, offerKind: 'points', offerPoints: 10 });
      await insertSend(t, { campaignId: id, memberId: t2, sentAt });
      await insertSend(t, { campaignId: id, memberId: t3, sentAt, offerKind: 'points', offerPoints: 10 });
      await insertSend(t, { campaignId: id, memberId: h1, sentAt, status: 'holdout' });
      await insertSend(t, { campaignId: id, memberId: h2, sentAt, status: 'holdout' });
      const t1Token = (await t.loginMember('r-t1')).token;
      await t.request('POST', `/api/campaign-offers/${s1}/open`, { token: t1Token });
      expect((await t.request('POST', `/api/campaign-offers/${s1}/claim`, { token: t1Token })).status).toBe(200);

      const res = await t.request('GET', `/api/admin/campaigns/${id}/results`, { token: await t.adminToken('analyst') });
      expect(res.status).toBe(200);
      const lift = campaignLift({ members: 3, converted: 2 }, { members: 2, converted: 1 })!;
      expect(res.body).toEqual({
        campaignId: id, audienceSize: 6, sent: 3, messaged: 0, holdout: 2, opened: 1, offersClaimed: 1, offersUsed: 0, attributionDays: 7,
        treated: { members: 3, convertedMembers: 2, conversionRate: 2 / 3, orders: 3, revenueFen: 8000 },
        holdoutGroup: { members: 2, convertedMembers: 1, conversionRate: 0.5, orders: 1, revenueFen: 3000 },
        lift: { ...lift, ci95: [...lift.ci95] },
      });
      expect(token).toBeTruthy();
    });

    it('has no lift while a group is empty', async () => {
      const id = (await post(valid())).body.id;
      const m = await createMember(t, 'r-only');
      await insertSend(t, { campaignId: id, memberId: m });
      const res = await t.request('GET', `/api/admin/campaigns/${id}/results`, { token: await t.adminToken() });
      expect(res.body).toMatchObject({ sent: 1, holdout: 0, lift: null, holdoutGroup: { members: 0, conversionRate: null } });
    });
  });
});
