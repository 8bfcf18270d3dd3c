import type { Page } from 'playwright-core';
import { adminPage, useBrowserFixture } from './browser-fixture';
import { audienceFixtures } from '../../server/src/audiences/audience-fixtures';
import { insertSend } from '../../server/test/campaign-fixtures';

jest.setTimeout(150_000);

/** Picks an option of the antd Select labelled `label`. */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: label }) }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe('campaigns in the admin (browser)', () => {
  const f = useBrowserFixture();

  it('creates a campaign with an audience, a trigger and a coupon, activates it, and shows its results against the holdout', async () => {
    const { t } = f;
    await t.setClock('2026-06-15T04:00:00Z');
    const owner = await t.adminToken();
    const audience = (await t.request('POST', '/api/admin/audiences', { token: owner, body: { name: '金卡会员', rules: [{ kind: 'tier', in: ['gold'] }] } })).body;
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: owner, body: { name: '满50减5', kind: 'amount', amountOffFen: 500, thresholdFen: 5000, validDays: 30, perMemberLimit: 5 } })).body;
    const fx = audienceFixtures(t.dataSource);
    const gold = [];
    for (let i = 0; i < 6; i++) gold.push(await fx.member(`金${i}`, { tier: 'gold', joinedAt: new Date('2025-01-01T00:00:00Z') }));

    const page = await adminPage(f, { width: 1400, height: 1000 });
    await page.getByText('营销活动', { exact: true }).first().click();
    await page.getByRole('button', { name: /新建活动/ }).click();
    await page.getByPlaceholder('如：积分到期提醒').fill('积分到期提醒');
    await choose(page, '受众', '金卡会员（6 人）');
    await choose(page, '触发方式', '积分即将过期');
    await page.getByLabel('过期时间').fill('14');
    await choose(page, '优惠券模板', '满50减5');
    await page.getByPlaceholder('如：您的积分即将过期').fill('积分快过期啦');
    await page.getByPlaceholder('如：送您一张无门槛券，快来用掉积分吧').fill('送您一张满50减5券');
    await page.getByLabel('对照组比例').fill('20');
    await page.getByLabel('归因窗口').fill('5');
    await page.locator('[data-testid="campaign-save"]').click();

    const row = page.locator('tr').filter({ hasText: '积分到期提醒' });
    await row.filter({ hasText: '草稿' }).filter({ hasText: '14 天内有积分过期' }).filter({ hasText: '金卡会员' }).filter({ hasText: '优惠券：满50减5' }).waitFor();
    const [saved] = (await t.request('GET', '/api/admin/campaigns', { token: owner })).body.items;
    expect(saved).toMatchObject({
      name: '积分到期提醒', status: 'draft', audienceId: audience.id, trigger: { kind: 'pointsExpiring', withinDays: 14 },
      offer: { kind: 'coupon', couponTemplateId: template.id }, message: { title: '积分快过期啦', body: '送您一张满50减5券', page: null, recommendPartnerItem: false },
      holdoutPct: 20, attributionDays: 5, startsAt: null, endsAt: null,
    });
    await row.locator(`[data-testid="campaign-counts-${saved.id}"]`).filter({ hasText: '0 / 0' }).waitFor();
    await row.getByRole('button', { name: /启\s*用/ }).click();
    await row.filter({ hasText: '进行中' }).waitFor();
    await row.getByRole('button', { name: /暂\s*停/ }).waitFor();

    // Four members treated on 06-10, two held out; two treated members paid within the 5 days.
    for (const [i, memberId] of gold.entries()) {
      await insertSend(t, { campaignId: saved.id, memberId, status: i < 4 ? 'sent' : 'holdout', offerKind: 'coupon', couponTemplateId: template.id, sentAt: '2026-06-10T04:00:00Z' });
    }
    await fx.order(gold[0], '2026-06-11T04:00:00Z', [], 3000);
    await fx.order(gold[1], '2026-06-12T04:00:00Z', [], 5000);
    await fx.order(gold[4], '2026-06-20T04:00:00Z', [], 9900);
    const results = (await t.request('GET', `/api/admin/campaigns/${saved.id}/results`, { token: owner })).body;

    await page.reload();
    await row.locator(`[data-testid="campaign-counts-${saved.id}"]`).filter({ hasText: '4 / 2' }).waitFor();
    await row.getByRole('button', { name: /效\s*果/ }).click();
    await page.waitForURL(new RegExp(`/admin/campaigns\\?results=${saved.id}$`));
    const stat = (id: string, value: string) => page.locator(`[data-testid="${id}"] .ant-statistic-content`).filter({ hasText: new RegExp(`^${value}$`) }).waitFor();
    await stat('result-audience', '6');
    await stat('result-sent', '4');
    await stat('result-holdout', '2');
    await page.locator('[data-testid="conversion-treated"]').filter({ hasText: '50.0%' }).waitFor();
    await page.locator('[data-testid="conversion-holdout"]').filter({ hasText: '0.0%' }).waitFor();
    await page.locator('[data-testid="revenue-treated"]').filter({ hasText: '¥80.00' }).waitFor();
    await page.locator('[data-testid="revenue-holdout"]').filter({ hasText: '¥0.00' }).waitFor();
    const lift = page.locator('[data-testid="campaign-lift"]');
    const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} 个百分点`;
    expect(results.lift.difference).toBeCloseTo(0.5, 10);
    await lift.filter({ hasText: '+50.0 个百分点' }).filter({ hasText: `${pp(results.lift.ci95[0])} ～ ${pp(results.lift.ci95[1])}` }).waitFor();
    await lift.filter({ hasText: results.lift.significant ? '显著（区间不含 0）' : '不显著' }).waitFor();

    // The shared send rules: at most 3 a week, quiet from 21:00 to 09:00.
    await page.getByRole('button', { name: '返回活动列表' }).click();
    const policy = page.locator('[data-testid="send-policy"]');
    await policy.getByLabel('每周上限').fill('3');
    await policy.getByLabel('免打扰开始').fill('21');
    await policy.getByLabel('免打扰结束').fill('9');
    await policy.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('发送规则已保存').waitFor();
    expect((await t.request('GET', '/api/admin/campaign-settings', { token: owner })).body).toEqual({ maxPerWeek: 3, quietStartHour: 21, quietEndHour: 9 });
  });
});
