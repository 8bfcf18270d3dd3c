import type { Page } from 'playwright-core';
import { useBrowserFixture } from './browser-fixture';

jest.setTimeout(120_000);

describe('the points mall in a real browser', () => {
  const f = useBrowserFixture();
  const admin = () => f.t.adminToken();
  const givePoints = async (memberId: string, delta: number) =>
    f.t.request('POST', `/api/admin/members/${memberId}/points/adjustments`, { token: await admin(), body: { delta, note: '测试积分' } });
  const openMall = async (openid: string): Promise<Page> => {
    const page = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${f.t.baseUrl}/h5/?openid=${openid}#/pages/mall/index`);
    return page;
  };

  it('the shopper redeems a coupon for points: the balance drops and the coupon is in the wallet', async () => {
    const { t } = f;
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: await admin(), body: { name: '满50减5', kind: 'amount', amountOffFen: 500, thresholdFen: 5000, validDays: 30, perMemberLimit: 5 } })).body;
    await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'coupon', name: '满50减5元券', category: '优惠券', pointsPrice: 200, cashPriceFen: 0, stock: 10, couponTemplateId: template.id } });
    await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'goods', name: '金卡礼盒', category: '会员专享', pointsPrice: 900, cashPriceFen: 0, stock: 5, tiersAllowed: ['gold', 'diamond'] } });
    const { token, member } = await t.loginMember('browser-mall-coupon');
    await givePoints(member.id, 500);

    const page = await openMall('browser-mall-coupon');
    await page.locator('.mall-balance').filter({ hasText: '500' }).waitFor({ timeout: 30_000 });
    await page.locator('.mall-card').filter({ hasText: '金卡礼盒' }).locator('.mall-badge').filter({ hasText: '金卡及以上专享' }).waitFor();
    await page.locator('.mall-card').filter({ hasText: '满50减5元券' }).filter({ hasText: '200积分' }).click();
    await page.locator('.item-name').filter({ hasText: '满50减5元券' }).waitFor();
    await page.locator('.item-buy').filter({ hasText: '立即兑换' }).click();
    await page.locator('.checkout-total-points').filter({ hasText: '200' }).waitFor();
    await page.locator('.checkout-submit').filter({ hasText: '确认兑换' }).click();
    await page.locator('.order-head__status').filter({ hasText: '已完成' }).waitFor();

    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(300);
    expect((await t.request('GET', '/api/coupons', { token })).body.items).toMatchObject([{ name: '满50减5', state: 'unused' }]);
    // The shopper sees both: the lower balance on the mall tab and the coupon in the wallet.
    await page.goto(`${t.baseUrl}/h5/?openid=browser-mall-coupon#/pages/mall/index`);
    await page.locator('.mall-balance').filter({ hasText: '300' }).waitFor();
    await page.goto(`${t.baseUrl}/h5/?openid=browser-mall-coupon#/member/pages/coupons/index`);
    await page.locator('.coupon__name').filter({ hasText: '满50减5' }).waitFor();
  });

  it('the shopper buys goods with points + cash, adding an address and paying on the WeChat stand-in’s pay page', async () => {
    const { t } = f;
    const bag = (await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'goods', name: '会员帆布袋', category: '周边', pointsPrice: 100, cashPriceFen: 2000, stock: 10 } })).body;
    const { token, member } = await t.loginMember('browser-mall-pay');
    await givePoints(member.id, 1000);

    const page = await openMall('browser-mall-pay');
    await page.locator('.mall-card').filter({ hasText: '会员帆布袋' }).filter({ hasText: '100积分 + ¥20' }).click();
    await page.locator('.item-buy').filter({ hasText: '立即购买' }).click();

    // No address yet: add one through the address book, then pick it.
    await page.locator('.checkout-address__empty').click();
    await page.locator('.addresses__add').click();
    await page.locator('input[placeholder="姓名"]').fill('王小明');
    await page.locator('input[placeholder="11 位手机号"]').fill('13800138000');
    await page.locator('input[placeholder="省 市 区"]').fill('上海市 上海市 浦东新区');
    await page.locator('input[placeholder="街道、门牌号"]').fill('世纪大道 100 号');
    await page.locator('taro-button-core').filter({ hasText: '保存' }).click();
    await page.locator('.address').filter({ hasText: '世纪大道 100 号' }).locator('.address__body').click();
    await page.locator('.checkout-address__who').filter({ hasText: '王小明 13800138000' }).waitFor();

    // Points pay at most half the cash: 20 yuan → 10 yuan → 200 points (the items' own 100 come first).
    await page.locator('.checkout-points-max').click();
    await page.locator('.checkout-points-value').filter({ hasText: '200 积分抵 ¥10' }).waitFor();
    await page.locator('.checkout-due').filter({ hasText: '实付 ¥10 + 300积分' }).waitFor();
    await page.locator('.checkout-submit').filter({ hasText: '提交订单并支付' }).click();

    // The stand-in's pay page, on its own origin. Cancelled at first: back to the unpaid order.
    await page.waitForURL((url) => url.pathname === '/__sandbox/pay-page');
    await page.locator('[data-testid="pay-amount"]').filter({ hasText: '¥10.00' }).waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    await page.locator('.order-head__status').filter({ hasText: '待支付' }).waitFor();
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(700); // held for the order

    // 去支付 opens the pay page again for the same transaction; this time the shopper pays.
    await page.locator('taro-button-core').filter({ hasText: '去支付' }).click();
    await page.waitForURL((url) => url.pathname === '/__sandbox/pay-page');
    await page.getByRole('button', { name: '确认支付' }).click();

    await page.waitForURL((url) => url.origin === t.baseUrl && url.hash.startsWith('#/mall/pages/order/index'));
    await page.locator('.order-head__status').filter({ hasText: '已支付/待发货' }).waitFor({ timeout: 30_000 });
    await page.locator('.order-address__who').filter({ hasText: '王小明' }).waitFor();

    const orders = (await t.request('GET', '/api/orders', { token })).body.items;
    expect(orders).toMatchObject([{ status: 'to_ship', pointsUsed: 300, pointsValueFen: 1000, cashDueFen: 1000, address: { name: '王小明', detail: '世纪大道 100 号' }, lines: [{ itemId: bag.id, quantity: 1 }] }]);
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(700);

    // The order list shows it under 待发货.
    await page.goto(`${t.baseUrl}/h5/?openid=browser-mall-pay#/mall/pages/orders/index`);
    await page.locator('.order-tab').filter({ hasText: '待发货' }).click();
    await page.locator('.order-card').filter({ hasText: '会员帆布袋 × 1' }).filter({ hasText: '已支付/待发货' }).waitFor();
  });

  it('the shopper cancels an unpaid order and gets the held points back', async () => {
    const { t } = f;
    const cup = (await t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'product', name: '马克杯', pointsPrice: 0, cashPriceFen: 3900, stock: 3 } })).body;
    const { token, member } = await t.loginMember('browser-mall-cancel');
    await givePoints(member.id, 500);
    const placed = (await t.request('POST', '/api/orders', { token, body: { items: [{ itemId: cup.id, quantity: 1 }], pointsToUse: 300, idempotencyKey: 'browser-cancel-1' } })).body;
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(200);

    const page = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${t.baseUrl}/h5/?openid=browser-mall-cancel#/mall/pages/order/index?id=${placed.id}`);
    await page.locator('.order-head__status').filter({ hasText: '待支付' }).waitFor({ timeout: 30_000 });
    await page.locator('taro-button-core').filter({ hasText: '取消订单' }).click();
    await page.getByText('确定取消').click();
    await page.locator('.order-head__status').filter({ hasText: '已关闭' }).waitFor();
    expect((await t.request('GET', `/api/orders/${placed.id}`, { token })).body).toMatchObject({ status: 'closed', closeReason: 'cancelled' });
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(500);
  });

  it('the shopper edits the address book: default, edit and delete', async () => {
    const { t } = f;
    const { token } = await t.loginMember('browser-mall-book');
    const home = (await t.request('POST', '/api/addresses', { token, body: { name: '赵一', phone: '13800138011', region: '上海市 上海市 黄浦区', detail: '南京东路 1 号' } })).body;
    const office = (await t.request('POST', '/api/addresses', { token, body: { name: '赵一', phone: '13800138011', region: '上海市 上海市 静安区', detail: '南京西路 2 号' } })).body;

    const page = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${t.baseUrl}/h5/?openid=browser-mall-book#/mall/pages/addresses/index`);
    const card = (id: string) => page.locator(`.address[data-address-id="${id}"]`);
    await card(home.id).locator('.address__default').waitFor({ timeout: 30_000 });
    await card(office.id).locator('.address__action').filter({ hasText: '设为默认' }).click();
    await card(office.id).locator('.address__default').waitFor();
    await expect(card(home.id).locator('.address__default').count()).resolves.toBe(0);

    await card(home.id).locator('.address__action').filter({ hasText: '编辑' }).click();
    const detail = page.locator('input[placeholder="街道、门牌号"]');
    // The form fills in once the address has loaded.
    for (let i = 0; i < 100 && (await detail.inputValue()) !== '南京东路 1 号'; i++) await page.waitForTimeout(50);
    expect(await detail.inputValue()).toBe('南京东路 1 号');
    await detail.fill('南京东路 100 号');
    await page.locator('taro-button-core').filter({ hasText: '保存' }).click();
    await card(home.id).filter({ hasText: '南京东路 100 号' }).waitFor();

    await card(office.id).locator('.address__action').filter({ hasText: '删除' }).click();
    await page.locator('.taro-modal__foot').getByText('删除').click();
    await card(office.id).waitFor({ state: 'detached' });
    // The remaining address became the default.
    await card(home.id).locator('.address__default').waitFor();
    expect((await t.request('GET', '/api/addresses', { token })).body.items).toMatchObject([{ id: home.id, detail: '南京东路 100 号', isDefault: true }]);
  });
});
