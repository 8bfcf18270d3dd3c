import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../../test/harness';
import { buildNotification, completePayment } from '../../../scripts/wechat-sandbox/pay-api';
import { MallJobsService, jobSlot } from './mall-jobs.service';

jest.setTimeout(90_000);

describe('refunds whose notification never came', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    t.sandbox.pay.faults.loseRefundNotifies = false;
    await t.setClock('2026-11-20T02:00:00Z');
  });

  const outTradeNo = (orderId: string) => orderId.replace(/-/g, '');
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await check()).toBe(true);
  };
  const adminOrder = async (id: string) => (await t.request('GET', `/api/admin/orders/${id}`, { token: await t.adminToken() })).body;

  /** A product paid with 600 points + cash, then refunded by the admin while WeChat's refund notifications are lost. */
  async function refundedWithoutNotify(openid: string) {
    const admin = await t.adminToken();
    const product = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'product', name: '保温杯', cashPriceFen: 12900, pointsPrice: 0, stock: 10 } })).body;
    const { token, member } = await t.loginMember(openid);
    await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: admin, body: { delta: 1000, note: '测试' } });
    const order = (await t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), items: [{ itemId: product.id, quantity: 1 }], pointsToUse: 600 } })).body;
    completePayment(t.sandbox.pay, outTradeNo(order.id));
    await waitFor(async () => (await adminOrder(order.id)).status === 'completed');
    t.sandbox.pay.faults.loseRefundNotifies = true;
    const refunding = await t.request('POST', `/api/admin/orders/${order.id}/refund`, { token: admin, body: { reason: '顾客申请退款' } });
    expect(refunding.body).toMatchObject({ status: 'refunding', refundState: 'processing' });
    const refundNo = `R${outTradeNo(order.id)}`;
    await waitFor(async () => t.sandbox.pay.refunds.get(refundNo)?.status === 'SUCCESS');
    return { token, product, order, refundNo };
  }
  const points = async (token: string) => (await t.request('GET', '/api/members/me', { token })).body.points as number;

  it('queries a refund left processing, settling it once: points and stock back a single time', async () => {
    const { token, product, order, refundNo } = await refundedWithoutNotify('rq-success');
    expect(t.sandbox.pay.deliveries.filter((d) => d.ref === refundNo)).toHaveLength(0);
    expect(await points(token)).toBe(400);
    const jobs = t.app.get(MallJobsService);
    // Too soon: WeChat's notification may still come.
    expect((await jobs.runSlot()).refundQuery).toEqual({ ran: true, affected: 0 });
    expect((await adminOrder(order.id)).status).toBe('refunding');

    await t.setClock('2026-11-20T02:11:00Z');
    const slot = jobSlot(new Date('2026-11-20T02:11:00Z'));
    const runs = await Promise.all([jobs.runSlot(slot), jobs.runSlot(slot)]);
    expect(runs.map((r) => r.refundQuery)).toEqual(expect.arrayContaining([{ ran: true, affected: 1 }, { ran: false, reason: expect.stringMatching(/^(already-ran|in-progress)$/) }]));
    expect(await adminOrder(order.id)).toMatchObject({ status: 'refunded', refundState: 'success', refundedAt: expect.any(String) });
    expect(await points(token)).toBe(1000);
    expect((await t.request('GET', `/api/mall/items/${product.id}`, { token })).body.stock).toBe(10);

    // A later slot and WeChat's late notification change nothing more.
    await t.setClock('2026-11-20T02:16:00Z');
    expect((await jobs.runSlot()).refundQuery).toEqual({ ran: true, affected: 0 });
    const late = buildNotification(t.sandbox.pay, 'REFUND.SUCCESS', 'refund', { mchid: t.sandbox.pay.keys.mchId, out_trade_no: outTradeNo(order.id), out_refund_no: refundNo, refund_status: 'SUCCESS', amount: { total: 6900, refund: 6900 } });
    expect((await fetch(`${t.baseUrl}/api/payments/wechat/notify`, { method: 'POST', headers: late.headers, body: late.body })).status).toBe(204);
    expect(await points(token)).toBe(1000);
    const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE reason = 'refund'");
    expect(Number(n)).toBe(1);
  });

  it('marks a refund WeChat reports abnormal or closed, keeping the order refunding for the merchant', async () => {
    const abnormal = await refundedWithoutNotify('rq-abnormal');
    const closed = await refundedWithoutNotify('rq-closed');
    t.sandbox.pay.refunds.get(abnormal.refundNo)!.status = 'ABNORMAL';
    t.sandbox.pay.refunds.get(closed.refundNo)!.status = 'CLOSED';
    await t.setClock('2026-11-20T02:30:00Z');
    expect((await t.app.get(MallJobsService).runSlot()).refundQuery).toEqual({ ran: true, affected: 2 });
    expect(await adminOrder(abnormal.order.id)).toMatchObject({ status: 'refunding', refundState: 'abnormal', refundedAt: null });
    expect(await adminOrder(closed.order.id)).toMatchObject({ status: 'refunding', refundState: 'closed' });
    expect(await points(abnormal.token)).toBe(400);
    // WeChat's own REFUND.ABNORMAL notification marks a processing refund the same way, once.
    const third = await refundedWithoutNotify('rq-notified');
    const abnormalNotify = buildNotification(t.sandbox.pay, 'REFUND.ABNORMAL', 'refund', { mchid: t.sandbox.pay.keys.mchId, out_trade_no: outTradeNo(third.order.id), out_refund_no: third.refundNo, refund_status: 'ABNORMAL', amount: { total: 6900, refund: 6900 } });
    for (let i = 0; i < 2; i++) expect((await fetch(`${t.baseUrl}/api/payments/wechat/notify`, { method: 'POST', headers: abnormalNotify.headers, body: abnormalNotify.body })).status).toBe(204);
    expect(await adminOrder(third.order.id)).toMatchObject({ status: 'refunding', refundState: 'abnormal' });
    // No longer queried.
    await t.setClock('2026-11-20T02:40:00Z');
    expect((await t.app.get(MallJobsService).runSlot()).refundQuery).toEqual({ ran: true, affected: 0 });
  });
});
