import { adminPage as openAdmin, useBrowserFixture } from './browser-fixture';

jest.setTimeout(90_000);

describe('loyalty in a real browser', () => {
  const f = useBrowserFixture();
  const adminPage = () => openAdmin(f);

  it('the merchant adjusts a member’s points with a reason, and the shopper sees the new balance', async () => {
    const { t, browser } = f;
    const { token } = await t.loginMember('browser-points');
    await t.request('PATCH', '/api/members/me', { token, body: { nickname: '积分会员' } });
    const page = await adminPage();
    await page.getByText('会员管理').first().click();
    await page.locator('[data-testid="members-table"]').getByText('积分会员').click();
    await page.getByPlaceholder('+100 或 -50').fill('120');
    await page.getByPlaceholder('调整原因（必填）').fill('客诉补偿');
    await page.getByRole('button', { name: '调整积分' }).click();
    await page.locator('.ant-drawer').getByText('客诉补偿').waitFor();
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(120);

    const h5 = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await h5.goto(`${t.baseUrl}/h5/?openid=browser-points`);
    await h5.locator('.member-points').filter({ hasText: '120' }).waitFor();
    await h5.locator('.tier-next').filter({ hasText: '再得 1000 成长值升级银卡会员' }).waitFor();
  });

  it('the merchant refuses non-increasing tier thresholds in the admin', async () => {
    const { t } = f;
    const page = await adminPage();
    await page.getByText('会员等级').first().click();
    const gold = page.locator('[data-testid="threshold-gold"] input, input[data-testid="threshold-gold"]').first();
    await gold.waitFor();
    await gold.fill('500');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/等级门槛无效/).first().waitFor();
    expect((await t.request('GET', '/api/admin/tiers', { token: await t.adminToken() })).body.thresholds.gold).toBe(5000);
  });
});
