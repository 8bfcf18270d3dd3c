#!/usr/bin/env node
/**
 * Browser check for the built H5 app without the real server: serves dist/h5 at /h5/ from a tiny
 * static server and opens it in Debian's Chromium (playwright-core, never a downloaded browser).
 *   1. No API behind it: the app must show its error state with a retry button, and throw nothing.
 *   2. A stub API (app-config, WeChat stand-in login code, wx-login, members/me): the app logs in as
 *      the `?openid=` from the URL and shows the member's nickname, tier and points.
 * Usage: npm run build:h5 -w @mall/miniapp && npm run check:h5 -w @mall/miniapp
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`no H5 build at ${DIST}: run \`npm run build:h5 -w @mall/miniapp\` first`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  process.exit(1);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };
const MEMBER = {
  id: 7, nickname: '浏览器检查会员', avatarUrl: null, tier: 'silver', points: 520, growth: 1200, inviteCode: 'H5CHECK',
  birthday: null, phoneMasked: null, isBirthdayMonth: false, expiringPoints: null,
};

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The stub API: just enough of the contract for login and the member card; everything else 404s. */
function stubApi(req, res, url, seen) {
  const auth = req.headers.authorization;
  seen.push(`${req.method} ${url.pathname}${url.search}`);
  if (url.pathname === '/api/app-config') return json(res, 200, { storeName: '测试店', timezone: 'Asia/Shanghai', wechatSandboxBase: `http://${req.headers.host}` });
  if (url.pathname === '/__sandbox/login-code') return json(res, 200, { code: `code-for-${url.searchParams.get('openid')}` });
  if (url.pathname === '/api/auth/wx-login' && req.method === 'POST') {
    return json(res, 200, { token: 't1', refreshToken: 'r1', expiresIn: 7200, member: MEMBER });
  }
  if (auth !== 'Bearer t1') return json(res, 401, { code: 'UNAUTHENTICATED', message: '请先登录' });
  if (url.pathname === '/api/members/me') return json(res, 200, MEMBER);
  return json(res, 404, { code: 'NOT_FOUND', message: '接口不存在' });
}

function startServer({ withApi }) {
  const seen = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/h5') return res.writeHead(302, { location: '/h5/' }).end();
    if (url.pathname.startsWith('/h5/')) {
      let file = normalize(join(DIST, url.pathname.slice('/h5/'.length) || 'index.html'));
      if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      return res.end(readFileSync(file));
    }
    if (withApi) return stubApi(req, res, url, seen);
    seen.push(`${req.method} ${url.pathname}`);
    return json(res, 503, { code: 'NO_SERVER', message: '服务暂不可用' });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, seen, base: `http://127.0.0.1:${server.address().port}` })));
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
const check = (ok, message) => (ok ? console.log(`  ok  ${message}`) : failures.push(message));

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // Failed API responses are expected here ("Failed to load resource"); anything else logged as an error is not.
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(`console: ${m.text()}`));
  await page.goto(url);
  return { page, errors, context };
}

try {
  {
    console.log('H5 without an API server:');
    const { server, base } = await startServer({ withApi: false });
    const t0 = Date.now();
    const { page, errors, context } = await open(`${base}/h5/`);
    await page.locator('.member-error').waitFor({ timeout: 20_000 }).catch(() => undefined);
    check(await page.locator('.member-error').isVisible(), `error state shows (${Date.now() - t0} ms)`);
    check(await page.locator('.member-retry').isVisible(), 'error state has a retry button');
    check(await page.locator('.taro-tabbar__tabbar').isVisible(), 'tab bar renders');
    const tabs = await page.locator('.weui-tabbar__label').allInnerTexts();
    check(tabs.join(',') === '首页,签到,积分商城,我的', `tab labels are 首页,签到,积分商城,我的 (got ${tabs.join(',')})`);
    check(errors.length === 0, `no page errors (${errors.join(' | ') || 'none'})`);
    await context.close();
    server.close();
  }
  {
    console.log('H5 with a stub API, opened as ?openid=check-user after the hash:');
    const { server, base, seen } = await startServer({ withApi: true });
    const { page, errors, context } = await open(`${base}/h5/#/pages/index/index?openid=check-user`);
    await page.locator('.member-nickname').waitFor({ timeout: 20_000 }).catch(() => undefined);
    check((await page.locator('.member-nickname').first().innerText().catch(() => '')) === MEMBER.nickname, 'member nickname renders');
    check((await page.locator('.member-tier').first().innerText().catch(() => '')) === '银卡会员', 'tier renders as 银卡会员');
    check((await page.locator('.member-points').first().innerText().catch(() => '')) === '520', 'points render');
    check(seen.includes('GET /__sandbox/login-code?openid=check-user'), 'the login code is asked for the ?openid= identity');
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click();
    await page.waitForURL(/pages\/me\/index/, { timeout: 10_000 }).catch(() => undefined);
    await page.locator('.member-invite-code').waitFor({ timeout: 10_000 }).catch(() => undefined);
    check((await page.locator('.member-invite-code').innerText().catch(() => '')) === MEMBER.inviteCode, 'switching to the 我的 tab shows the invite code');
    check(errors.length === 0, `no page errors (${errors.join(' | ') || 'none'})`);
    await page.screenshot({ path: join(DIST, '..', 'h5-check.png') });
    await context.close();
    server.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.error(`  FAIL ${f}`);
  process.exit(1);
}
console.log('H5 check passed (screenshot: miniapp/dist/h5-check.png)');
