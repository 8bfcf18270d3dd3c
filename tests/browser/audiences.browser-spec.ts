import { adminPage, useBrowserFixture } from './browser-fixture';
import { audienceFixtures } from '../../server/src/audiences/audience-fixtures';

jest.setTimeout(120_000);

describe('audiences in the admin, in a real browser', () => {
  const f = useBrowserFixture();

  it('builds an audience with a live count, saves it, and lists its members with their churn sentence', async () => {
    const { t } = f;
    await t.setClock('2026-06-15T04:00:00Z');
    const fx = audienceFixtures(t.dataSource);
    const item = await fx.item('牛奶', 'milk');
    const ann = await fx.member('安安', { tier: 'gold', joinedAt: new Date('2025-01-01T00:00:00Z'), lastActiveAt: new Date('2026-06-14T02:00:00Z') });
    const fay = await fx.member('菲菲', { tier: 'gold', joinedAt: new Date('2025-01-01T00:00:00Z'), lastActiveAt: new Date('2026-05-01T02:00:00Z') });
    await fx.member('波波', { tier: 'silver', joinedAt: new Date('2025-01-01T00:00:00Z'), lastActiveAt: new Date('2026-06-14T02:00:00Z') });
    for (const day of ['2026-04-13', '2026-05-04', '2026-05-25']) await fx.order(ann, `${day}T02:00:00Z`, [item], 3000);
    await fx.order(fay, '2026-03-01T02:00:00Z', [item], 3000);
    await t.runJob('predictions');

    const page = await adminPage(f, { width: 1280, height: 900 });
    await page.getByText('受众', { exact: true }).first().click();
    await page.getByRole('button', { name: /新建受众/ }).click();
    await page.getByPlaceholder('如：高价值流失风险').fill('近期活跃金卡');
    // The first condition is "tier: gold": two members.
    const count = page.locator('[data-testid="audience-count"]');
    await count.filter({ hasText: /^当前符合条件的会员2人$/ }).waitFor({ timeout: 15_000 });
    // Adding "last active within 30 days" narrows it to one.
    await page.getByRole('button', { name: /添加条件/ }).click();
    await count.filter({ hasText: /^当前符合条件的会员1人$/ }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /保\s*存/ }).click();

    const row = page.locator('tr').filter({ hasText: '近期活跃金卡' });
    await row.filter({ hasText: '会员等级：金卡会员' }).filter({ hasText: '最近活跃：≤ 30 天前' }).waitFor();
    await row.locator('td').nth(2).filter({ hasText: /^1$/ }).waitFor();
    await row.getByRole('button', { name: '查看成员' }).click();
    const member = page.locator('.ant-modal tr').filter({ hasText: '安安' });
    await member.filter({ hasText: '通常每 21 天购买一次，距上次下单已 21 天' }).waitFor();
    expect(await page.locator('.ant-modal tr').filter({ hasText: '菲菲' }).count()).toBe(0);

    const saved = (await t.request('GET', '/api/admin/audiences', { token: await t.adminToken() })).body.items;
    expect(saved).toEqual([expect.objectContaining({ name: '近期活跃金卡', memberCount: 1, rules: [{ kind: 'tier', in: ['gold'] }, { kind: 'lastActive', daysAgoMax: 30 }] })]);

    // Export it: the job starts and the message leads to 我的导出, where the file can be downloaded.
    await page.locator('.ant-modal-close').first().click();
    await row.getByRole('button', { name: /^导\s*出$/ }).click();
    await page.getByRole('button', { name: /开始导出/ }).click();
    await page.locator('[data-testid="audience-export-started"]').getByRole('link', { name: '前往我的导出' }).click();
    await page.waitForURL(/\/admin\/exports$/);
    const job = page.locator('tr').filter({ hasText: `受众: ${saved[0].id}` });
    await job.getByRole('button', { name: '下载文件' }).and(page.locator(':enabled')).waitFor();
    await job.filter({ hasText: '已写入 1 / 1 行' }).waitFor();
  });
});
