import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../server/test/harness';
import { TEST_ADMIN } from '../../server/test/harness';
import { launchChromium } from './chromium';
import { startAppWithSites } from './app-under-test';

jest.setTimeout(90_000);

describe('foundation in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startAppWithSites();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  it('the H5 mini-program logs in through the WeChat stand-in and shows the member', async () => {
    const { token } = await t.loginMember('browser-alice');
    await t.request('PATCH', '/api/members/me', { token, body: { nickname: '浏览器小王' } });
    const page = await newPage();
    await page.goto(`${t.baseUrl}/h5/?openid=browser-alice`);
    await page.locator('.member-nickname').filter({ hasText: '浏览器小王' }).waitFor({ timeout: 30_000 });
    await page.locator('.member-tier').filter({ hasText: '普通会员' }).waitFor();
    expect(await page.locator('.member-points').first().innerText()).toContain('0');
    expect(pageErrors).toEqual([]);
  });

  it('a new visitor to the H5 app becomes a new member', async () => {
    const before = await t.count('members');
    const page = await newPage();
    await page.goto(`${t.baseUrl}/h5/`);
    await page.locator('.member-nickname').filter({ hasText: '会员' }).waitFor({ timeout: 30_000 });
    expect(await t.count('members')).toBe(before + 1);
  });

  it('the merchant logs into the admin and finds a member by nickname', async () => {
    const { token } = await t.loginMember('browser-findme');
    await t.request('PATCH', '/api/members/me', { token, body: { nickname: '要找的会员' } });
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${t.baseUrl}/admin/`);
    await page.locator('#username').fill(TEST_ADMIN.username);
    await page.locator('#password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.locator('[data-testid="stat-total-members"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="stat-total-members"]').innerText()).toMatch(/\d/);
    await page.getByText('会员管理').first().click();
    await page.getByPlaceholder('搜索昵称或会员ID').fill('要找的');
    await page.getByPlaceholder('搜索昵称或会员ID').press('Enter');
    const table = page.locator('[data-testid="members-table"]');
    // Wait for the filtered page itself (the previous page stays on screen while it loads).
    await table.getByText('共 1 位会员').waitFor({ timeout: 20_000 });
    await table.getByText('要找的会员').waitFor();
    expect(await table.locator('tbody tr').filter({ hasText: '会员' }).count()).toBe(1);
  });

  it('a wrong admin password shows an error and stays on the login page', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.locator('#username').fill(TEST_ADMIN.username);
    await page.locator('#password').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').first().waitFor({ timeout: 10_000 });
    expect(page.url()).toContain('/admin/login');
  });
});
