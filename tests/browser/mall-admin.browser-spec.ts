import { randomUUID } from 'node:crypto';
import { adminPage as openAdmin, pngFile, useBrowserFixture } from './browser-fixture';

jest.setTimeout(120_000);

describe('mall admin in a real browser', () => {
  const f = useBrowserFixture();

  it('the merchant creates an item with an image, ships a paid goods order with a waybill, and sees the sales chart', async () => {
    const { t } = f;
    // A member's goods order, paid through the stand-in's pay action.
    const admin = await t.adminToken();
    const lamp = (await t.request('POST', '/api/admin/mall/items', { token: admin, body: { kind: 'goods', name: '露营灯', cashPriceFen: 5900, pointsPrice: 0, stock: 10 } })).body;
    const { token } = await t.loginMember('browser-ship');
    const address = (await t.request('POST', '/api/addresses', { token, body: { name: '王五', phone: '13900139000', region: '上海市 上海市 浦东新区', detail: '世纪大道 100 号' } })).body;
    const order = (await t.request('POST', '/api/orders', { token, body: { idempotencyKey: randomUUID(), items: [{ itemId: lamp.id, quantity: 1 }], addressId: address.id } })).body;
    const paid = await fetch(`${t.sandbox.url}/__sandbox/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ out_trade_no: order.id.replace(/-/g, '') }) });
    expect(paid.status).toBe(200);
    for (let i = 0; i < 100 && (await t.request('GET', `/api/orders/${order.id}`, { token })).body.status !== 'to_ship'; i++) await new Promise((r) => setTimeout(r, 50));

    const page = await openAdmin(f);

    // 商品管理: a new item with a cover image, priced in yuan and points.
    await page.getByText('商品管理').first().click();
    await page.getByRole('button', { name: /新建商品/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建商品' });
    await modal.locator('[data-testid="item-name-input"]').fill('户外折叠椅');
    await modal.locator('input[type="file"]').setInputFiles(pngFile('chair.png'));
    await modal.locator('[data-testid="item-image"]').waitFor();
    await modal.locator('input[data-testid="item-cash"], [data-testid="item-cash"] input').first().fill('99.5');
    await modal.locator('input[data-testid="item-points"], [data-testid="item-points"] input').first().fill('100');
    await modal.locator('input[data-testid="item-stock"], [data-testid="item-stock"] input').first().fill('20');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.locator('[data-testid="item-name"]').filter({ hasText: '户外折叠椅' }).waitFor();
    const created = (await t.request('GET', '/api/admin/mall/items', { token: admin })).body.items.find((i: { name: string }) => i.name === '户外折叠椅');
    expect(created).toMatchObject({ kind: 'goods', cashPriceFen: 9950, pointsPrice: 100, stock: 20, status: 'on', imageUrls: [expect.stringMatching(/^\/media\/[0-9a-f]{64}\.png$/)] });
    expect((await fetch(`${t.baseUrl}${created.imageUrls[0]}`)).headers.get('content-type')).toContain('image/png');

    // 订单管理: ship the paid order with SF and a waybill number.
    await page.getByText('订单管理').first().click();
    await page.getByRole('button', { name: /发\s*货/ }).first().click();
    const ship = page.locator('.ant-modal').filter({ hasText: '快递单号' });
    await ship.locator('[data-testid="express-company"]').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '顺丰速运' }).click();
    await ship.locator('[data-testid="tracking-no"]').fill('SF1234567890');
    await ship.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.locator('[data-testid="order-status"]').filter({ hasText: '已发货' }).waitFor();
    expect((await t.request('GET', `/api/orders/${order.id}`, { token })).body).toMatchObject({ status: 'shipped', expressCompany: 'SF', trackingNo: 'SF1234567890', shippingUpload: 'uploaded' });
    expect(t.sandbox.state.shipments.map((s) => s.body.shipping_list[0].tracking_no)).toEqual(['SF1234567890']);

    // 销售数据: the paid order is counted and charted.
    await page.getByText('销售数据').first().click();
    await page.locator('[data-testid="sales-orders"]').filter({ hasText: '1' }).waitFor();
    await page.locator('[data-testid="sales-chart"] canvas').waitFor();
    await page.locator('.ant-table').getByText('露营灯').waitFor();
  });
});
