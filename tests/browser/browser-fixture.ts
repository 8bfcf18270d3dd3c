import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN, TestApp } from '../../server/test/harness';
import { launchChromium } from './chromium';
import { startAppWithSites } from './app-under-test';

export interface BrowserFixture {
  t: TestApp;
  browser: Browser;
}

/** Starts the real server with the built sites and Debian's Chromium around a describe block. */
export function useBrowserFixture(): BrowserFixture {
  const fixture = {} as BrowserFixture;
  beforeAll(async () => {
    fixture.t = await startAppWithSites();
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.t?.close();
  });
  return fixture;
}

/** A page logged into the admin as the test owner, on the dashboard. */
export async function adminPage(f: BrowserFixture, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await f.browser.newPage({ viewport });
  await page.goto(`${f.t.baseUrl}/admin/login`);
  await page.locator('#username').fill(TEST_ADMIN.username);
  await page.locator('#password').fill(TEST_ADMIN.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('[data-testid="stat-total-members"]').waitFor();
  return page;
}

/** A small real PNG file to upload: a coloured field with a white square in the middle. */
export function pngFile(name: string, width = 160, height = 160, color = '#2f7d32'): string {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(width / 4, height / 4, width / 2, height / 2);
  const file = join(mkdtempSync(join(tmpdir(), 'mall-upload-')), name);
  writeFileSync(file, canvas.toBuffer('image/png'));
  return file;
}
