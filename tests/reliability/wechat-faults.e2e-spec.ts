/**
 * WeChat down, slow, late or out of order. Login and posters answer a clear 503 within the
 * configured timeout and write nothing; payment notifications that come late, twice, out of order
 * or after the query job already settled the order are applied exactly once.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../../server/test/harness';
import { buildNotification } from '../../scripts/wechat-sandbox/pay-api';
import { OrdersService } from '../../server/src/mall/orders.service';
import { changedTables, snapshot } from './db-snapshot';

jest.setTimeout(120_000);

// Generous enough for the stand-in to draw a code on a busy CI machine, short enough to keep the test quick.
const TIMEOUT_MS = 3000;

describe('WeChat faults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WECHAT_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(() => t.close());
  afterEach(() => {
    t.sandbox.state.faults.down = false;
    t.sandbox.state.faults.delayMs = 0;
  });

  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  };

  it.each([
    ['down', () => (t.sandbox.state.faults.down = true)],
    ['slower than the timeout', () => (t.sandbox.state.faults.delayMs = TIMEOUT_MS * 3)],
  ])('login and posters answer 503 within the timeout when WeChat is %s, writing nothing', async (_what, breakWechat) => {
    const { token } = await t.loginMember(`poster-${randomUUID().slice(0, 8)}`);
    const before = await snapshot(t.dataSource);
    breakWechat();
    const login = await timed(() => t.request('POST', '/api/auth/wx-login', { body: { code: `sandbox:never-${randomUUID().slice(0, 8)}` } }));
    expect(login.result.status).toBe(503);
    expect(login.result.body).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: expect.any(String) });
    expect(login.ms).toBeLessThan(TIMEOUT_MS * 2);
    const poster = await timed(() => t.request('GET', '/api/referrals/poster', { token }));
    expect(poster.result.status).toBe(503);
    expect(poster.result.body.code).toBe('WECHAT_UNAVAILABLE');
    expect(poster.ms).toBeLessThan(TIMEOUT_MS * 3); // an access token fetch may time out first
    expect(changedTables(before, await snapshot(t.dataSource))).toEqual([]);
    // WeChat back: both work again, without restarting anything.
    t.sandbox.state.faults.down = false;
    t.sandbox.state.faults.delayMs = 0;
    const relogin = await t.request('POST', '/api/auth/wx-login', { body: { code: `sandbox:back-${randomUUID().slice(0, 8)}` } });
    expect([relogin.status, relogin.body.code]).toEqual([200, undefined]);
    const reposter = await t.request('GET', '/api/referrals/poster', { token });
    expect([reposter.status, reposter.body.code]).toEqual([200, undefined]);
  });

  it('applies late, duplicated and out-of-order payment notifications once each, also after the query job settled the order', async () => {
    await t.setClock('2026-03-10T02:00:00Z');
    const owner = await t.adminToken();
    const product = (await t.request('POST', '/api/admin/mall/items', { token: owner, body: { kind: 'product', name: '保温杯', cashPriceFen: 5000, pointsPrice: 0, stock: 20 } })).body;
    const buyers = await Promise.all([1, 2, 3, 4].map((i) => t.loginMember(`late-buyer-${i}`)));
    const orders: { id: string }[] = [];
    for (const b of buyers) {
      const placed = await t.request('POST', '/api/orders', { token: b.token, body: { idempotencyKey: randomUUID(), items: [{ itemId: product.id, quantity: 1 }] } });
      expect(placed.body.status).toBe('pending_payment');
      orders.push(placed.body);
    }
    const outTradeNo = (id: string) => id.replace(/-/g, '');
    const notification = (i: number) =>
      buildNotification(t.sandbox.pay, 'TRANSACTION.SUCCESS', 'transaction', {
        mchid: t.sandbox.pay.keys.mchId, appid: 'wxtestappid000001', out_trade_no: outTradeNo(orders[i].id), transaction_id: `42000012342026031000000000${10 + i}`,
        trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', success_time: new Date().toISOString(),
        payer: { openid: buyers[i].member.openid ?? `late-buyer-${i + 1}` }, amount: { total: 5000, payer_total: 5000, currency: 'CNY', payer_currency: 'CNY' },
      });
    for (const o of orders) t.sandbox.pay.transactions.get(outTradeNo(o.id))!.state = 'SUCCESS';
    const post = (n: { body: string; headers: Record<string, string> }) => fetch(`${t.baseUrl}/api/payments/wechat/notify`, { method: 'POST', headers: n.headers, body: n.body });

    const status = async (i: number) => (await t.request('GET', `/api/orders/${orders[i].id}`, { token: buyers[i].token })).body.status;
    // Orders 1–3: notifications arrive out of order, several at once.
    const first = await Promise.all([2, 0, 1, 2, 0, 2].map((i) => post(notification(i))));
    expect(first.map((a) => a.status)).toEqual(Array(6).fill(204));
    expect(await Promise.all([0, 1, 2, 3].map(status))).toEqual(['completed', 'completed', 'completed', 'pending_payment']);

    // Order 4's notification is lost: after 15 minutes the query job finds it paid and settles it.
    await t.setClock('2026-03-10T02:16:00Z');
    await t.app.get(OrdersService).closeExpired();
    expect(await status(3)).toBe('completed');

    // Then every notification arrives again, late, out of order and at once.
    const late = await Promise.all([3, 2, 0, 1, 3, 3].map((i) => post(notification(i))));
    expect(late.map((a) => a.status)).toEqual(Array(6).fill(204));
    expect(await Promise.all([0, 1, 2, 3].map(status))).toEqual(['completed', 'completed', 'completed', 'completed']);

    const [{ n: paidEvents }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM growth_ledger WHERE reason = 'order_paid'");
    expect(Number(paidEvents)).toBe(4);
    const perOrder: { ref: string; n: number }[] = await t.dataSource.query("SELECT ref, COUNT(*) AS n FROM growth_ledger WHERE reason = 'order_paid' GROUP BY ref");
    expect(perOrder.every((r) => Number(r.n) === 1)).toBe(true);
    const item = (await t.request('GET', `/api/mall/items/${product.id}`, { token: buyers[0].token })).body;
    expect(item.stock).toBe(16);
    expect(t.sandbox.pay.refunds.size).toBe(0);
  });
});
