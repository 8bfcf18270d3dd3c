import { startTestApp, TestApp } from '../../test/harness';
import { sqlTime } from '../../test/member-fixtures';
import { audienceFixtures } from '../audiences/audience-fixtures';
import { ItemPairEntity, MemberReplenishmentEntity, MemberScoreEntity } from '../predictions/prediction.entities';
import { newId } from '../common/ids';

/** Each trigger kind: who it selects on a given store day and the occurrence key it records. */
describe('campaign triggers', () => {
  let t: TestApp;
  let fx: ReturnType<typeof audienceFixtures>;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    fx = audienceFixtures(t.dataSource);
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const TODAY = '2026-03-03';
  const noon = (day: string) => t.setClock(`${day}T04:00:00Z`);
  const joined = new Date('2025-01-01T00:00:00Z');
  const run = async () => {
    const r = await t.request('POST', '/api/dev/campaigns/run', { body: { runKey: newId() } });
    expect(r.status).toBe(200);
  };
  const campaign = async (trigger: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const token = await t.adminToken();
    const created = await t.request('POST', '/api/admin/campaigns', {
      token,
      body: { name: `c-${newId().slice(-6)}`, offer: { kind: 'points', points: 10 }, message: { title: '福利', body: '来看看' }, trigger, holdoutPct: 0, ...extra },
    });
    expect(created.status).toBe(201);
    expect((await t.request('POST', `/api/admin/campaigns/${created.body.id}/activate`, { token })).status).toBe(200);
    return created.body.id as string;
  };
  const fired = async (campaignId: string) =>
    (await t.dataSource.query('SELECT member_id, occurrence, offer_kind, offer_points, coupon_template_id FROM campaign_sends WHERE campaign_id = ? ORDER BY member_id, occurrence', [campaignId])).map(
      (r: any) => ({ ...r, offer_points: Number(r.offer_points) }),
    );

  it('recurring on member days: on the member day only, keyed by its date', async () => {
    const a = await fx.member('a', { joinedAt: joined });
    await noon('2026-03-07');
    const id = await campaign({ kind: 'recurring' });
    await run();
    expect(await fired(id)).toEqual([]);
    await noon('2026-03-08');
    await run();
    expect(await fired(id)).toEqual([expect.objectContaining({ member_id: a, occurrence: '2026-03-08' })]);
  });

  it('pointsExpiring: points expiring within the window, keyed by the soonest expiry date', async () => {
    const soon = await fx.member('soon', { joinedAt: joined, pointsBalance: 80 });
    const later = await fx.member('later', { joinedAt: joined, pointsBalance: 80 });
    await fx.lot(soon, 30, '2026-03-31');
    await fx.lot(soon, 50, '2026-03-20');
    await fx.lot(later, 80, '2026-05-01');
    await noon(TODAY);
    const id = await campaign({ kind: 'pointsExpiring', withinDays: 30 });
    await run();
    expect(await fired(id)).toEqual([expect.objectContaining({ member_id: soon, occurrence: '2026-03-20' })]);
  });

  it('redeemNudge: at most N points short of the cheapest such item, keyed by the item', async () => {
    const near = await fx.member('near', { joinedAt: joined, pointsBalance: 400 });
    await fx.member('far', { joinedAt: joined, pointsBalance: 300 });
    await fx.member('rich', { joinedAt: joined, pointsBalance: 900 });
    const cheap = await fx.item('cheap', 'gift');
    const dear = await fx.item('dear', 'gift');
    const off = await fx.item('off', 'gift');
    await t.dataSource.query('UPDATE mall_items SET points_price = 500 WHERE id = ?', [cheap]);
    await t.dataSource.query('UPDATE mall_items SET points_price = 510 WHERE id = ?', [dear]);
    await t.dataSource.query("UPDATE mall_items SET points_price = 450, status = 'off' WHERE id = ?", [off]);
    await noon(TODAY);
    const id = await campaign({ kind: 'redeemNudge' });
    await run();
    expect(await fired(id)).toEqual([expect.objectContaining({ member_id: near, occurrence: cheap })]);
  });

  it('tierNudge: at most N growth short of the next tier, keyed by tier and year', async () => {
    const close = await fx.member('close', { joinedAt: joined });
    const away = await fx.member('away', { joinedAt: joined });
    const top = await fx.member('top', { joinedAt: joined, tier: 'diamond' });
    const grow = (memberId: string, delta: number, at: string) =>
      t.dataSource.query("INSERT INTO growth_ledger (id, member_id, delta, reason, ref, created_at) VALUES (?, ?, ?, 'fixture', ?, ?)", [newId(), memberId, delta, newId(), sqlTime(at)]);
    await grow(close, 800, '2026-02-01T00:00:00Z');
    await grow(away, 500, '2026-02-01T00:00:00Z');
    await grow(away, 400, '2024-12-01T00:00:00Z'); // outside the 12-month window
    await grow(top, 100_000, '2026-02-01T00:00:00Z');
    await noon(TODAY);
    const id = await campaign({ kind: 'tierNudge', growthShort: 300 });
    await run();
    expect(await fired(id)).toEqual([expect.objectContaining({ member_id: close, occurrence: 'silver:2026' })]);
  });

  it('birthday and anniversary: on the store day, keyed by year (joined 01:00 store time counts for that day)', async () => {
    const bd = await fx.member('bd', { joinedAt: new Date('2026-01-05T00:00:00Z'), birthday: '03-03' });
    const early = await fx.member('early', { joinedAt: new Date('2025-03-02T17:00:00Z') }); // 2025-03-03 01:00 Shanghai
    await fx.member('utcday', { joinedAt: new Date('2025-03-03T17:00:00Z') }); // 2025-03-04 01:00 Shanghai
    await fx.member('thisyear', { joinedAt: new Date('2026-03-02T20:00:00Z') }); // joined today: no anniversary yet
    await noon(TODAY);
    const birthday = await campaign({ kind: 'birthday' });
    const anniversary = await campaign({ kind: 'anniversary' });
    await run();
    expect(await fired(birthday)).toEqual([expect.objectContaining({ member_id: bd, occurrence: '2026' })]);
    expect(await fired(anniversary)).toEqual([expect.objectContaining({ member_id: early, occurrence: '2026' })]);
  });

  it('birthday and anniversary on 29 February are celebrated on the 28th in a common year', async () => {
    const leap = await fx.member('leap', { joinedAt: new Date('2024-02-28T16:30:00Z'), birthday: '02-29' }); // joined 2024-02-29 00:30 Shanghai
    await fx.member('first', { joinedAt: joined, birthday: '03-01' });
    await noon('2026-02-28');
    const birthday = await campaign({ kind: 'birthday' });
    const anniversary = await campaign({ kind: 'anniversary' });
    await run();
    expect(await fired(birthday)).toEqual([expect.objectContaining({ member_id: leap, occurrence: '2026' })]);
    expect(await fired(anniversary)).toEqual([expect.objectContaining({ member_id: leap, occurrence: '2026' })]);
  });

  it('firstOrder: a first paid order after activation, once ever', async () => {
    const old = await fx.member('old', { joinedAt: joined });
    const fresh = await fx.member('fresh', { joinedAt: joined });
    const refunded = await fx.member('refunded', { joinedAt: joined });
    await fx.order(old, '2026-02-01T04:00:00Z', [], 1000);
    await noon(TODAY);
    const id = await campaign({ kind: 'firstOrder' });
    await fx.order(old, '2026-03-03T05:00:00Z', [], 1000);
    await fx.order(fresh, '2026-03-03T05:00:00Z', [], 1000);
    await fx.order(refunded, '2026-03-03T05:00:00Z', [], 1000, 'refunded');
    await t.setClock('2026-03-03T06:00:00Z');
    await run();
    await fx.order(fresh, '2026-03-03T06:30:00Z', [], 1000);
    await t.setClock('2026-03-03T07:00:00Z');
    await run();
    expect(await fired(id)).toEqual([expect.objectContaining({ member_id: fresh, occurrence: 'first' })]);
  });

  it("winBack: step k after k of the member's own cycles without an order, each step with its own offer", async () => {
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: await t.adminToken(), body: { name: '回流券', kind: 'amount', amountOffFen: 800, thresholdFen: 0, validDays: 7 } })).body.id;
    const score = (memberId: string, recency: number, interval: number | null) =>
      t.dataSource.getRepository(MemberScoreEntity).insert({
        memberId, computedOn: '2026-03-02', lastOrderOn: '2026-01-01', recencyDays: recency, orderCount: 3, spendFen: 3000, rScore: 3, fScore: 3, mScore: 3,
        usualIntervalDays: interval, overduePct: null, churnRisk: 'medium', churnExplanation: '', nextReplenishOn: null,
      } as MemberScoreEntity);
    const step1 = await fx.member('s1', { joinedAt: joined });
    const step2 = await fx.member('s2', { joinedAt: joined });
    const step3 = await fx.member('s3', { joinedAt: joined });
    const recent = await fx.member('recent', { joinedAt: joined });
    const back = await fx.member('back', { joinedAt: joined });
    const orders: Record<string, string> = {};
    for (const m of [step1, step2, step3, recent, back]) orders[m] = await fx.order(m, '2026-01-01T04:00:00Z', [], 1000);
    await score(step1, 10, 10); // +1 day of drift = 11 days: one cycle
    await score(step2, 24, 10); // 25 days: two cycles
    await score(step3, 60, 10); // 61 days: past the last step
    await score(recent, 5, 10);
    await score(back, 30, 10);
    await fx.order(back, '2026-03-02T20:00:00Z', [], 1000); // ordered since the scores were computed
    await noon(TODAY);
    const id = await campaign({ kind: 'winBack', steps: [{ kind: 'points', points: 10 }, { kind: 'points', points: 30 }, { kind: 'coupon', couponTemplateId: template }] });
    await run();
    const rows = await fired(id);
    expect(rows).toEqual(
      [
        { member_id: step1, occurrence: `${orders[step1]}:1`, offer_kind: 'points', offer_points: 10, coupon_template_id: null },
        { member_id: step2, occurrence: `${orders[step2]}:2`, offer_kind: 'points', offer_points: 30, coupon_template_id: null },
        { member_id: step3, occurrence: `${orders[step3]}:3`, offer_kind: 'coupon', offer_points: 0, coupon_template_id: template },
      ].sort((a, b) => a.member_id.localeCompare(b.member_id)),
    );
    // The next day step 1's member is still in step 1: nothing new.
    await noon('2026-03-04');
    await run();
    expect(await fired(id)).toHaveLength(3);
  });

  it('replenishment: N days before the expected run-out, keyed by item and date; audiences narrow every trigger', async () => {
    const due = await fx.member('due', { joinedAt: joined, tier: 'gold' });
    const notYet = await fx.member('notyet', { joinedAt: joined, tier: 'gold' });
    const outside = await fx.member('outside', { joinedAt: joined, tier: 'normal' });
    const item = await fx.item('洗衣液', 'home');
    const repo = t.dataSource.getRepository(MemberReplenishmentEntity);
    await repo.insert({ memberId: due, itemId: item, lastPurchaseOn: '2026-02-01', expectedOn: '2026-03-05' });
    await repo.insert({ memberId: notYet, itemId: item, lastPurchaseOn: '2026-02-01', expectedOn: '2026-03-10' });
    await repo.insert({ memberId: outside, itemId: item, lastPurchaseOn: '2026-02-01', expectedOn: '2026-03-04' });
    const token = await t.adminToken();
    const audience = await t.request('POST', '/api/admin/audiences', { token, body: { name: '金卡', rules: [{ kind: 'tier', in: ['gold'] }] } });
    await noon(TODAY);
    const id = await campaign({ kind: 'replenishment', daysBefore: 3 }, { audienceId: audience.body.id });
    await run();
    expect(await fired(id)).toEqual([expect.objectContaining({ member_id: due, occurrence: `${item}:2026-03-05` })]);
  });

  it("offers the bought-together partner of the member's latest order: the notice names it and opens its page", async () => {
    const milk = await fx.item('鲜牛奶', 'dairy');
    const cereal = await fx.item('燕麦片', 'grain');
    const tea = await fx.item('乌龙茶', 'drinks');
    const pair = (itemId: string, partnerId: string, lift: number) =>
      t.dataSource.getRepository(ItemPairEntity).insert({ itemId, partnerId, pairCount: 3, support: 0.3, confidence: 0.6, lift });
    await pair(milk, cereal, 2.5);
    await pair(milk, tea, 1.2);
    const buyer = await fx.member('buyer', { joinedAt: joined });
    const both = await fx.member('both', { joinedAt: joined });
    const none = await fx.member('none', { joinedAt: joined });
    await fx.order(buyer, '2026-02-01T04:00:00Z', [tea], 1000);
    await fx.order(buyer, '2026-02-20T04:00:00Z', [milk], 1000);
    // Cereal is already in this member's latest basket: the next-best partner is recommended.
    await fx.order(both, '2026-02-20T04:00:00Z', [milk, cereal], 2000);
    await noon(TODAY);
    const id = await campaign({ kind: 'once', at: '2026-03-03T03:00:00Z' }, { message: { title: '回购提醒', body: '您常买的好物上新了', recommendPartnerItem: true } });
    await run();
    const notices = async (memberId: string) =>
      t.dataSource.query("SELECT n.body, n.page FROM member_notices n JOIN campaign_sends s ON s.id = n.ref WHERE n.member_id = ? AND s.campaign_id = ?", [memberId, id]);
    const [forBuyer] = await notices(buyer);
    expect(forBuyer.body).toBe('您常买的好物上新了\n常一起购买：燕麦片');
    expect(forBuyer.page).toMatch(new RegExp(`^mall/pages/item/index\\?id=${cereal}&campaignSend=`));
    const [forBoth] = await notices(both);
    expect(forBoth.body).toContain('常一起购买：乌龙茶');
    // Without a paid order there is nothing to pair with: the plain message and page.
    const [forNone] = await notices(none);
    expect(forNone).toEqual({ body: '您常买的好物上新了', page: expect.stringMatching(/^pages\/index\/index\?campaignSend=/) });
    const saved = await t.request('GET', `/api/admin/campaigns/${id}`, { token: await t.adminToken() });
    expect(saved.body.message.recommendPartnerItem).toBe(true);
  });
});
