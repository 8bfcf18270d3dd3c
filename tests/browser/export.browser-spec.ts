import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { adminPage as openAdmin, useBrowserFixture } from './browser-fixture';
import { createMember } from '../../server/test/member-fixtures';

jest.setTimeout(90_000);

describe('member export in a real browser', () => {
  const f = useBrowserFixture();

  it('the merchant filters members by tier, exports them, and the downloaded file has exactly those rows', async () => {
    const { t } = f;
    const gold: string[] = [];
    for (let i = 0; i < 3; i++) gold.push(await createMember(t, `br-gold-${i}`, { nickname: `金卡${i}`, tier: 'gold', phone: `1381234000${i}`, joinedAt: `2026-02-0${i + 1}T00:00:00Z` }));
    for (let i = 0; i < 2; i++) await createMember(t, `br-normal-${i}`, { nickname: `普通${i}`, tier: 'normal' });

    const page = await openAdmin(f);
    await page.getByText('会员管理').first().click();
    await page.locator('[data-testid="members-table"]').getByText('普通0').waitFor();
    await page.locator('[data-testid="filter-tier"]').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '金卡会员' }).click();
    await page.locator('[data-testid="filter-submit"]').click();
    await page.getByText('共 3 位会员').waitFor();
    expect(new URL(page.url()).searchParams.get('tier')).toBe('gold');
    expect(await page.locator('[data-testid="members-table"]').getByText('普通0').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-members"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^members-\d{8}-\d+\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes, { bom: true });
    expect(rows[0].slice(0, 4)).toEqual(['会员ID', '昵称', '手机号', '会员等级']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      [gold[2], '金卡2', '138****0002', '金卡会员'],
      [gold[1], '金卡1', '138****0001', '金卡会员'],
      [gold[0], '金卡0', '138****0000', '金卡会员'],
    ]);

    // The owner sees the export in the audit page, with its filter and row count.
    await page.getByText('导出审计').first().click();
    const audit = page.locator('[data-testid="export-audit-table"]');
    await audit.getByText('等级: gold').waitFor();
    await audit.locator('tr', { hasText: '等级: gold' }).getByText('3', { exact: true }).waitFor();
  });

  it('opens the member list filtered by a segment link from analytics', async () => {
    const { t } = f;
    await createMember(t, 'br-dormant', { nickname: '沉睡会员', lastActiveAt: '2020-01-01T00:00:00Z' });
    const page = await openAdmin(f);
    await page.goto(`${t.baseUrl}/admin/members?segment=dormant_90`);
    await page.locator('[data-testid="members-table"]').getByText('沉睡会员').waitFor();
    await page.locator('[data-testid="member-filters"]').getByText('沉睡 90 天').waitFor();
    // The member's detail: profile and the check-in calendar tab.
    await page.locator('[data-testid="members-table"]').getByText('沉睡会员').click();
    await page.locator('.ant-drawer').getByText('会员详情：沉睡会员').waitFor();
    await page.locator('[data-testid="member-profile"]').getByText('邀请码').waitFor();
    await page.locator('.ant-drawer').getByRole('tab', { name: '签到日历' }).click();
    expect(await page.locator('[data-testid="member-calendar"] .ant-tag').count()).toBeGreaterThanOrEqual(28);
  });
});
