import { isInHoldout } from '@mall/shared';
import { completePayment } from '../../../scripts/wechat-sandbox/pay-api';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember } from '../../test/member-fixtures';
import { CampaignEntity } from './campaign.entities';
import { CampaignDeliveryService } from './campaign-delivery.service';

describe('campaign runner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    t.sandbox.state.subscribeMessages.length = 0;
  });

  const NOON = '2026-03-03T04:00:00Z'; // 12:00 in Shanghai
  const run = (app: TestApp = t, runKey?: string) => app.request('POST', '/api/dev/campaigns/run', { body: runKey ? { runKey } : {} }).then((r) => {
    if (r.status !== 200) throw new Error(`run failed ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { ran: boolean; affected?: number; reason?: string };
  });
  const campaign = async (body: Record<string, unknown>) => {
    const token = await t.adminToken();
    const created = await t.request('POST', '/api/admin/campaigns', {
      token,
      body: { name: '活动', offer: { kind: 'points', points: 20 }, message: { title: '会员福利', body: '点开领取积分', page: 'pages/index/index' }, trigger: { kind: 'birthday' }, holdoutPct: 0, ...body },
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    expect((await t.request('POST', `/api/admin/campaigns/${created.body.id}/activate`, { token })).status).toBe(200);
    return created.body.id as string;
  };
  const members = async (prefix: string, n: number, subscribed = true) => {
    const out: { id: string; openid: string; token: string }[] = [];
    for (let i = 0; i < n; i++) {
      const openid = `${prefix}-${String(i).padStart(2, '0')}`;
      const id = await createMember(t, openid);
      const { token } = await t.loginMember(openid);
      if (subscribed) await t.request('POST', '/api/subscriptions', { token, body: { topics: ['campaign'] } });
      out.push({ id, openid, token });
    }
    return out;
  };
  const sends = (campaignId?: string): Promise<{ member_id: string; occurrence: string; status: string; messaged: number | boolean }[]> =>
    t.dataSource.query(`SELECT member_id, occurrence, status, messaged FROM campaign_sends ${campaignId ? 'WHERE campaign_id = ?' : ''} ORDER BY member_id`, campaignId ? [campaignId] : []);

  it('fires once per member per occurrence with two servers ticking at once, and again after a retry', async () => {
    const ms = await members('bd', 16);
    await t.dataSource.query(`UPDATE members SET birthday = '03-03'`);
    const other = await createMember(t, 'bd-other');
    await t.dataSource.query(`UPDATE members SET birthday = '03-04' WHERE id = ?`, [other]);
    const id = await campaign({ holdoutPct: 50 });
    const second = await startTestApp({}, t);
    try {
      await t.setClock(NOON);
      await second.setClock(NOON);
      // Distinct run keys: both ticks really run at the same time (as after a lost lock); then the same key twice (the lock).
      const parallel = await Promise.all([run(t, 'a'), run(second, 'b'), run(t, 'c'), run(second, 'd')]);
      expect(parallel.every((r) => r.ran)).toBe(true);
      const sameKey = await Promise.all([run(t, 'e'), run(second, 'e')]);
      expect(sameKey.filter((r) => r.ran)).toHaveLength(1);
      await t.setClock('2026-03-03T05:00:00Z');
      expect((await run(t)).affected).toBe(0);
      const messages = [...t.sandbox.state.subscribeMessages, ...second.sandbox.state.subscribeMessages];
      const rows = await sends(id);
      expect(rows.map((r) => r.member_id).sort()).toEqual(ms.map((m) => m.id).sort());
      expect(rows.every((r) => r.occurrence === '2026')).toBe(true);
      const treated = ms.filter((m) => !isInHoldout(id, m.id, 50));
      expect(treated.length).toBeGreaterThan(0);
      expect(treated.length).toBeLessThan(ms.length);
      expect(rows.filter((r) => r.status === 'sent').map((r) => r.member_id).sort()).toEqual(treated.map((m) => m.id).sort());
      expect(messages.map((m) => m.touser).sort()).toEqual(treated.map((m) => m.openid).sort());
      expect(messages[0]).toMatchObject({ template_id: 'demo-tmpl-campaign', data: { thing1: { value: '会员福利' } } });
      expect(messages[0].page).toMatch(/^pages\/index\/index\?campaignSend=[0-9a-f-]{36}$/);
      expect(await t.count('member_notices')).toBe(treated.length);
      expect(rows.filter((r) => r.status === 'sent').every((r) => Number(r.messaged) === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('holds out members completely: a holdout row and no notice, message, offer or points', async () => {
    const ms = await members('ho', 16);
    await t.dataSource.query(`UPDATE members SET birthday = '03-03'`);
    const id = await campaign({ holdoutPct: 50 });
    await t.setClock(NOON);
    await run();
    const held = ms.filter((m) => isInHoldout(id, m.id, 50));
    expect(held.length).toBeGreaterThan(0);
    for (const m of held) {
      const [row] = await t.dataSource.query('SELECT id, status, notice_ref, messaged, offer_kind FROM campaign_sends WHERE member_id = ?', [m.id]);
      expect(row).toMatchObject({ status: 'holdout', notice_ref: null, offer_kind: 'none' });
      expect(Number(row.messaged)).toBe(0);
      expect(await t.dataSource.query('SELECT id FROM member_notices WHERE member_id = ?', [m.id])).toEqual([]);
      expect(t.sandbox.state.subscribeMessages.filter((x) => x.touser === m.openid)).toEqual([]);
      expect((await t.request('GET', '/api/campaign-offers', { token: m.token })).body.items).toEqual([]);
      expect((await t.request('POST', `/api/campaign-offers/${row.id}/claim`, { token: m.token })).status).toBe(404);
      expect((await t.request('GET', '/api/subscriptions', { token: m.token })).body.credits).toEqual({ campaign: 1 });
      expect(await t.dataSource.query('SELECT points_balance FROM members WHERE id = ?', [m.id])).toEqual([{ points_balance: 0 }]);
    }
    // The treated members got the offer and can claim it.
    const treated = ms.find((m) => !isInHoldout(id, m.id, 50))!;
    const offers = (await t.request('GET', '/api/campaign-offers', { token: treated.token })).body.items;
    expect(offers).toHaveLength(1);
    expect((await t.request('POST', `/api/campaign-offers/${offers[0].sendId}/claim`, { token: treated.token })).body).toEqual({ claimed: true, alreadyClaimed: false, points: 20 });
    // The admin list counts both groups.
    const listed = (await t.request('GET', '/api/admin/campaigns', { token: await t.adminToken() })).body.items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ sent: ms.length - held.length, holdout: held.length });
  });

  it('keeps every member within the weekly cap across campaigns, and sends the rest when the week has passed', async () => {
    const ms = await members('cap', 3, false);
    const at = '2026-03-01T00:00:00Z';
    const c1 = await campaign({ name: '一', trigger: { kind: 'once', at } });
    const c2 = await campaign({ name: '二', trigger: { kind: 'once', at } });
    const c3 = await campaign({ name: '三', trigger: { kind: 'once', at } });
    await t.setClock(NOON);
    await run();
    await t.setClock('2026-03-03T06:00:00Z');
    await run();
    for (const m of ms) expect((await sends()).filter((r) => r.member_id === m.id)).toHaveLength(2);
    expect(await sends(c3)).toEqual([]);
    expect((await sends(c1)).length + (await sends(c2)).length).toBe(6);
    // A week after the first sends the third campaign goes out.
    await t.setClock('2026-03-10T04:01:00Z');
    await run();
    expect((await sends(c3)).map((r) => r.member_id).sort()).toEqual(ms.map((m) => m.id).sort());
    // With the cap lowered to 1, a new campaign waits for the window.
    const token = await t.adminToken();
    await t.request('PUT', '/api/admin/campaign-settings', { token, body: { maxPerWeek: 1, quietStartHour: 22, quietEndHour: 8 } });
    const c4 = await campaign({ name: '四', trigger: { kind: 'once', at } });
    await t.setClock('2026-03-16T04:00:00Z');
    await run();
    expect(await sends(c4)).toEqual([]);
    await t.setClock('2026-03-17T04:02:00Z');
    await run();
    expect(await sends(c4)).toHaveLength(3);
  });

  it('holds the weekly cap when overlapping ticks on two servers send different campaigns at once', async () => {
    const ms = await members('ovl', 8, false);
    await t.request('PUT', '/api/admin/campaign-settings', { token: await t.adminToken(), body: { maxPerWeek: 1, quietStartHour: 22, quietEndHour: 8 } });
    const at = '2026-03-01T00:00:00Z';
    for (const name of ['甲', '乙', '丙']) await campaign({ name, trigger: { kind: 'once', at } });
    const second = await startTestApp({}, t);
    try {
      await t.setClock(NOON);
      await second.setClock(NOON);
      // Distinct run keys: four ticks (as of a slow minute overlapping the next) really run together.
      const ticks = await Promise.all([run(t, 'x1'), run(second, 'x2'), run(t, 'x3'), run(second, 'x4')]);
      expect(ticks.every((r) => r.ran)).toBe(true);
      const rows = (await sends()).filter((r) => r.status === 'sent');
      expect(rows.map((r) => r.member_id).sort()).toEqual(ms.map((m) => m.id).sort());
    } finally {
      await second.close();
    }
  });

  it('judges quiet hours at the moment of each send, not only at the start of a tick', async () => {
    const [m] = await members('qh-late', 1, false);
    const id = await campaign({ trigger: { kind: 'once', at: '2026-03-01T00:00:00Z' } });
    const entity = await t.dataSource.manager.findOneByOrFail(CampaignEntity, { id });
    const delivery = t.app.get(CampaignDeliveryService);
    const policy = { maxPerWeek: 2, quietStartHour: 22, quietEndHour: 8, timezone: 'Asia/Shanghai' };
    await t.setClock('2026-03-03T14:00:30Z'); // 22:00:30 in Shanghai: a tick that began at 21:59 reaches this member now
    expect(await delivery.send(entity, { memberId: m.id, occurrence: 'once' }, { kind: 'points', points: 20 }, policy)).toBe(false);
    expect(await t.count('campaign_sends')).toBe(0);
    expect(await t.count('member_notices')).toBe(0);
    await t.setClock('2026-03-04T00:00:30Z'); // 08:00:30
    expect(await delivery.send(entity, { memberId: m.id, occurrence: 'once' }, { kind: 'points', points: 20 }, policy)).toBe(true);
    expect(await delivery.send(entity, { memberId: m.id, occurrence: 'once' }, { kind: 'points', points: 20 }, policy)).toBe(false);
    expect(await t.count('campaign_sends')).toBe(1);
  });

  it('sends nothing in quiet hours and delivers at the first tick after them', async () => {
    const ms = await members('qh', 2);
    const id = await campaign({ trigger: { kind: 'once', at: '2026-03-03T14:30:00Z' } }); // 22:30 store time
    await t.setClock('2026-03-03T14:31:00Z');
    expect((await run()).affected).toBe(0);
    await t.setClock('2026-03-03T23:59:00Z'); // 07:59
    expect((await run()).affected).toBe(0);
    expect(await t.count('campaign_sends')).toBe(0);
    expect(await t.count('member_notices')).toBe(0);
    expect(t.sandbox.state.subscribeMessages).toEqual([]);
    await t.setClock('2026-03-04T00:00:30Z'); // 08:00
    expect((await run()).affected).toBe(2);
    expect((await sends(id)).map((r) => r.member_id).sort()).toEqual(ms.map((m) => m.id).sort());
    expect(t.sandbox.state.subscribeMessages).toHaveLength(2);
    // Quiet hours follow the settings.
    await t.request('PUT', '/api/admin/campaign-settings', { token: await t.adminToken(), body: { maxPerWeek: 5, quietStartHour: 12, quietEndHour: 14 } });
    const later = await campaign({ name: '午间', trigger: { kind: 'once', at: '2026-03-04T00:00:00Z' } });
    await t.setClock('2026-03-04T04:30:00Z'); // 12:30
    await run();
    expect(await sends(later)).toEqual([]);
    await t.setClock('2026-03-04T06:00:00Z'); // 14:00
    await run();
    expect(await sends(later)).toHaveLength(2);
  });

  it('does nothing for paused, ended, future and draft campaigns', async () => {
    await members('st', 2, false);
    const token = await t.adminToken();
    const paused = await campaign({ name: 'p', trigger: { kind: 'once', at: '2026-03-01T00:00:00Z' } });
    await t.request('POST', `/api/admin/campaigns/${paused}/pause`, { token });
    await campaign({ name: 'future', trigger: { kind: 'once', at: '2026-03-01T00:00:00Z' }, startsAt: '2026-04-01T00:00:00Z' });
    const ended = await campaign({ name: 'ended', trigger: { kind: 'once', at: '2026-03-01T00:00:00Z' }, endsAt: '2026-03-02T00:00:00Z' });
    await t.request('POST', '/api/admin/campaigns', { token, body: { name: 'draft', offer: { kind: 'none' }, message: { title: 'a', body: 'b' }, trigger: { kind: 'once', at: '2026-03-01T00:00:00Z' } } });
    await t.setClock(NOON);
    await run();
    expect(await t.count('campaign_sends')).toBe(0);
    expect((await t.request('GET', `/api/admin/campaigns/${ended}`, { token })).body.status).toBe('ended');
  });

  it('keeps a day of tick history', async () => {
    await t.setClock(NOON);
    await run(t, 'old-tick');
    await t.setClock('2026-03-05T04:00:00Z');
    await run(t, 'later-tick');
    await run(t, '2026-03-05 12:00');
    const keys = (await t.dataSource.query("SELECT run_key FROM job_runs WHERE job_name = 'campaign-runner' ORDER BY run_key")).map((r: any) => r.run_key);
    expect(keys).toEqual(['2026-03-05 12:00', 'later-tick']);
  });

  it('follows an offer from the send through the claim and a paid order into the results', async () => {
    const token = await t.adminToken();
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token, body: { name: '满30减3', kind: 'amount', amountOffFen: 300, thresholdFen: 3000, validDays: 30 } })).body;
    const product = (await t.request('POST', '/api/admin/mall/items', { token, body: { kind: 'product', name: '保温杯', cashPriceFen: 12900, pointsPrice: 0, stock: 10 } })).body;
    const [m] = await members('flow', 1);
    await t.setClock(NOON);
    const id = await campaign({ offer: { kind: 'coupon', couponTemplateId: template.id }, trigger: { kind: 'once', at: '2026-03-03T03:00:00Z' } });
    await run();
    const [offer] = (await t.request('GET', '/api/campaign-offers', { token: m.token })).body.items;
    expect(offer).toMatchObject({ offer: { kind: 'coupon', couponTitle: '满30减3', couponValueFen: 300 }, claimed: false });
    expect((await t.request('POST', `/api/campaign-offers/${offer.sendId}/open`, { token: m.token })).status).toBe(204);
    const claim = await t.request('POST', `/api/campaign-offers/${offer.sendId}/claim`, { token: m.token });
    expect(claim.body).toEqual({ claimed: true, alreadyClaimed: false, couponId: expect.any(String) });
    const placed = await t.request('POST', '/api/orders', { token: m.token, body: { idempotencyKey: 'flow-order-1', items: [{ itemId: product.id, quantity: 1 }], couponId: claim.body.couponId } });
    expect(placed.body).toMatchObject({ status: 'pending_payment', cashDueFen: 12600 });
    completePayment(t.sandbox.pay, placed.body.id.replace(/-/g, ''));
    for (let i = 0; i < 100; i++) {
      const [row] = await t.dataSource.query('SELECT offer_used_at FROM campaign_sends WHERE id = ?', [offer.sendId]);
      if (row.offer_used_at) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await t.dataSource.query('SELECT offer_used_at FROM campaign_sends WHERE id = ?', [offer.sendId]))[0].offer_used_at).not.toBeNull();
    const results = (await t.request('GET', `/api/admin/campaigns/${id}/results`, { token })).body;
    expect(results).toMatchObject({ sent: 1, messaged: 1, holdout: 0, opened: 1, offersClaimed: 1, offersUsed: 1, treated: { members: 1, convertedMembers: 1, orders: 1, revenueFen: 12600 }, lift: null });
  });
});
