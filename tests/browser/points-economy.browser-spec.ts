import { adminPage, useBrowserFixture } from './browser-fixture';
import { audienceFixtures } from '../../server/src/audiences/audience-fixtures';
import { newId } from '../../server/src/common/ids';
import { PointsEntryEntity, PointsReason } from '../../server/src/points/points.entities';

jest.setTimeout(120_000);

describe('points economy page (browser)', () => {
  const f = useBrowserFixture();

  it('shows the balance, the liability in yuan, the breakage rate and the monthly bars as computed by hand', async () => {
    const { t } = f;
    await t.setClock('2026-06-15T04:00:00Z');
    const fx = audienceFixtures(t.dataSource);
    const ann = await fx.member('安安', { joinedAt: new Date('2025-01-01T00:00:00Z'), pointsBalance: 1000 });
    await fx.member('波波', { joinedAt: new Date('2025-01-01T00:00:00Z'), pointsBalance: 1 });
    const entry = (at: string, reason: PointsReason, delta: number) =>
      t.dataSource.getRepository(PointsEntryEntity).insert({ id: newId(), memberId: ann, delta, reason, ref: newId(), balanceAfter: 0, note: null, createdAt: new Date(at) });
    // 2026-05: issued 600. 2026-06: spent 200 − 50 given back = 150, expired 150. Breakage 150 / 600 = 25%.
    await entry('2026-05-10T04:00:00Z', 'checkin', 600);
    await entry('2026-06-02T04:00:00Z', 'redeem', -200);
    await entry('2026-06-03T04:00:00Z', 'hold_release', 50);
    await entry('2026-06-05T04:00:00Z', 'expiry', -150);

    const page = await adminPage(f, { width: 1280, height: 900 });
    await page.getByText('积分经济', { exact: true }).first().click();
    await page.waitForURL(/\/admin\/points-economy$/);
    await page.locator('[data-testid="economy-outstanding"] .ant-statistic-content').filter({ hasText: '1,001' }).waitFor();
    // 1001 points at 100 points = 5 yuan: 5005 fen.
    await page.locator('[data-testid="economy-liability"] .ant-statistic-content').filter({ hasText: '¥50.05' }).waitFor();
    await page.locator('[data-testid="economy-breakage"] .ant-statistic-content').filter({ hasText: '25.0%' }).waitFor();
    await page.locator('[data-testid="economy-issued"] .ant-statistic-content').filter({ hasText: '600 / 150' }).waitFor();

    // The bars: hover the last two of the twelve months and read the axis tooltip.
    const chart = page.locator('[data-testid="economy-chart"]');
    await chart.locator('canvas').waitFor();
    const box = (await chart.boundingBox())!;
    const grid = { left: 56, right: 24 };
    const monthX = (i: number) => box.x + grid.left + ((i + 0.5) * (box.width - grid.left - grid.right)) / 12;
    const tooltipOf = async (i: number) => {
      await page.mouse.move(monthX(i), box.y + box.height / 2);
      const tip = chart.locator(':scope > div').filter({ hasText: /发放/ });
      await tip.waitFor();
      return (await tip.innerText()).replace(/\s+/g, ' ');
    };
    expect(await tooltipOf(10)).toMatch(/2026-05 .*发放 600 .*使用 0 .*过期 0/);
    expect(await tooltipOf(11)).toMatch(/2026-06 .*发放 0 .*使用 150 .*过期 150/);
  });
});
