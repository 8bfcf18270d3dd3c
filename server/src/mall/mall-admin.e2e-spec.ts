import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../../test/harness';
import { completePayment } from '../../../scripts/wechat-sandbox/pay-api';

jest.setTimeout(90_000);

describe('mall admin: sales figures and stock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const sales = async (query: string, token?: string) => t.request('GET', `/api/admin/mall/sales${query}`, { token: token ?? (await t.adminToken()) });

  it('counts paid, unrefunded orders per store day, with revenue, points and top items', async () => {
    const admin = await t.adminToken();
    const mug = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'product', name: '马克杯', cashPriceFen: 4900, pointsPrice: 0, stock: 50 } })).body;
    const sticker = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'goods', name: '贴纸', cashPriceFen: 0, pointsPrice: 100, stock: 50 } })).body;
    const { token, member } = await t.loginMember('sales-buyer');
    await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: admin, body: { delta: 2000, note: '测试' } });
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '钱七', phone: '13700137000', region: '浙江省 杭州市 西湖区', detail: '文三路 1 号' } })).body;
    const buy = (body: Record<string, unknown>) => t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), addressId: address.id, ...body } });
    const payCash = async (orderId: string) => {
      completePayment(t.sandbox.pay, orderId.replace(/-/g, ''));
      for (let i = 0; i < 100 && (await t.request('GET', `/api/orders/${orderId}`, { token })).body.status === 'pending_payment'; i++) await new Promise((r) => setTimeout(r, 50));
    };

    // 23:30 on the 19th in Shanghai (15:30 UTC): store day 2026-11-19.
    await t.setClock('2026-11-19T15:30:00Z');
    await buy({ items: [{ itemId: sticker.id, quantity: 3 }] });
    // 00:30 on the 20th in Shanghai (still the 19th in UTC): store day 2026-11-20.
    await t.setClock('2026-11-19T16:30:00Z');
    const cash = (await buy({ items: [{ itemId: mug.id, quantity: 2 }] })).body;
    await payCash(cash.id);
    await buy({ items: [{ itemId: sticker.id, quantity: 1 }] });
    const refunded = (await buy({ items: [{ itemId: sticker.id, quantity: 5 }] })).body;
    expect((await t.request('POST', `/api/admin/orders/${refunded.id}/refund`, { token: admin, body: { reason: '测试退款' } })).body.status).toBe('refunded');
    await buy({ items: [{ itemId: mug.id, quantity: 1 }] }); // never paid

    const res = await sales('?from=2026-11-18&to=2026-11-20', await t.adminToken('analyst'));
    expect(res.status).toBe(200);
    expect(res.body.days).toEqual([
      { date: '2026-11-18', orders: 0, revenueFen: 0, pointsRedeemed: 0 },
      { date: '2026-11-19', orders: 1, revenueFen: 0, pointsRedeemed: 300 },
      { date: '2026-11-20', orders: 2, revenueFen: 9800, pointsRedeemed: 100 },
    ]);
    expect(res.body.totals).toEqual({ orders: 3, revenueFen: 9800, pointsRedeemed: 400 });
    expect(res.body.topItems).toEqual([
      { itemId: sticker.id, name: '贴纸', quantity: 4, revenueFen: 0, points: 400 },
      { itemId: mug.id, name: '马克杯', quantity: 2, revenueFen: 9800, points: 0 },
    ]);
    // Defaults: the 30 store days up to today.
    const recent = (await sales('')).body;
    expect(recent).toMatchObject({ from: '2026-10-22', to: '2026-11-20' });
    expect(recent.days).toHaveLength(30);
  });

  it('adjusts stock by a delta that never takes it below zero, and an edit does not overwrite it', async () => {
    const admin = await t.adminToken();
    const body = { kind: 'goods', name: '帆布袋', cashPriceFen: 0, pointsPrice: 100, stock: 5 };
    const item = (await t.request('POST', '/api/admin/mall/items', { token: admin, body })).body;
    const adjust = async (delta: unknown, token = admin) => t.request('POST', `/api/admin/mall/items/${item.id}/stock`, { token, body: { delta } });
    expect((await adjust(7)).body.stock).toBe(12);
    const tooMuch = await adjust(-13);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('STOCK_TOO_LOW');
    expect((await adjust(1.5)).status).toBe(400);
    expect((await adjust(1, await t.adminToken('analyst'))).status).toBe(403);
    expect((await t.request('POST', `/api/admin/mall/items/${randomUUID()}/stock`, { token: admin, body: { delta: 1 } })).status).toBe(404);
    // Both takes of 6 cannot succeed on 12 … and 7: exactly one does.
    expect((await adjust(-5)).body.stock).toBe(7);
    const takes = await Promise.all([adjust(-6), adjust(-6)]);
    expect(takes.map((r) => r.status).sort()).toEqual([200, 409]);
    // An edit made from a form loaded earlier (stock 5) keeps the current stock.
    const edited = await t.request('PUT', `/api/admin/mall/items/${item.id}`, { token: admin, body: { ...body, name: '大帆布袋' } });
    expect(edited.body).toMatchObject({ name: '大帆布袋', stock: 1 });
  });

  it('refuses bad ranges and members', async () => {
    expect((await sales('?from=2026-11-20&to=2026-11-01')).body.code).toBe('BAD_RANGE');
    expect((await sales('?from=2026-01-01&to=2026-12-31')).status).toBe(400);
    const bad = await sales('?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['from']);
    const { token } = await t.loginMember('sales-member');
    expect((await sales('', token)).status).toBe(403);
    expect((await t.request('GET', '/api/admin/mall/sales')).status).toBe(401);
  });
});
