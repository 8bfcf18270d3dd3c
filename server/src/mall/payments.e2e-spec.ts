import { createVerify, generateKeyPairSync } from 'node:crypto';
import { startTestApp, TestApp } from '../../test/harness';
import { buildNotification, completePayment } from '../../../scripts/wechat-sandbox/pay-api';
import { platformSignature } from '../../../scripts/wechat-sandbox/pay-keys';
import { OrdersService } from './orders.service';

jest.setTimeout(60_000);

describe('WeChat Pay for orders with cash', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const admin = () => t.adminToken();
  const outTradeNo = (orderId: string) => orderId.replace(/-/g, '');
  const notifyUrl = () => `${t.baseUrl}/api/payments/wechat/notify`;
  const post = (n: { body: string; headers: Record<string, string> }) => fetch(notifyUrl(), { method: 'POST', headers: n.headers, body: n.body });
  const paidResource = (orderId: string, total: number, openid: string) => ({
    mchid: t.sandbox.pay.keys.mchId, appid: 'wxtestappid000001', out_trade_no: outTradeNo(orderId), transaction_id: '4200001234202603100000000001',
    trade_type: 'JSAPI', trade_state: 'SUCCESS', trade_state_desc: '支付成功', bank_type: 'OTHERS', success_time: new Date().toISOString(),
    payer: { openid }, amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
  });

  async function setup() {
    const template = await t.request('POST', '/api/admin/coupon-templates', { token: await admin(), body: { name: '满30减3', kind: 'amount', amountOffFen: 300, thresholdFen: 3000, validDays: 30, perMemberLimit: 3 } });
    const product = (await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'product', name: '保温杯', cashPriceFen: 12900, pointsPrice: 0, stock: 10 } })).body;
    const couponItem = (await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'coupon', name: '加价购券', cashPriceFen: 100, pointsPrice: 50, stock: 10, couponTemplateId: template.body.id } })).body;
    const { token, member } = await t.loginMember('pay-buyer');
    await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: await admin(), body: { delta: 1000, note: '测试' } });
    return { token, member, product, couponItem };
  }
  const order = (token: string, body: Record<string, unknown>) => t.request('POST', '/api/orders', { token, body: { idempotencyKey: `k-${Math.random().toString(36).slice(2, 12)}`, ...body } });
  const status = async (token: string, id: string) => (await t.request('GET', `/api/orders/${id}`, { token })).body.status as string;
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await check()).toBe(true);
  };

  it('answers a cash order with signed wx.requestPayment parameters, and settles it when WeChat notifies', async () => {
    const { token, product } = await setup();
    const placed = await order(token, { items: [{ itemId: product.id, quantity: 1 }], pointsToUse: 600 });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ status: 'pending_payment', pointsUsed: 600, cashDueFen: 9900, payment: { signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) } });
    const { timeStamp, nonceStr, package: pkg, paySign } = placed.body.payment;
    const message = `wxtestappid000001\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(t.sandbox.pay.keys.merchantPublicKeyPem, paySign, 'base64')).toBe(true);
    expect(t.sandbox.pay.transactions.get(outTradeNo(placed.body.id))).toMatchObject({ totalFen: 9900, openid: 'pay-buyer', state: 'NOTPAY' });
    // Asking again (the member closed the sheet) gives fresh parameters for the same transaction.
    const again = await t.request('POST', `/api/orders/${placed.body.id}/payment`, { token });
    expect(again.body.payment.package).toBe(pkg);

    completePayment(t.sandbox.pay, outTradeNo(placed.body.id));
    await waitFor(async () => (await status(token, placed.body.id)) === 'completed');
    expect((await t.request('GET', `/api/orders/${placed.body.id}`, { token })).body.paidAt).toEqual(expect.any(String));
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(400);
    const [{ growth }] = await t.dataSource.query("SELECT SUM(delta) AS growth FROM growth_ledger WHERE reason = 'order_paid'");
    expect(Number(growth)).toBe(99);
  });

  it('applies a notification replayed 15 times exactly once', async () => {
    const { token, member, couponItem } = await setup();
    const placed = (await order(token, { items: [{ itemId: couponItem.id, quantity: 1 }] })).body;
    expect(placed).toMatchObject({ status: 'pending_payment', pointsUsed: 50, cashDueFen: 100 });
    const n = buildNotification(t.sandbox.pay, 'TRANSACTION.SUCCESS', 'transaction', paidResource(placed.id, 100, 'pay-buyer'));
    const answers = await Promise.all(Array.from({ length: 15 }, () => post(n)));
    expect(answers.map((a) => a.status)).toEqual(Array(15).fill(204));
    expect(await status(token, placed.id)).toBe('completed');
    expect((await t.request('GET', '/api/coupons', { token })).body.items).toHaveLength(1);
    const [{ n: holds }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_holds WHERE status = 'confirmed' AND member_id = ?", [member.id]);
    expect(Number(holds)).toBe(1);
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(950);
  });

  it('refuses a forged signature, a tampered ciphertext, a stale or unknown-serial notification, and a wrong amount, changing nothing', async () => {
    const { token, couponItem } = await setup();
    const placed = (await order(token, { items: [{ itemId: couponItem.id, quantity: 1 }] })).body;
    const genuine = buildNotification(t.sandbox.pay, 'TRANSACTION.SUCCESS', 'transaction', paidResource(placed.id, 100, 'pay-buyer'));

    const forger = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const forgedKeys = { ...t.sandbox.pay.keys, platformPrivateKeyPem: forger.privateKey };
    const h = genuine.headers;
    const forged = { body: genuine.body, headers: { ...h, 'wechatpay-signature': platformSignature(forgedKeys, h['wechatpay-timestamp'], h['wechatpay-nonce'], genuine.body) } };
    expect((await post(forged)).status).toBe(401);

    // Flip a byte of the ciphertext and sign it properly: the signature holds, the GCM tag does not.
    const envelope = JSON.parse(genuine.body);
    const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
    bytes[5] ^= 0x01;
    envelope.resource.ciphertext = bytes.toString('base64');
    const tamperedBody = JSON.stringify(envelope);
    const tampered = { body: tamperedBody, headers: { ...h, 'wechatpay-signature': platformSignature(t.sandbox.pay.keys, h['wechatpay-timestamp'], h['wechatpay-nonce'], tamperedBody) } };
    const tamperedAnswer = await post(tampered);
    expect(tamperedAnswer.status).toBe(400);
    expect(await tamperedAnswer.json()).toEqual({ code: 'FAIL', message: 'BAD_CIPHERTEXT' });

    const staleTs = String(Math.floor(Date.now() / 1000) - 600);
    const stale = { body: genuine.body, headers: { ...h, 'wechatpay-timestamp': staleTs, 'wechatpay-signature': platformSignature(t.sandbox.pay.keys, staleTs, h['wechatpay-nonce'], genuine.body) } };
    expect((await post(stale)).status).toBe(401);
    expect((await post({ body: genuine.body, headers: { ...h, 'wechatpay-serial': 'ABCDEF0123456789' } })).status).toBe(401);

    const wrongAmount = buildNotification(t.sandbox.pay, 'TRANSACTION.SUCCESS', 'transaction', paidResource(placed.id, 1, 'pay-buyer'));
    const wrongAnswer = await post(wrongAmount);
    expect(wrongAnswer.status).toBe(400);
    expect(await wrongAnswer.json()).toEqual({ code: 'FAIL', message: 'AMOUNT_MISMATCH' });

    expect(await status(token, placed.id)).toBe('pending_payment');
    expect((await t.request('GET', '/api/coupons', { token })).body.items).toHaveLength(0);
    // The genuine one still works afterwards.
    expect((await post(genuine)).status).toBe(204);
    expect(await status(token, placed.id)).toBe('completed');
  });

  it('when no notification comes, asks WeChat before closing: paid orders settle, unpaid ones close on both sides', async () => {
    await t.setClock('2026-03-10T02:00:00Z');
    const { token, product } = await setup();
    const paidSilently = (await order(token, { items: [{ itemId: product.id, quantity: 1 }] })).body;
    const unpaid = (await order(token, { items: [{ itemId: product.id, quantity: 2 }] })).body;
    // WeChat took the money but its notification never arrived.
    const tx = t.sandbox.pay.transactions.get(outTradeNo(paidSilently.id))!;
    tx.state = 'SUCCESS';
    expect((await t.request('POST', `/api/orders/${paidSilently.id}/cancel`, { token })).body.code).toBe('ORDER_ALREADY_PAID');
    expect(await status(token, paidSilently.id)).toBe('completed');

    await t.setClock('2026-03-10T02:16:00Z');
    expect(await t.app.get(OrdersService).closeExpired()).toBe(1);
    expect(await status(token, unpaid.id)).toBe('closed');
    expect(t.sandbox.pay.transactions.get(outTradeNo(unpaid.id))!.state).toBe('CLOSED');
    const stock = (await t.request('GET', `/api/mall/items/${product.id}`, { token })).body.stock;
    expect(stock).toBe(9);
  });

  it('keeps an order waiting when WeChat cannot start the payment, and the same key retries it', async () => {
    const { token, product } = await setup();
    t.sandbox.state.faults.down = true;
    const key = 'retry-key-0001';
    const first = await order(token, { items: [{ itemId: product.id, quantity: 1 }], idempotencyKey: key });
    expect(first.status).toBe(502);
    expect(first.body.code).toBe('PAYMENT_START_FAILED');
    t.sandbox.state.faults.down = false;
    const second = await order(token, { items: [{ itemId: product.id, quantity: 1 }], idempotencyKey: key });
    expect(second.body).toMatchObject({ status: 'pending_payment', payment: { signType: 'RSA' } });
    expect(await t.count('orders')).toBe(1);
  });

  it('refunds a paid order once: cash through WeChat, then points and stock, however often the refund notification comes', async () => {
    const { token, product } = await setup();
    const placed = (await order(token, { items: [{ itemId: product.id, quantity: 1 }], pointsToUse: 600 })).body;
    completePayment(t.sandbox.pay, outTradeNo(placed.id));
    await waitFor(async () => (await status(token, placed.id)) === 'completed');
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(400);

    expect((await t.request('POST', `/api/admin/orders/${placed.id}/refund`, { token: await t.adminToken('analyst'), body: { reason: '不想要了' } })).status).toBe(403);
    expect((await t.request('POST', `/api/admin/orders/${placed.id}/refund`, { token, body: { reason: '不想要了' } })).status).toBe(403);
    expect((await t.request('POST', `/api/admin/orders/${placed.id}/refund`, { token: await admin(), body: { reason: '' } })).status).toBe(400);
    const [first, second] = await Promise.all([1, 2].map(async () => t.request('POST', `/api/admin/orders/${placed.id}/refund`, { token: await admin(), body: { reason: '顾客申请退款' } })));
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    await waitFor(async () => (await status(token, placed.id)) === 'refunded');
    expect(t.sandbox.pay.refunds.get(`R${outTradeNo(placed.id)}`)).toMatchObject({ refundFen: 9900, status: 'SUCCESS' });
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(1000);
    expect((await t.request('GET', `/api/mall/items/${product.id}`, { token })).body.stock).toBe(10);

    // WeChat's refund notification again (a retry): nothing more comes back.
    const again = buildNotification(t.sandbox.pay, 'REFUND.SUCCESS', 'refund', { mchid: t.sandbox.pay.keys.mchId, out_trade_no: outTradeNo(placed.id), out_refund_no: `R${outTradeNo(placed.id)}`, refund_status: 'SUCCESS', amount: { total: 9900, refund: 9900 } });
    for (let i = 0; i < 3; i++) expect((await post(again)).status).toBe(204);
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(1000);
    const [{ n }] = await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE reason = 'refund'");
    expect(Number(n)).toBe(1);
    const listed = (await t.request('GET', '/api/admin/orders?status=refunded', { token: await t.adminToken('analyst') })).body;
    expect(listed).toMatchObject({ total: 1, items: [{ id: placed.id, refundReason: '顾客申请退款' }] });
    expect((await t.request('GET', '/api/admin/orders?status=bogus', { token: await admin() })).status).toBe(400);
  });

  it('refunds a points-only order at once, and returns the cash of a payment that arrives after the order closed', async () => {
    await t.setClock('2026-03-10T02:00:00Z');
    const { token, product } = await setup();
    const badge = (await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'goods', name: '徽章', cashPriceFen: 0, pointsPrice: 300, stock: 5 } })).body;
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '李四', phone: '13900139000', region: '北京市 北京市 朝阳区', detail: '建国路 1 号' } })).body;
    const redeemed = (await order(token, { items: [{ itemId: badge.id, quantity: 1 }], addressId: address.id })).body;
    expect(redeemed.status).toBe('to_ship');
    const refunded = await t.request('POST', `/api/admin/orders/${redeemed.id}/refund`, { token: await admin(), body: { reason: '缺货' } });
    expect(refunded.body).toMatchObject({ status: 'refunded', refundReason: '缺货' });
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(1000);

    const late = (await order(token, { items: [{ itemId: product.id, quantity: 1 }] })).body;
    await t.setClock('2026-03-10T02:20:00Z');
    await t.app.get(OrdersService).closeExpired();
    expect(await status(token, late.id)).toBe('closed');
    // WeChat delivers a payment for it anyway (the member paid in the last second): the cash goes back.
    const tx = t.sandbox.pay.transactions.get(outTradeNo(late.id))!;
    tx.state = 'SUCCESS';
    const paid = buildNotification(t.sandbox.pay, 'TRANSACTION.SUCCESS', 'transaction', paidResource(late.id, 12900, 'pay-buyer'));
    expect((await post(paid)).status).toBe(204);
    await waitFor(async () => t.sandbox.pay.refunds.get(`R${outTradeNo(late.id)}`)?.status === 'SUCCESS');
    expect(await status(token, late.id)).toBe('closed');
    await waitFor(async () => (await t.request('GET', `/api/orders/${late.id}`, { token })).body.refundedAt !== null);
  });

  it('a friend’s first paid order qualifies the invitation when the merchant chose that action', async () => {
    const token = await admin();
    const rules = (await t.request('GET', '/api/admin/referrals/settings', { token })).body;
    expect((await t.request('PUT', '/api/admin/referrals/settings', { token, body: { ...rules, qualifyingAction: 'first_paid_order' } })).status).toBe(200);
    const inviter = await t.loginMember('paid-inviter');
    const { inviteCode } = (await t.request('GET', '/api/members/me', { token: inviter.token })).body;
    const { product } = await setup();
    const friend = await t.loginMember('paid-friend', inviteCode);
    // A check-in no longer qualifies; the paid order does.
    await t.request('POST', '/api/checkins', { token: friend.token });
    expect((await t.request('GET', '/api/members/me', { token: inviter.token })).body.points).toBe(0);
    const placed = (await order(friend.token, { items: [{ itemId: product.id, quantity: 1 }] })).body;
    completePayment(t.sandbox.pay, outTradeNo(placed.id));
    await waitFor(async () => (await t.request('GET', '/api/members/me', { token: inviter.token })).body.points === 20);
    expect((await t.request('GET', '/api/referrals', { token: inviter.token })).body.items[0]).toMatchObject({ state: 'qualified', rewardPoints: 20 });
  });
});
