import { startTestApp, TestApp } from '../../test/harness';

describe('coupon wallet', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const createTemplate = async (body: Record<string, unknown>) =>
    t.request('POST', '/api/admin/coupon-templates', { token: await t.adminToken(), body: { name: '满100减10', kind: 'amount', amountOffFen: 1000, thresholdFen: 10000, validDays: 30, ...body } });
  const issue = async (templateId: string, memberId: string) =>
    t.request('POST', `/api/admin/coupon-templates/${templateId}/issue`, { token: await t.adminToken(), body: { memberId, note: '活动补发' } });

  describe('POST /api/admin/coupon-templates', () => {
    it('creates amount and percent templates and refuses incomplete ones', async () => {
      const amount = await createTemplate({});
      expect(amount.status).toBe(201);
      expect(amount.body).toMatchObject({ name: '满100减10', kind: 'amount', amountOffFen: 1000, thresholdFen: 10000, validDays: 30, issuedCount: 0, status: 'active', tiers: [] });
      const percent = await createTemplate({ name: '9折券', kind: 'percent', amountOffFen: undefined, percentPay: 90, capFen: 2000, tiers: ['gold', 'diamond'] });
      expect(percent.status).toBe(201);
      expect((await createTemplate({ validDays: undefined })).body.code).toBe('VALIDITY_REQUIRED');
      expect((await createTemplate({ kind: 'percent', amountOffFen: undefined })).status).toBe(400);
      expect((await createTemplate({ amountOffFen: 20000 })).body.code).toBe('INVALID_AMOUNT');
      expect((await createTemplate({ tiers: ['platinum'] })).status).toBe(400);
      const list = await t.request('GET', '/api/admin/coupon-templates', { token: await t.adminToken('analyst') });
      expect(list.body.items).toHaveLength(2);
    });
  });

  describe('issuing', () => {
    it('puts the coupon in the member wallet', async () => {
      const { member, token } = await t.loginMember('cp-a');
      const template = (await createTemplate({})).body;
      expect((await issue(template.id, member.id)).status).toBe(201);
      const wallet = await t.request('GET', '/api/coupons', { token });
      expect(wallet.body.items).toEqual([
        expect.objectContaining({ name: '满100减10', kind: 'amount', amountOffFen: 1000, thresholdFen: 10000, state: 'unused', source: 'admin' }),
      ]);
      const other = await t.loginMember('cp-b');
      expect((await t.request('GET', '/api/coupons', { token: other.token })).body.items).toEqual([]);
    });

    it('never issues more than the total limit, whatever the concurrency', async () => {
      const template = (await createTemplate({ totalLimit: 5 })).body;
      const members = await Promise.all(Array.from({ length: 20 }, (_, i) => t.loginMember(`cp-total-${i}`)));
      const results = await Promise.all(members.map((m) => issue(template.id, m.member.id)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(5);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'SOLD_OUT')).toBe(true);
      expect(await t.count('member_coupons')).toBe(5);
      const [row] = await t.dataSource.query('SELECT issued_count FROM coupon_templates WHERE id = ?', [template.id]);
      expect(Number(row.issued_count)).toBe(5);
    });

    it('never gives one member more than the per-member limit, whatever the concurrency', async () => {
      const template = (await createTemplate({ perMemberLimit: 2 })).body;
      const { member } = await t.loginMember('cp-greedy');
      const results = await Promise.all(Array.from({ length: 10 }, () => issue(template.id, member.id)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'MEMBER_LIMIT')).toBe(true);
      expect(await t.count('member_coupons')).toBe(2);
    });

    it('keeps tier-only coupons for their tiers', async () => {
      const template = (await createTemplate({ tiers: ['gold', 'diamond'] })).body;
      const { member } = await t.loginMember('cp-normal');
      const res = await issue(template.id, member.id);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('TIER_NOT_ALLOWED');
      expect(await t.count('member_coupons')).toBe(0);
    });

    it('shows coupons past their end as expired', async () => {
      const { member, token } = await t.loginMember('cp-exp');
      const template = (await createTemplate({ validDays: 1 })).body;
      await issue(template.id, member.id);
      await t.setClock(new Date(Date.now() + 2 * 86_400_000).toISOString());
      expect((await t.request('GET', '/api/coupons', { token })).body.items[0].state).toBe('expired');
    });
  });
});
