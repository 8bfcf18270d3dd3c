import { adminPage, useBrowserFixture } from './browser-fixture';

jest.setTimeout(90_000);

describe('check-in in a real browser', () => {
  const f = useBrowserFixture();

  it('the shopper checks in from the H5 app and sees the calendar and points update', async () => {
    const { t, browser } = f;
    await t.setClock('2026-03-12T04:00:00Z');
    await t.loginMember('browser-checkin');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${t.baseUrl}/h5/?openid=browser-checkin#/pages/checkin/index`);
    await page.locator('.checkin-streak').filter({ hasText: '已连续签到 0 天' }).waitFor({ timeout: 30_000 });
    await page.locator('.cal-day[data-date="2026-03-12"].cal-day--today').waitFor();
    await page.locator('.checkin-button').click();
    await page.locator('.checkin-reward').filter({ hasText: '+5积分' }).waitFor();
    await page.locator('.cal-day[data-date="2026-03-12"].cal-day--checked').waitFor();
    await page.locator('.checkin-streak').filter({ hasText: '已连续签到 1 天' }).waitFor();
    await page.locator('.checkin-button').filter({ hasText: '今日已签到' }).waitFor();
    await page.locator('.next-reward').filter({ hasText: '再签 6 天得 20积分' }).waitFor();
    const { token } = await t.loginMember('browser-checkin');
    const { body } = await t.request('GET', '/api/checkins/calendar?month=2026-03', { token });
    expect(body).toMatchObject({ checkedInToday: true, streak: 1 });

    // One tap opts in to both reminders (the H5 stand-in of the subscribe dialog asks once).
    await page.locator('.checkin-remind').click();
    await page.getByText('好的').click();
    await page.locator('.checkin-remind').filter({ hasText: '还可提醒 1 次' }).waitFor();
    expect((await t.request('GET', '/api/subscriptions', { token })).body.credits).toMatchObject({ checkin_reminder: 1, member_day: 1 });
  });

  it('the merchant sees the check-in chart and changes the base points', async () => {
    const { t } = f;
    const page = await adminPage(f, { width: 1280, height: 900 });
    await page.getByText('签到设置').first().click();
    await page.locator('[data-testid="checkin-chart"] canvas').waitFor();
    const base = page.locator('#ladder_basePoints');
    await base.fill('8');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('签到规则已保存').waitFor();
    expect((await t.request('GET', '/api/admin/checkins/settings', { token: await t.adminToken() })).body.ladder.basePoints).toBe(8);
  });
});
