import { adminPage, useBrowserFixture } from './browser-fixture';

jest.setTimeout(90_000);

describe('admin analytics dashboard (browser)', () => {
  const f = useBrowserFixture();

  it('shows the platform chart and device figures for reported and rolled-up events', async () => {
    const { t } = f;
    const now = Date.now();
    const yesterday = now - 86_400_000;
    const devices = [
      { platform: 'ios', brand: 'Apple', model: 'iPhone 15', system: 'iOS 17.5', version: '8.0.50', SDKVersion: '3.4.10', networkType: 'wifi' },
      { platform: 'android', brand: 'Xiaomi', model: 'Xiaomi 14', system: 'Android 14', version: '8.0.49', SDKVersion: '3.4.10', networkType: '5g' },
      { platform: 'android', brand: 'HUAWEI', model: 'Mate 60 Pro', system: 'Android 12', version: '8.0.49', SDKVersion: '3.4.10', networkType: '4g' },
    ];
    for (const [i, device] of devices.entries()) {
      const { token } = await t.loginMember(`analytics-browser-${i}`);
      const events = [
        { id: `browser-${i}-launch`, type: 'launch', ts: yesterday, scene: 1001, device },
        { id: `browser-${i}-page`, type: 'page_view', ts: yesterday + 5_000, page: 'pages/index/index', dwellMs: 5_000 },
      ];
      expect((await t.request('POST', '/api/analytics/events', { token, body: { events } })).status).toBe(202);
    }
    expect((await t.runJob('analytics-rollup')).ran).toBe(true);

    const page = await adminPage(f, { width: 1280, height: 900 });
    const started = Date.now();
    await page.getByText('数据分析').first().click();
    const chart = page.locator('[data-testid="platform-chart"] canvas');
    await chart.waitFor();
    await page.locator('.ant-statistic').filter({ hasText: '活跃会员' }).filter({ hasText: '3' }).waitFor();
    const loadMs = Date.now() - started;
    // The chart has drawn something: the canvas is not blank.
    type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const painted = await chart.evaluate((el) => {
      const canvas = el as unknown as Canvas;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) coloured++;
      return coloured;
    });
    expect(painted).toBeGreaterThan(500);
    console.log(`analytics page: devices tab drawn ${loadMs} ms after the click`);

    await page.getByRole('tab', { name: '访问' }).click();
    await page.locator('[data-testid="active-trend-chart"] canvas').waitFor();
    await page.locator('.ant-table-row').filter({ hasText: 'pages/index/index' }).waitFor();
    await page.getByRole('tab', { name: '留存' }).click();
    await page.locator('[data-testid="cohort-heatmap"] canvas').waitFor();
    await page.getByRole('tab', { name: '分群' }).click();
    await page.locator('[data-testid="segment-count-active"]').filter({ hasText: '3' }).waitFor();
    await page.getByRole('button', { name: /查看会员/ }).first().click();
    await page.waitForURL(/\/admin\/members\?segment=active$/);
  });

  it('the H5 app reports its launch with the device, and the page views with dwell, in a batch', async () => {
    const { t } = f;
    const { member } = await t.loginMember('analytics-h5');
    const context = await f.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.baseUrl}/h5/?openid=analytics-h5`);
    await page.locator('.member-nickname').first().waitFor({ timeout: 30_000 });
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('分享使用数据（设备与访问统计）').waitFor();
    // The queue sends on its timer (15 s) below the count.
    const rows = async () => t.dataSource.query('SELECT type, page, dwell_ms, platform FROM analytics_events WHERE member_id = ?', [member.id]);
    const deadline = Date.now() + 40_000;
    let stored: { type: string; page: string | null; dwell_ms: unknown; platform: string | null }[] = [];
    while (Date.now() < deadline) {
      stored = await rows();
      if (stored.some((r) => r.type === 'page_view')) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(stored.find((r) => r.type === 'launch')).toMatchObject({ platform: 'h5' });
    expect(stored.find((r) => r.type === 'page_view')).toMatchObject({ page: 'pages/index/index' });
    expect(Number(stored.find((r) => r.type === 'page_view')!.dwell_ms)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
