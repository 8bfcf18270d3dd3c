import { adminPage, useBrowserFixture } from './browser-fixture';

jest.setTimeout(120_000);

describe('share-to-invite in a real browser', () => {
  const f = useBrowserFixture();

  it('a friend opens the H5 app with an invite code, registers, and the inviter sees the invitation change', async () => {
    const { t, browser } = f;
    await t.setClock('2026-03-12T04:00:00Z');
    const inviter = await t.loginMember('browser-inviter');
    const { inviteCode, nickname: inviterName } = (await t.request('GET', '/api/members/me', { token: inviter.token })).body;

    const inviterPage = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await inviterPage.goto(`${t.baseUrl}/h5/?openid=browser-inviter#/referral/pages/invite/index`);
    await inviterPage.getByText('还没有邀请记录，快去分享吧').waitFor({ timeout: 30_000 });
    await inviterPage.getByText('活动规则').waitFor();

    // The friend arrives through a shared link, as a new user, on their own phone (another screen and
    // user agent: the same device would be refused the inviter's reward): logging in binds them and
    // gives the welcome pack.
    const friendContext = await browser.newContext({
      viewport: { width: 414, height: 896 },
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36',
    });
    const friendPage = await friendContext.newPage();
    await friendPage.goto(`${t.baseUrl}/h5/?openid=browser-friend&inviteCode=${inviteCode}#/pages/index/index`);
    await friendPage.locator('.member-points').filter({ hasText: '50' }).waitFor({ timeout: 30_000 });
    const friend = (await t.request('GET', '/api/members/me', { token: (await t.loginMember('browser-friend')).token })).body;

    await inviterPage.reload();
    const row = inviterPage.locator('.invitation').filter({ hasText: friend.nickname });
    await row.filter({ hasText: '待完成首次签到' }).waitFor({ timeout: 30_000 });

    // The friend's first check-in rewards the inviter once.
    await friendPage.goto(`${t.baseUrl}/h5/?openid=browser-friend#/pages/checkin/index`);
    await friendPage.locator('.checkin-button').click();
    await friendPage.locator('.checkin-reward').waitFor();
    await inviterPage.reload();
    await inviterPage.locator('.invitation').filter({ hasText: friend.nickname }).filter({ hasText: '已获奖励' }).filter({ hasText: '+20' }).waitFor({ timeout: 30_000 });
    await inviterPage.getByText('已邀 1 人 · 共得 20 积分').waitFor();

    // The poster is drawn for the inviter and shown on the page.
    await inviterPage.getByText('生成邀请海报').click();
    await inviterPage.locator('.invite__poster-img img, img.invite__poster-img').first().waitFor({ timeout: 30_000 });
    await friendContext.close();
    void inviterName;
  });

  it('the merchant sees the funnel, the invitation, and previews a new poster slogan', async () => {
    const { t } = f;
    await t.setClock('2026-03-12T04:00:00Z');
    const inviter = await t.loginMember('admin-view-inviter');
    const { inviteCode } = (await t.request('GET', '/api/members/me', { token: inviter.token })).body;
    await t.request('POST', '/api/referrals/shares', { token: inviter.token, body: { channel: 'chat' } });
    await t.request('POST', '/api/referrals/opens', { body: { inviteCode } });
    await t.loginMember('admin-view-friend', inviteCode);

    const page = await adminPage(f, { width: 1280, height: 900 });
    await page.getByText('邀请有礼').first().click();
    await page.locator('[data-testid="referral-funnel"] canvas').waitFor();
    await page.locator('.ant-statistic').filter({ hasText: '近 30 天注册' }).filter({ hasText: '1' }).waitFor();

    await page.getByRole('tab', { name: '邀请记录' }).click();
    await page.locator('.ant-table-row').filter({ hasText: '待达标' }).waitFor();

    await page.getByRole('tab', { name: '规则与新人礼' }).click();
    await page.locator('#poster_slogan').fill('好友同行，积分翻倍');
    await page.getByRole('button', { name: /预览海报/ }).click();
    await page.locator('[data-testid="poster-preview"]').waitFor();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('邀请规则已保存').waitFor();
    const saved = (await t.request('GET', '/api/admin/referrals/settings', { token: await t.adminToken() })).body;
    expect(saved.poster.slogan).toBe('好友同行，积分翻倍');
  });
});
