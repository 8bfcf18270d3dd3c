import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { useBrowserFixture } from './browser-fixture';
import { audienceFixtures } from '../../server/src/audiences/audience-fixtures';
import { insertCampaign, insertSend } from '../../server/test/campaign-fixtures';
import { sqlTime } from '../../server/test/member-fixtures';
import type { TestApp } from '../../server/test/harness';

jest.setTimeout(120_000);

const NOW = '2026-06-15T04:00:00Z';

async function insertNotice(t: TestApp, memberId: string, n: { kind: string; ref: string; title: string; body: string; page: string | null; createdAt: string }): Promise<string> {
  const id = randomUUID();
  await t.dataSource.query('INSERT INTO member_notices (id, member_id, kind, ref, title, body, page, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)', [
    id, memberId, n.kind, n.ref, n.title, n.body, n.page, sqlTime(n.createdAt),
  ]);
  return id;
}

async function until(probe: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await probe()) return true;
  return false;
}

describe('message centre and bought-together in a real browser', () => {
  const f = useBrowserFixture();
  const admin = () => f.t.adminToken();
  const open = async (openid: string, route: string): Promise<Page> => {
    const page = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${f.t.baseUrl}/h5/?openid=${openid}#/${route}`);
    return page;
  };
  const createItem = async (name: string, pointsPrice: number, cashPriceFen: number): Promise<string> =>
    (await f.t.request('POST', '/api/admin/mall/items', { token: await admin(), body: { kind: 'product', name, category: '饮品', pointsPrice, cashPriceFen, stock: 50 } })).body.id;

  beforeAll(async () => {
    await f.t.setClock(NOW);
  });

  it('the item page shows 常一起购买 partners from the predictions job, and a tap opens the partner', async () => {
    const { t } = f;
    const milk = await createItem('鲜牛奶', 0, 1500);
    const cereal = await createItem('燕麦片', 120, 990);
    const tea = await createItem('乌龙茶', 0, 2500);
    const fx = audienceFixtures(t.dataSource);
    // Milk and cereal share three baskets; tea shares one with milk (below the two-basket minimum).
    for (const [i, basket] of [[milk, cereal], [milk, cereal], [milk, cereal, tea], [tea]].entries()) {
      const { member } = await t.loginMember(`bt-buyer-${i}`);
      await fx.order(member.id, `2026-06-0${i + 1}T02:00:00Z`, basket, 3000);
    }
    expect((await t.runJob('predictions')).ran).toBe(true);
    await t.loginMember('bt-shopper');

    const page = await open('bt-shopper', `mall/pages/item/index?id=${milk}`);
    const row = page.locator('.bought-together');
    await row.locator('.bought-together__title').filter({ hasText: '常一起购买' }).waitFor({ timeout: 30_000 });
    const partner = row.locator(`.bought-together__item[data-item-id="${cereal}"]`);
    await partner.filter({ hasText: '燕麦片' }).filter({ hasText: '120积分 + ¥9.90' }).waitFor();
    expect(await row.locator('.bought-together__item').count()).toBe(1);

    await partner.click();
    await page.locator('.item-name').filter({ hasText: '燕麦片' }).waitFor();
    // The partner's own page lists milk back.
    await page.locator(`.bought-together__item[data-item-id="${milk}"]`).filter({ hasText: '鲜牛奶' }).waitFor();

    // An item without partners has no row at all.
    const teaPage = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    const answered = teaPage.waitForResponse((r) => r.url().includes(`/api/mall/items/${tea}/bought-together`));
    await teaPage.goto(`${t.baseUrl}/h5/?openid=bt-shopper#/mall/pages/item/index?id=${tea}`);
    await teaPage.locator('.item-name').filter({ hasText: '乌龙茶' }).waitFor({ timeout: 30_000 });
    expect((await (await answered).json()).items).toEqual([]);
    expect(await teaPage.locator('.bought-together').count()).toBe(0);
  });

  it('the message centre lists notices; opening one marks it read and clears the unread badge', async () => {
    const { t } = f;
    const { token, member } = await t.loginMember('mc-notices');
    const campaignId = await insertCampaign(t, { name: '周末回访', offerKind: 'points', offerPoints: 30 });
    const sendId = await insertSend(t, { campaignId, memberId: member.id, offerKind: 'points', offerPoints: 30, sentAt: NOW });
    await insertNotice(t, member.id, { kind: 'checkin_reminder', ref: '2026-06-14', title: '今天还没签到哦', body: '签到领积分', page: 'pages/checkin/index', createdAt: '2026-06-14T02:00:00Z' });
    await insertNotice(t, member.id, { kind: 'campaign', ref: sendId, title: '送你 30 积分', body: '回来看看吧', page: `pages/index/index?campaignSend=${sendId}`, createdAt: NOW });

    let page = await open('mc-notices', 'pages/me/index');
    await page.locator('.me__messages .me__badge').filter({ hasText: '2' }).waitFor({ timeout: 30_000 });
    await page.locator('.me__messages').click();
    await page.locator('.messages-unread').filter({ hasText: '2' }).waitFor();
    const notice = (title: string) => page.locator('.notice').filter({ hasText: title });
    await notice('今天还没签到哦').locator('.notice__dot').waitFor();
    expect(await page.locator('.notice--unread').count()).toBe(2);

    // The check-in reminder opens the check-in tab and is read from then on.
    await notice('今天还没签到哦').click();
    await page.locator('.checkin-streak').waitFor();
    // A fresh load of the app (the H5 router keeps earlier page instances in the DOM).
    page = await open('mc-notices', 'messages/pages/index/index');
    await page.locator('.messages-unread').filter({ hasText: '1' }).waitFor({ timeout: 30_000 });
    expect(await notice('今天还没签到哦').locator('.notice__dot').count()).toBe(0);

    // The campaign notice opens the home tab, and counts as an open of that campaign send.
    const [send0] = await t.dataSource.query('SELECT opened_at FROM campaign_sends WHERE id = ?', [sendId]);
    expect(send0.opened_at).toBeNull();
    await notice('送你 30 积分').click();
    await page.locator('.member-nickname').waitFor();
    expect(await until(async () => !!(await t.dataSource.query('SELECT opened_at FROM campaign_sends WHERE id = ?', [sendId]))[0].opened_at)).toBe(true);

    // No unread left: the 我的 page shows no badge and the server agrees.
    page = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    const counted = page.waitForResponse((r) => r.url().includes('/api/notices?'));
    await page.goto(`${t.baseUrl}/h5/?openid=mc-notices#/pages/me/index`);
    expect((await (await counted).json()).unread).toBe(0);
    await page.locator('.me__messages').waitFor({ timeout: 30_000 });
    expect(await page.locator('.me__messages .me__badge').count()).toBe(0);
    const list = (await t.request('GET', '/api/notices', { token })).body;
    expect(list).toMatchObject({ unread: 0, total: 2 });
  });

  it('the member claims a coupon offer into the wallet and a points offer, and subscribes to offer reminders', async () => {
    const { t } = f;
    const { token, member } = await t.loginMember('mc-offers');
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: await admin(), body: { name: '满100减10', kind: 'amount', amountOffFen: 1000, thresholdFen: 10000, validDays: 30 } })).body;
    const couponCampaign = await insertCampaign(t, { name: '回流券', offerKind: 'coupon', couponTemplateId: template.id });
    const pointsCampaign = await insertCampaign(t, { name: '积分礼', offerKind: 'points', offerPoints: 80 });
    const couponSend = await insertSend(t, { campaignId: couponCampaign, memberId: member.id, offerKind: 'coupon', couponTemplateId: template.id, sentAt: NOW });
    const pointsSend = await insertSend(t, { campaignId: pointsCampaign, memberId: member.id, offerKind: 'points', offerPoints: 80, sentAt: '2026-06-14T04:00:00Z' });

    const page = await open('mc-offers', 'messages/pages/index/index?tab=offers');
    const offer = (sendId: string) => page.locator(`.offer[data-send-id="${sendId}"]`);
    await offer(couponSend).filter({ hasText: '¥10' }).filter({ hasText: '满100减10' }).waitFor({ timeout: 30_000 });
    await offer(pointsSend).filter({ hasText: '80积分' }).waitFor();

    await offer(couponSend).locator('.offer__claim').filter({ hasText: '领取' }).click();
    await offer(couponSend).locator('.offer__claimed').filter({ hasText: '已领取' }).waitFor();
    expect(await offer(couponSend).locator('.offer__claim').count()).toBe(0);
    expect((await t.request('GET', '/api/coupons', { token })).body.items).toMatchObject([{ name: '满100减10', state: 'unused' }]);

    await offer(pointsSend).locator('.offer__claim').click();
    await offer(pointsSend).locator('.offer__claimed').waitFor();
    expect((await t.request('GET', '/api/members/me', { token })).body.points).toBe(80);
    expect(await offer(pointsSend).locator('.offer__use').count()).toBe(0);

    // Opt in to the 'campaign' subscribe message (the H5 stand-in asks with a dialog).
    await page.locator('.messages-subscribe').click();
    await page.getByText('好的').click();
    await page.locator('.messages-subscribe').filter({ hasText: '还可提醒您 1 次' }).waitFor();
    expect((await t.request('GET', '/api/subscriptions', { token })).body.credits).toMatchObject({ campaign: 1 });

    // 去使用 leads to the wallet, where the claimed coupon waits.
    await offer(couponSend).locator('.offer__use').filter({ hasText: '去使用' }).click();
    await page.locator('.coupon__name').filter({ hasText: '满100减10' }).waitFor();

    // Reloaded, the offers stay claimed.
    const again = await open('mc-offers', 'messages/pages/index/index?tab=offers');
    const offerAgain = (sendId: string) => again.locator(`.offer[data-send-id="${sendId}"]`);
    await offerAgain(couponSend).locator('.offer__claimed').waitFor({ timeout: 30_000 });
    await offerAgain(pointsSend).locator('.offer__claimed').waitFor();
  });

  it('opening the app from a campaign message link records the open once', async () => {
    const { t } = f;
    const { member } = await t.loginMember('mc-open');
    const campaignId = await insertCampaign(t, { offerKind: 'points', offerPoints: 10 });
    const sendId = await insertSend(t, { campaignId, memberId: member.id, offerKind: 'points', offerPoints: 10, sentAt: NOW });
    const page = await f.browser.newPage({ viewport: { width: 390, height: 844 } });
    const opens: string[] = [];
    page.on('request', (r) => r.url().includes(`/api/campaign-offers/${sendId}/open`) && opens.push(r.method()));
    await page.goto(`${t.baseUrl}/h5/?openid=mc-open#/pages/index/index?campaignSend=${sendId}`);
    await page.locator('.member-nickname').waitFor({ timeout: 30_000 });
    expect(await until(async () => !!(await t.dataSource.query('SELECT opened_at FROM campaign_sends WHERE id = ?', [sendId]))[0].opened_at)).toBe(true);
    await page.locator('.home__link').first().click();
    await page.waitForTimeout(300);
    expect(opens).toEqual(['POST']);
  });
});
