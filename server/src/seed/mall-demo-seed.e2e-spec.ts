import { startTestApp, TestApp } from '../../test/harness';

jest.setTimeout(180_000);

describe('demo seed: the mall', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: '1' });
  });
  afterAll(() => t?.close());

  it('fills the catalog with every kind of item, each with a served picture, that members can buy', async () => {
    const { token } = await t.loginMember('demo-openid-0000');
    const items = (await t.request('GET', '/api/mall/items', { token })).body.items as { id: string; kind: string; name: string; cashPriceFen: number; pointsPrice: number; tiersAllowed: string[]; imageUrls: string[] }[];
    expect(items.some((i) => i.kind === 'coupon' && i.pointsPrice > 0 && i.cashPriceFen === 0)).toBe(true);
    expect(items.some((i) => i.kind === 'goods' && i.pointsPrice > 0 && i.cashPriceFen > 0)).toBe(true);
    expect(items.some((i) => i.kind === 'product' && i.cashPriceFen > 0 && i.pointsPrice === 0)).toBe(true);
    expect(items.some((i) => i.tiersAllowed.length > 0)).toBe(true);
    for (const item of items) {
      expect(item.imageUrls).toHaveLength(1);
      const image = await fetch(t.baseUrl + item.imageUrls[0]);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    // The coupon item really issues its coupon.
    const coupon = items.find((i) => i.kind === 'coupon')!;
    await t.request('POST', '/api/admin/members/' + (await t.request('GET', '/api/members/me', { token })).body.id + '/points/adjustments', { token: await t.adminToken(), body: { delta: 1000, note: '测试' } });
    const redeemed = await t.request('POST', '/api/orders', { token, body: { items: [{ itemId: coupon.id, quantity: 1 }], idempotencyKey: 'demo-seed-redeem' } });
    expect(redeemed.body.status).toBe('completed');
    expect((await t.request('GET', '/api/coupons', { token })).body.items.length).toBeGreaterThan(0);
  });
});
