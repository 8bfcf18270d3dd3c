import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../../test/harness';
import { OrdersService } from './orders.service';

jest.setTimeout(120_000);

describe('points mall and checkout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const admin = async () => t.adminToken();
  const createItem = async (body: Record<string, unknown>) =>
    t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'goods', name: '帆布袋', cashPriceFen: 0, pointsPrice: 100, stock: 10, ...body } });
  const givePoints = async (memberId: string, delta: number) =>
    t.request('POST', `/api/admin/members/${memberId}/points/adjustments`, { token: await admin(), body: { delta, note: '测试积分' } });
  const order = (token: string, body: Record<string, unknown>) => t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), ...body } });
  const balance = async (token: string) => (await t.request('GET', '/api/members/me', { token })).body.points as number;
  const item = async (id: string) => (await t.request('GET', '/api/admin/mall/items', { token: await admin() })).body.items.find((i: { id: string }) => i.id === id);

  it('lets merchants build the catalog and members browse it, with validation and roles', async () => {
    const created = await createItem({ name: '会员帆布袋', category: '周边', description: '限量', sortOrder: 2 });
    expect(created.status).toBe(200);
    await createItem({ name: '金卡专享保温杯', pointsPrice: 800, tiersAllowed: ['gold', 'diamond'], sortOrder: 1 });
    await createItem({ name: '下架品', status: 'off' });
    expect((await createItem({ name: '无价之宝', pointsPrice: 0 })).body.code).toBe('PRICE_REQUIRED');
    expect((await createItem({ kind: 'coupon', name: '券' })).body.code).toBe('COUPON_NOT_FOUND');
    const bad = await createItem({ cashPriceFen: 9.5, stock: -1, kind: 'gift' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['cashPriceFen', 'kind', 'stock']);
    expect((await t.request('POST', '/api/admin/mall/items', { token: await t.adminToken('analyst'), body: { kind: 'goods', name: 'x', cashPriceFen: 0, pointsPrice: 1, stock: 1 } })).status).toBe(403);

    const { token } = await t.loginMember('mall-browse');
    expect((await t.request('POST', '/api/admin/mall/items', { token, body: {} })).status).toBe(403);
    const list = (await t.request('GET', '/api/mall/items', { token })).body.items;
    expect(list.map((i: { name: string }) => i.name)).toEqual(['金卡专享保温杯', '会员帆布袋']);
    expect((await t.request('GET', `/api/mall/items/${created.body.id}`, { token })).body).toMatchObject({ name: '会员帆布袋', category: '周边', pointsPrice: 100, stock: 10 });
    expect((await t.request('GET', '/api/mall/items?category=周边', { token })).body.items).toHaveLength(1);
  });

  it('redeems a coupon for points at once, the same idempotency key returning the same order', async () => {
    const template = await t.request('POST', '/api/admin/coupon-templates', { token: await admin(), body: { name: '满50减5', kind: 'amount', amountOffFen: 500, thresholdFen: 5000, validDays: 30, perMemberLimit: 5 } });
    const couponItem = (await createItem({ kind: 'coupon', name: '满50减5券', pointsPrice: 200, couponTemplateId: template.body.id })).body;
    const { token, member } = await t.loginMember('mall-coupon');
    await givePoints(member.id, 500);
    const idempotencyKey = 'redeem-0001';
    const taps = await Promise.all([1, 2, 3].map(() => order(token, { items: [{ itemId: couponItem.id, quantity: 1 }], idempotencyKey })));
    expect(taps.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(taps.map((r) => r.body.id)).size).toBe(1);
    expect(taps[0].body).toMatchObject({ status: 'completed', pointsUsed: 200, cashDueFen: 0, lines: [{ name: '满50减5券', quantity: 1, unitPoints: 200 }] });
    expect(await balance(token)).toBe(300);
    const wallet = (await t.request('GET', '/api/coupons', { token })).body.items;
    expect(wallet.map((c: { name: string }) => c.name)).toEqual(['满50减5']);
    expect((await item(couponItem.id)).stock).toBe(9);
    expect((await t.request('GET', '/api/orders', { token })).body.total).toBe(1);
  });

  it('never oversells: 1,000 concurrent orders for stock 100 make exactly 100 orders, and no balance goes negative', async () => {
    const template = await t.request('POST', '/api/admin/coupon-templates', { token: await admin(), body: { name: '秒杀无门槛5元券', kind: 'amount', amountOffFen: 500, thresholdFen: 0, validDays: 7, perMemberLimit: 5 } });
    const hot = (await createItem({ kind: 'coupon', name: '限量秒杀券', pointsPrice: 10, stock: 100, couponTemplateId: template.body.id })).body;
    const buyers = [];
    for (let i = 0; i < 200; i++) buyers.push(await t.loginMember(`flash-${i}`));
    // Half the buyers can afford every one of their five orders, the other half only two.
    for (const [i, b] of buyers.entries()) await givePoints(b.member.id, i % 2 ? 50 : 20);
    const results = await Promise.all(buyers.flatMap((b) => [1, 2, 3, 4, 5].map(() => order(b.token, { items: [{ itemId: hot.id, quantity: 1 }] }))));
    const okCount = results.filter((r) => r.status === 200).length;
    expect(okCount).toBe(100);
    expect(results.filter((r) => r.status !== 200).every((r) => ['SOLD_OUT', 'INSUFFICIENT_POINTS'].includes(r.body.code))).toBe(true);
    expect(await item(hot.id)).toMatchObject({ stock: 0, sold: 100 });
    expect(await t.count('orders')).toBe(100);
    const [{ negatives }] = await t.dataSource.query('SELECT COUNT(*) AS negatives FROM members WHERE points_balance < 0');
    expect(Number(negatives)).toBe(0);
    const [{ spent }] = await t.dataSource.query("SELECT SUM(delta) AS spent FROM points_ledger WHERE reason = 'redeem'");
    expect(Number(spent)).toBe(-1000);
  });

  it('holds points, coupon and stock for an unpaid cash order and releases them once when it closes after 15 minutes', async () => {
    await t.setClock('2026-03-10T02:00:00Z');
    const template = await t.request('POST', '/api/admin/coupon-templates', { token: await admin(), body: { name: '满100减10', kind: 'amount', amountOffFen: 1000, thresholdFen: 10000, validDays: 30 } });
    const product = (await createItem({ kind: 'product', name: '保温杯', cashPriceFen: 12000, pointsPrice: 0, stock: 5 })).body;
    const { token, member } = await t.loginMember('mall-cash');
    await givePoints(member.id, 1500);
    const couponId = (await t.request('POST', `/api/admin/coupon-templates/${template.body.id}/issue`, { token: await admin(), body: { memberId: member.id, note: '测试' } })).body.id;

    const tooMany = await order(token, { items: [{ itemId: product.id, quantity: 1 }], pointsToUse: 1400, couponId });
    expect(tooMany.body.code).toBe('POINTS_OVER_LIMIT');
    expect((await t.request('GET', '/api/coupons', { token })).body.items[0].state).toBe('unused');

    const placed = await order(token, { items: [{ itemId: product.id, quantity: 2 }], pointsToUse: 1000, couponId });
    expect(placed.body).toMatchObject({ status: 'pending_payment', cashSubtotalFen: 24000, couponDiscountFen: 1000, pointsUsed: 1000, pointsValueFen: 5000, cashDueFen: 18000 });
    expect(Date.parse(placed.body.expiresAt) - Date.parse(placed.body.createdAt)).toBe(15 * 60_000);
    expect(await balance(token)).toBe(500);
    expect((await item(product.id)).stock).toBe(3);
    expect((await t.request('GET', '/api/coupons', { token })).body.items[0].state).toBe('used');

    const orders = t.app.get(OrdersService);
    await t.setClock('2026-03-10T02:14:00Z');
    expect(await orders.closeExpired()).toBe(0);
    await t.setClock('2026-03-10T02:16:00Z');
    const [first, second] = await Promise.all([orders.closeExpired(), orders.closeExpired()]);
    expect(first + second).toBe(1);
    expect((await t.request('GET', `/api/orders/${placed.body.id}`, { token })).body).toMatchObject({ status: 'closed', closeReason: 'unpaid' });
    expect(await balance(token)).toBe(1500);
    expect((await item(product.id)).stock).toBe(5);
    expect((await t.request('GET', '/api/coupons', { token })).body.items[0].state).toBe('unused');
    expect((await t.request('POST', `/api/orders/${placed.body.id}/cancel`, { token })).body.code).toBe('ORDER_NOT_CANCELLABLE');
  });

  it('takes the tier-scaled member-day price off cash orders on member day only', async () => {
    await t.request('PUT', '/api/admin/member-day', { token: await admin(), body: { schedule: { kind: 'monthDay', day: 8 }, couponTemplates: {}, reminderHour: 9 } });
    const product = (await createItem({ kind: 'product', name: '会员日保温杯', cashPriceFen: 12000, pointsPrice: 0, stock: 10 })).body;
    const normal = await t.loginMember('mall-md-normal');
    const gold = await t.loginMember('mall-md-gold');
    await t.dataSource.query("UPDATE members SET tier = 'gold' WHERE id = ?", [gold.member.id]);
    const buy = (token: string) => order(token, { items: [{ itemId: product.id, quantity: 1 }] });

    await t.setClock('2026-03-08T02:00:00Z'); // 10:00 on the 8th in Shanghai
    expect((await buy(gold.token)).body).toMatchObject({ cashSubtotalFen: 12000, memberDayDiscountFen: 1800, cashDueFen: 10200 });
    expect((await buy(normal.token)).body).toMatchObject({ memberDayDiscountFen: 600, cashDueFen: 11400 });
    await t.setClock('2026-03-08T16:30:00Z'); // 00:30 on the 9th in Shanghai, still the 8th in UTC
    expect((await buy(gold.token)).body).toMatchObject({ memberDayDiscountFen: 0, cashDueFen: 12000 });
  });

  it('lets the member cancel an unpaid order, and keeps other members out of it', async () => {
    const product = (await createItem({ kind: 'product', name: '马克杯', cashPriceFen: 3900, pointsPrice: 0, stock: 2 })).body;
    const { token } = await t.loginMember('mall-cancel');
    const placed = await order(token, { items: [{ itemId: product.id, quantity: 2 }] });
    expect((await item(product.id)).stock).toBe(0);
    const other = await t.loginMember('mall-other');
    expect((await t.request('GET', `/api/orders/${placed.body.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/orders/${placed.body.id}/cancel`, { token: other.token })).status).toBe(404);
    const cancelled = await t.request('POST', `/api/orders/${placed.body.id}/cancel`, { token });
    expect(cancelled.body).toMatchObject({ status: 'closed', closeReason: 'cancelled' });
    expect((await item(product.id)).stock).toBe(2);
  });

  it('enforces tiers, per-member limits, sale windows and the address for goods', async () => {
    const { token, member } = await t.loginMember('mall-rules');
    await givePoints(member.id, 5000);
    const goldOnly = (await createItem({ name: '金卡礼盒', tiersAllowed: ['gold'] })).body;
    expect((await order(token, { items: [{ itemId: goldOnly.id, quantity: 1 }] })).body.code).toBe('TIER_NOT_ALLOWED');

    const limited = (await createItem({ name: '每人限两件', perMemberLimit: 2 })).body;
    expect((await t.request('POST', '/api/addresses', { token, body: { name: '张三', phone: '123', region: '', detail: '' } })).status).toBe(400);
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '张三', phone: '13800138000', region: '上海市 上海市 浦东新区', detail: '世纪大道 1 号' } })).body;
    expect(address.isDefault).toBe(true);
    expect((await order(token, { items: [{ itemId: limited.id, quantity: 1 }] })).body.code).toBe('ADDRESS_REQUIRED');
    const shipped = await order(token, { items: [{ itemId: limited.id, quantity: 2 }], addressId: address.id });
    expect(shipped.body).toMatchObject({ status: 'to_ship', address: { name: '张三', detail: '世纪大道 1 号' } });
    expect((await order(token, { items: [{ itemId: limited.id, quantity: 1 }], addressId: address.id })).body.code).toBe('LIMIT_REACHED');

    const later = (await createItem({ name: '未开售', saleStartsAt: new Date(Date.now() + 86_400_000 * 400).toISOString() })).body;
    expect((await order(token, { items: [{ itemId: later.id, quantity: 1 }], addressId: address.id })).body.code).toBe('ITEM_NOT_ON_SALE');
    const bad = await t.request('POST', '/api/orders', { token, body: { items: [{ itemId: 'nope', quantity: 0 }], idempotencyKey: 'x' } });
    expect(bad.status).toBe(400);
    expect(await t.count('orders')).toBe(1);
  });

  it('lists the member’s orders by status for the app’s tabs', async () => {
    const product = (await createItem({ kind: 'product', name: '茶杯', cashPriceFen: 1900, pointsPrice: 0, stock: 5 })).body;
    const gift = (await createItem({ name: '贴纸', pointsPrice: 10 })).body;
    const { token, member } = await t.loginMember('mall-tabs');
    await givePoints(member.id, 100);
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '李四', phone: '13800138001', region: '上海市 上海市 徐汇区', detail: '漕溪北路 2 号' } })).body;
    const unpaid = (await order(token, { items: [{ itemId: product.id, quantity: 1 }] })).body;
    const toShip = (await order(token, { items: [{ itemId: gift.id, quantity: 1 }], addressId: address.id })).body;
    const ids = async (status?: string) => (await t.request('GET', `/api/orders${status ? `?status=${status}` : ''}`, { token })).body.items.map((o: { id: string }) => o.id);
    expect(await ids('pending_payment')).toEqual([unpaid.id]);
    expect(await ids('to_ship')).toEqual([toShip.id]);
    expect((await ids('pending_payment,to_ship')).sort()).toEqual([unpaid.id, toShip.id].sort());
    expect(await ids('received,completed')).toEqual([]);
    expect((await ids()).length).toBe(2);
    const bad = await t.request('GET', '/api/orders?status=paid', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['status']);
  });
});
