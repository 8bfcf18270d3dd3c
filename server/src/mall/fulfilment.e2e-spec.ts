import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../../test/harness';
import { completePayment } from '../../../scripts/wechat-sandbox/pay-api';
import { MallJobsService, jobSlot } from './mall-jobs.service';

jest.setTimeout(90_000);

describe('fulfilment: ship, receive, WeChat shipping upload', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    t.sandbox.state.shipments.length = 0;
    t.sandbox.state.faults.down = false;
    await t.setClock('2026-11-20T02:00:00Z');
  });

  const outTradeNo = (orderId: string) => orderId.replace(/-/g, '');
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await check()).toBe(true);
  };
  const ship = async (orderId: string, body: Record<string, unknown> = { expressCompany: 'SF', trackingNo: 'SF1234567890' }, token?: string) =>
    t.request('POST', `/api/admin/orders/${orderId}/ship`, { token: token ?? (await t.adminToken()), body });
  const adminOrder = async (id: string) => (await t.request('GET', `/api/admin/orders/${id}`, { token: await t.adminToken() })).body;

  /** A member with an address and a paid goods order (cash through the stand-in). */
  async function paidGoodsOrder(openid = 'ship-buyer') {
    const admin = await t.adminToken();
    const item = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'goods', name: '露营灯', cashPriceFen: 5900, pointsPrice: 0, stock: 10 } })).body;
    const { token, member } = await t.loginMember(openid);
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '王五', phone: '13900139000', region: '上海市 上海市 浦东新区', detail: '世纪大道 100 号' } })).body;
    const order = (await t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), items: [{ itemId: item.id, quantity: 1 }], addressId: address.id } })).body;
    expect(order.status).toBe('pending_payment');
    completePayment(t.sandbox.pay, outTradeNo(order.id));
    await waitFor(async () => (await t.request('GET', `/api/orders/${order.id}`, { token })).body.status === 'to_ship');
    return { token, member, item, order, transactionId: t.sandbox.pay.transactions.get(outTradeNo(order.id))!.transactionId };
  }

  it('ships a paid goods order once under a double click and reports it to WeChat in its shape', async () => {
    const { token, order, transactionId } = await paidGoodsOrder();
    expect((await t.request('POST', `/api/admin/orders/${order.id}/ship`, { body: { expressCompany: 'SF', trackingNo: 'SF1234567890' } })).status).toBe(401);
    expect((await ship(order.id, undefined, token)).status).toBe(403);
    expect((await ship(order.id, undefined, await t.adminToken('analyst'))).status).toBe(403);
    const bad = await ship(order.id, { expressCompany: 'XX', trackingNo: '单号' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['expressCompany', 'trackingNo']);
    expect((await ship(randomUUID())).status).toBe(404);
    expect((await adminOrder(order.id)).status).toBe('to_ship');

    const clicks = await Promise.all([ship(order.id), ship(order.id)]);
    expect(clicks.map((c) => c.status).sort()).toEqual([200, 409]);
    const shipped = clicks.find((c) => c.status === 200)!.body;
    expect(shipped).toMatchObject({ status: 'shipped', expressCompany: 'SF', trackingNo: 'SF1234567890', shippedAt: expect.stringMatching(/^2026-11-20T02:00/), shippingUpload: 'uploaded' });
    expect((await ship(order.id, { expressCompany: 'ZTO', trackingNo: '75000000001' })).status).toBe(409);

    expect(t.sandbox.state.shipments).toHaveLength(1);
    expect(t.sandbox.state.shipments[0].body).toEqual({
      order_key: { order_number_type: 2, transaction_id: transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '露营灯*1', contact: { receiver_contact: '139****9000' } }],
      upload_time: expect.stringMatching(/^2026-11-20T10:00:\d{2}\.\d{3}\+08:00$/),
      payer: { openid: 'ship-buyer' },
    });
    const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM admin_audit_log WHERE action = 'order.ship'");
    expect(Number(n)).toBe(1);
    // The member sees the waybill.
    expect((await t.request('GET', `/api/orders/${order.id}`, { token })).body).toMatchObject({ status: 'shipped', trackingNo: 'SF1234567890' });
  });

  it('refuses to ship orders that are not paid goods, and ships points-only goods without a WeChat upload', async () => {
    const admin = await t.adminToken();
    const { token, member } = await t.loginMember('ship-states');
    const product = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'product', name: '咖啡豆', cashPriceFen: 3900, pointsPrice: 0, stock: 5 } })).body;
    const unpaid = (await t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), items: [{ itemId: product.id, quantity: 1 }] } })).body;
    expect((await ship(unpaid.id)).body.code).toBe('ORDER_NOT_SHIPPABLE');
    completePayment(t.sandbox.pay, outTradeNo(unpaid.id));
    await waitFor(async () => (await adminOrder(unpaid.id)).status === 'completed');
    expect((await ship(unpaid.id)).status).toBe(409);

    const badge = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'goods', name: '徽章', cashPriceFen: 0, pointsPrice: 100, stock: 5 } })).body;
    await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: admin, body: { delta: 500, note: '测试' } });
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '赵六', phone: '13800138000', region: '北京市 北京市 朝阳区', detail: '建国路 1 号' } })).body;
    const redeemed = (await t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), items: [{ itemId: badge.id, quantity: 1 }], addressId: address.id } })).body;
    const shipped = await ship(redeemed.id, { expressCompany: 'YTO', trackingNo: 'YT7407032196699' });
    expect(shipped.body).toMatchObject({ status: 'shipped', shippingUpload: null });
    expect(t.sandbox.state.shipments).toHaveLength(0);
  });

  it('lets only the owner confirm receipt of a shipped order, and receives it for them after 10 days', async () => {
    const first = await paidGoodsOrder('receive-owner');
    const other = await t.loginMember('receive-other');
    expect((await t.request('POST', `/api/orders/${first.order.id}/receive`, { token: first.token })).body.code).toBe('ORDER_NOT_RECEIVABLE');
    await ship(first.order.id);
    expect((await t.request('POST', `/api/orders/${first.order.id}/receive`, {})).status).toBe(401);
    expect((await t.request('POST', `/api/orders/${first.order.id}/receive`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/orders/${first.order.id}/receive`, { token: await t.adminToken() })).status).toBe(403);
    const received = await t.request('POST', `/api/orders/${first.order.id}/receive`, { token: first.token });
    expect(received.body).toMatchObject({ status: 'received', receivedAt: expect.stringMatching(/^2026-11-20T02:00/) });
    expect((await t.request('POST', `/api/orders/${first.order.id}/receive`, { token: first.token })).status).toBe(409);

    const second = await paidGoodsOrder('receive-later');
    await ship(second.order.id, { expressCompany: 'ZTO', trackingNo: '75000000002' });
    await t.setClock('2026-11-29T21:00:00Z');
    expect(await t.runJob('orders-auto-receive')).toMatchObject({ ran: true, affected: 0 });
    await t.setClock('2026-11-30T21:00:00Z');
    expect(await t.runJob('orders-auto-receive')).toMatchObject({ ran: true, affected: 1 });
    expect(await t.runJob('orders-auto-receive')).toMatchObject({ ran: false });
    expect((await adminOrder(second.order.id)).status).toBe('received');
  });

  it('keeps the shipment when WeChat cannot take the upload, and the job retries it once per slot', async () => {
    const { order, transactionId } = await paidGoodsOrder();
    t.sandbox.state.faults.down = true;
    const shipped = await ship(order.id);
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', shippingUpload: 'pending', shippingUploadError: expect.stringContaining('upload_shipping_info') });
    t.sandbox.state.faults.down = false;
    const jobs = t.app.get(MallJobsService);
    // Not due yet (backoff): nothing is sent.
    expect((await jobs.runSlot()).shippingUpload).toEqual({ ran: true, affected: 0 });
    expect(t.sandbox.state.shipments).toHaveLength(0);
    // A stale access token on the way (40001) is refreshed and the call repeated.
    t.sandbox.state.accessTokens.clear();
    await t.setClock('2026-11-20T02:05:00Z');
    const slot = jobSlot(new Date('2026-11-20T02:05:00Z'));
    const [a, b] = await Promise.all([jobs.runSlot(slot), jobs.runSlot(slot)]);
    expect([a.shippingUpload, b.shippingUpload]).toEqual(expect.arrayContaining([{ ran: true, affected: 1 }, { ran: false, reason: expect.stringMatching(/^(already-ran|in-progress)$/) }]));
    expect(t.sandbox.state.shipments.map((s) => s.transactionId)).toEqual([transactionId]);
    expect(await adminOrder(order.id)).toMatchObject({ shippingUpload: 'uploaded', shippingUploadError: null });
  });

  it('names the payment by merchant id and out_trade_no when the order has no WeChat transaction id', async () => {
    const { order } = await paidGoodsOrder();
    await t.dataSource.query('UPDATE orders SET transaction_id = NULL WHERE id = ?', [order.id]);
    expect((await ship(order.id)).body.shippingUpload).toBe('uploaded');
    expect(t.sandbox.state.shipments[0].body.order_key).toEqual({ order_number_type: 1, mchid: t.sandbox.pay.keys.mchId, out_trade_no: outTradeNo(order.id) });
  });

  it('gives up at once on an error a retry cannot fix (payment no longer shippable)', async () => {
    const { order } = await paidGoodsOrder();
    t.sandbox.pay.transactions.get(outTradeNo(order.id))!.state = 'REFUND';
    const shipped = await ship(order.id);
    expect(shipped.body).toMatchObject({ status: 'shipped', shippingUpload: 'failed', shippingUploadError: expect.stringContaining('10060004') });
    await t.setClock('2026-11-21T02:00:00Z');
    expect((await t.app.get(MallJobsService).runSlot()).shippingUpload).toEqual({ ran: true, affected: 0 });
  });
});
