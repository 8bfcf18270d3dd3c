import { startTestApp, TestApp } from '../../test/harness';
import { safeReturnUrl } from '../../../scripts/wechat-sandbox/pay-page';

jest.setTimeout(60_000);

/** The WeChat stand-in's H5 pay page (the browser's payment sheet) against the real server. */
describe('GET/POST /__sandbox/pay-page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const back = () => `${t.baseUrl}/h5/#/mall/pages/order/index?id=x`;
  async function pendingOrder() {
    const admin = await t.adminToken();
    const product = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'product', name: '保温杯', cashPriceFen: 12900, pointsPrice: 0, stock: 5 } })).body;
    const { token } = await t.loginMember('pay-page-buyer');
    const placed = (await t.request('POST', '/api/orders', { token, body: { items: [{ itemId: product.id, quantity: 1 }], idempotencyKey: 'pay-page-0001' } })).body;
    return { token, order: placed, prepayId: (placed.payment.package as string).replace('prepay_id=', '') };
  }
  const page = (prepayId: string, ret: string) => fetch(`${t.sandbox.url}/__sandbox/pay-page?prepay_id=${encodeURIComponent(prepayId)}&return=${encodeURIComponent(ret)}`);
  const submit = (form: Record<string, string>) =>
    fetch(`${t.sandbox.url}/__sandbox/pay-page`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const deliveries = (orderId: string) => t.sandbox.pay.deliveries.filter((d) => d.ref === orderId.replace(/-/g, ''));
  const status = async (token: string, id: string) => (await t.request('GET', `/api/orders/${id}`, { token })).body.status as string;

  it('shows the amount, pays with a real notification on 确认支付 and returns to the app', async () => {
    const { token, order, prepayId } = await pendingOrder();
    const html = await (await page(prepayId, back())).text();
    expect(html).toContain('¥129.00');
    expect(html).toContain('确认支付');
    expect(html).toContain('取消');

    const paid = await submit({ prepay_id: prepayId, return: back(), action: 'pay' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(back());
    // The stand-in waited for the merchant to take the signed, encrypted TRANSACTION.SUCCESS.
    expect(await status(token, order.id)).toBe('completed');
    expect(deliveries(order.id)).toEqual([expect.objectContaining({ eventType: 'TRANSACTION.SUCCESS', status: 204 })]);

    // Paying twice is refused; the page says so.
    expect((await submit({ prepay_id: prepayId, return: back(), action: 'pay' })).status).toBe(409);
    expect((await page(prepayId, back())).status).toBe(409);
  });

  it('returns without paying on 取消', async () => {
    const { token, order, prepayId } = await pendingOrder();
    const cancelled = await submit({ prepay_id: prepayId, return: back(), action: 'cancel' });
    expect(cancelled.status).toBe(303);
    expect(await status(token, order.id)).toBe('pending_payment');
    expect(deliveries(order.id)).toEqual([]);
  });

  it('is no open redirect: foreign return URLs are refused and nothing is paid', async () => {
    const { token, order, prepayId } = await pendingOrder();
    for (const evil of ['https://evil.example/steal', 'javascript:alert(1)', '//evil.example/', 'http://user:pw@127.0.0.1/']) {
      expect((await page(prepayId, evil)).status).toBe(400);
      expect((await submit({ prepay_id: prepayId, return: evil, action: 'pay' })).status).toBe(400);
    }
    expect((await page('wx-unknown', back())).status).toBe(404);
    expect(await status(token, order.id)).toBe('pending_payment');
    expect(deliveries(order.id)).toEqual([]);
  });

  it.each([
    ['http://localhost:3000/h5/#/x', [], true],
    ['http://127.0.0.1:10086/h5/', [], true],
    ['https://shop.example.com/h5/', ['shop.example.com'], true],
    ['https://shop.example.com.evil.io/', ['shop.example.com'], false],
    ['ftp://localhost/', [], false],
    ['not a url', [], false],
  ])('safeReturnUrl(%s, %j) allows: %s', (url, hosts, allowed) => {
    expect(safeReturnUrl(url, hosts) !== null).toBe(allowed);
  });
});
