import { startTestApp, TestApp } from '../../test/harness';
import { toDate } from './campaigns.mapper';
import { insertCampaign, insertSend } from '../../test/campaign-fixtures';

describe('campaign offers (member)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const couponTemplate = async () =>
    (await t.request('POST', '/api/admin/coupon-templates', { token: await t.adminToken(), body: { name: '满100减10', kind: 'amount', amountOffFen: 1000, thresholdFen: 10000, validDays: 30 } })).body.id as string;

  describe('GET /api/campaign-offers', () => {
    it("lists only the caller's sent offers, newest first, never holdout rows or message-only sends", async () => {
      const a = await t.loginMember('co-a');
      const b = await t.loginMember('co-b');
      const templateId = await couponTemplate();
      const coupon = await insertCampaign(t, { name: '回流券', offerKind: 'coupon', couponTemplateId: templateId });
      const points = await insertCampaign(t, { name: '积分礼', offerKind: 'points', offerPoints: 50 });
      const older = await insertSend(t, { campaignId: points, memberId: a.member.id, offerKind: 'points', offerPoints: 50, sentAt: '2026-03-01T02:00:00Z' });
      const newer = await insertSend(t, { campaignId: coupon, memberId: a.member.id, offerKind: 'coupon', couponTemplateId: templateId, sentAt: '2026-03-02T02:00:00Z' });
      await insertSend(t, { campaignId: coupon, memberId: a.member.id, occurrence: 'x', status: 'holdout', offerKind: 'coupon', couponTemplateId: templateId });
      await insertSend(t, { campaignId: coupon, memberId: a.member.id, occurrence: 'y', offerKind: 'none' });
      await insertSend(t, { campaignId: coupon, memberId: b.member.id, offerKind: 'coupon', couponTemplateId: templateId });

      const res = await t.request('GET', '/api/campaign-offers', { token: a.token });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          sendId: newer, campaignName: '回流券', title: '送你一张券', body: '本周下单立减', page: `pages/index/index?campaignSend=${newer}`,
          offer: { kind: 'coupon', couponTitle: '满100减10', couponValueFen: 1000 }, claimed: false, claimedAt: null, createdAt: '2026-03-02T02:00:00.000Z',
        },
        expect.objectContaining({ sendId: older, offer: { kind: 'points', points: 50 }, claimed: false }),
      ]);
      expect((await t.request('GET', '/api/campaign-offers')).status).toBe(401);
    });
  });

  describe('POST /api/campaign-offers/:sendId/claim', () => {
    it('issues one coupon under 20 concurrent claims', async () => {
      const a = await t.loginMember('co-a');
      const templateId = await couponTemplate();
      const campaignId = await insertCampaign(t, { offerKind: 'coupon', couponTemplateId: templateId });
      const sendId = await insertSend(t, { campaignId, memberId: a.member.id, offerKind: 'coupon', couponTemplateId: templateId });
      const results = await Promise.all(Array.from({ length: 20 }, () => t.request('POST', `/api/campaign-offers/${sendId}/claim`, { token: a.token })));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(results.filter((r) => !r.body.alreadyClaimed)).toHaveLength(1);
      const couponIds = new Set(results.map((r) => r.body.couponId));
      expect(couponIds.size).toBe(1);
      const rows = await t.dataSource.query('SELECT id, source, source_ref FROM member_coupons WHERE member_id = ?', [a.member.id]);
      expect(rows).toEqual([{ id: [...couponIds][0], source: 'campaign', source_ref: sendId }]);
      const [send] = await t.dataSource.query('SELECT claimed_coupon_id, claimed_at FROM campaign_sends WHERE id = ?', [sendId]);
      expect(send.claimed_coupon_id).toBe([...couponIds][0]);
      const list = await t.request('GET', '/api/campaign-offers', { token: a.token });
      expect(list.body.items[0]).toMatchObject({ sendId, claimed: true, claimedAt: expect.any(String) });
    });

    it('credits points once under 20 concurrent claims', async () => {
      const a = await t.loginMember('co-a');
      const campaignId = await insertCampaign(t, { offerKind: 'points', offerPoints: 80 });
      const sendId = await insertSend(t, { campaignId, memberId: a.member.id, offerKind: 'points', offerPoints: 80 });
      const results = await Promise.all(Array.from({ length: 20 }, () => t.request('POST', `/api/campaign-offers/${sendId}/claim`, { token: a.token })));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(results.filter((r) => !r.body.alreadyClaimed)).toHaveLength(1);
      expect(results.every((r) => r.body.claimed === true && r.body.points === 80)).toBe(true);
      expect((await t.request('GET', '/api/members/me', { token: a.token })).body.points).toBe(80);
      expect(await t.dataSource.query("SELECT ref FROM points_ledger WHERE member_id = ? AND reason = 'campaign'", [a.member.id])).toEqual([{ ref: `campaign-send:${sendId}` }]);
    });

    it("answers 404 for another member's send, a holdout row, a message-only send and an unknown id; 400 for a bad id", async () => {
      const a = await t.loginMember('co-a');
      const b = await t.loginMember('co-b');
      const campaignId = await insertCampaign(t, { offerKind: 'points', offerPoints: 80 });
      const foreign = await insertSend(t, { campaignId, memberId: b.member.id, offerKind: 'points', offerPoints: 80 });
      const holdout = await insertSend(t, { campaignId, memberId: a.member.id, status: 'holdout', offerKind: 'points', offerPoints: 80 });
      const plain = await insertSend(t, { campaignId, memberId: a.member.id, occurrence: 'p', offerKind: 'none' });
      for (const id of [foreign, holdout, plain, '0190c1c2-0000-7000-8000-000000000000']) {
        const res = await t.request('POST', `/api/campaign-offers/${id}/claim`, { token: a.token });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('CAMPAIGN_OFFER_NOT_FOUND');
      }
      expect((await t.request('POST', '/api/campaign-offers/nope/claim', { token: a.token })).status).toBe(400);
      expect(await t.dataSource.query('SELECT claimed_at FROM campaign_sends WHERE id = ?', [foreign])).toEqual([{ claimed_at: null }]);
      expect((await t.request('GET', '/api/members/me', { token: b.token })).body.points).toBe(0);
    });
  });

  describe('POST /api/campaign-offers/:sendId/open', () => {
    it('records the first open only, and 404s on a foreign send', async () => {
      const a = await t.loginMember('co-a');
      const b = await t.loginMember('co-b');
      const campaignId = await insertCampaign(t);
      const sendId = await insertSend(t, { campaignId, memberId: a.member.id, offerKind: 'none' });
      await t.setClock('2026-03-03T04:00:00Z');
      expect((await t.request('POST', `/api/campaign-offers/${sendId}/open`, { token: a.token })).status).toBe(204);
      await t.setClock('2026-03-04T04:00:00Z');
      expect((await t.request('POST', `/api/campaign-offers/${sendId}/open`, { token: a.token })).status).toBe(204);
      const [row] = await t.dataSource.query('SELECT opened_at FROM campaign_sends WHERE id = ?', [sendId]);
      expect(toDate(row.opened_at).toISOString().slice(0, 10)).toBe('2026-03-03');
      expect((await t.request('POST', `/api/campaign-offers/${sendId}/open`, { token: b.token })).status).toBe(404);
    });
  });
});
