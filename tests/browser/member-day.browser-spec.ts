import { adminPage, pngFile, useBrowserFixture } from './browser-fixture';

jest.setTimeout(120_000);

describe('member-day banners in a real browser', () => {
  const f = useBrowserFixture();

  it('the merchant makes a coupon banner with a live preview, and a shopper claims the coupon by tapping it on home', async () => {
    const { t } = f;
    const admin = await t.adminToken();
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: admin, body: { name: '横幅专享满30减5', kind: 'amount', amountOffFen: 500, thresholdFen: 3000, validDays: 7 } })).body;

    const page = await adminPage(f, { width: 1280, height: 900 });
    await page.getByText('会员日').first().click();
    await page.getByRole('button', { name: /新建横幅/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建横幅' });
    await modal.locator('input[type="file"]').setInputFiles(pngFile('banner.png', 750, 280, '#c62828'));
    await modal.locator('[data-testid="banner-preview"] img').waitFor();
    await modal.locator('.ant-form-item').filter({ hasText: '标题' }).locator('input').fill('领券啦');
    // The preview follows the title as it is typed.
    await modal.locator('[data-testid="banner-preview"]').filter({ hasText: '领券啦' }).waitFor();
    await modal.locator('.ant-form-item').filter({ hasText: '跳转类型' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '领券' }).click();
    await modal.locator('.ant-form-item').filter({ hasText: '领取的优惠券' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '横幅专享满30减5' }).click();
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('横幅已保存').waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '领券：横幅专享满30减5' }).waitFor();
    const [saved] = (await t.request('GET', '/api/admin/member-day/banners', { token: admin })).body.items;
    expect(saved).toMatchObject({ title: '领券啦', targetType: 'coupon', targetValue: template.id, imageUrl: expect.stringMatching(/^\/media\/[0-9a-f]{64}\.png$/) });

    // The merchant edits the title in place.
    await page.locator('.ant-table-row').filter({ hasText: '领券啦' }).getByRole('button', { name: /编\s*辑/ }).click();
    const editor = page.locator('.ant-modal').filter({ hasText: '编辑横幅' });
    await editor.locator('.ant-form-item').filter({ hasText: '标题' }).locator('input').fill('会员领券');
    await editor.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.locator('.ant-table-row').filter({ hasText: '会员领券' }).waitFor();
    expect((await t.request('GET', '/api/admin/member-day/banners', { token: admin })).body.items).toEqual([expect.objectContaining({ id: saved.id, title: '会员领券' })]);

    // The shopper sees it on home and taps it: the coupon lands in the wallet, once.
    const { token } = await t.loginMember('browser-banner');
    const app = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    await app.goto(`${t.baseUrl}/h5/?openid=browser-banner#/pages/index/index`);
    const slide = app.locator('.member-day__title').filter({ hasText: '会员领券' }).filter({ visible: true }).first();
    await slide.waitFor({ timeout: 30_000 });
    await slide.click();
    await app.getByText('领取成功，可在我的优惠券查看').waitFor();
    expect((await t.request('GET', '/api/coupons', { token })).body.items).toEqual([expect.objectContaining({ name: '横幅专享满30减5', source: 'banner' })]);
    await app.getByText('领取成功，可在我的优惠券查看').waitFor({ state: 'hidden' });
    await slide.click();
    await app.getByText('您已领过，可在我的优惠券查看').waitFor();
    expect((await t.request('GET', '/api/coupons', { token })).body.items).toHaveLength(1);
  });
});
