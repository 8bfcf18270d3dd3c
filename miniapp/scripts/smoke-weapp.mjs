#!/usr/bin/env node
/**
 * Smoke test for the built weapp bundle (WeChat DevTools has no Linux build): loads
 * dist/weapp/app.js and every main-package page in a Node VM with stand-ins for `wx`, `App`, `Page`
 * and `Component`, launches the app as a scanned mini-program code carrying an invite code, and
 * checks that it logs in through wx.login + POST /api/auth/wx-login (with the invite code), renews
 * an expired token once through /api/auth/refresh, and renders the member on the home page.
 *
 * Usage: npm run build:weapp -w @mall/miniapp && npm run smoke:weapp -w @mall/miniapp
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
if (!existsSync(join(DIST, 'app.js'))) {
  console.error(`no weapp build at ${DIST}: run \`npm run build:weapp -w @mall/miniapp\` first`);
  process.exit(1);
}

const MEMBER = {
  id: 42, nickname: '烟雾测试会员', avatarUrl: null, tier: 'gold', points: 1234, growth: 6000,
  inviteCode: 'SMOKE42', birthday: null, phoneMasked: null, isBirthdayMonth: false, expiringPoints: null,
};

const mallItem = (over) => ({
  id: 'item-1', kind: 'goods', name: '烟雾帆布袋', description: '', category: '周边', imageUrls: ['/media/abc.png'], cashPriceFen: 990, pointsPrice: 200,
  stock: 5, sold: 0, perMemberLimit: 0, saleStartsAt: null, saleEndsAt: null, tiersAllowed: [], sortOrder: 0, status: 'on', couponTemplateId: null, ...over,
});
const MALL_ITEMS = [mallItem({}), mallItem({ id: 'item-2', name: '烟雾金卡礼盒', cashPriceFen: 0, pointsPrice: 900, tiersAllowed: ['gold', 'diamond'], category: '会员专享' })];

// ---- a fake server behind wx.request ---------------------------------------------------------
const calls = [];
let issued = 0;
function serve({ method, url, data, header }) {
  const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  calls.push({ method, path, data, auth: header?.Authorization ?? null });
  const error = (statusCode, code, message) => ({ statusCode, data: { code, message } });
  const pair = () => ({ token: `access-${++issued}`, refreshToken: `refresh-${issued}`, expiresIn: 7200 });
  if (method === 'POST' && path === '/api/auth/wx-login') {
    return data?.code === 'wx-code-1' ? { statusCode: 200, data: { ...pair(), member: MEMBER } } : error(400, 'BAD_CODE', 'bad code');
  }
  if (method === 'POST' && path === '/api/auth/refresh') {
    return data?.refreshToken === 'refresh-1' ? { statusCode: 200, data: pair() } : error(401, 'REFRESH_INVALID', '登录已过期');
  }
  // The first token "expires" at once, so the wrapper must refresh it exactly once.
  if (header?.Authorization === 'Bearer access-1') return error(401, 'TOKEN_EXPIRED', '登录已过期');
  if (!header?.Authorization) return error(401, 'UNAUTHENTICATED', '请先登录');
  if (method === 'GET' && path === '/api/members/me') return { statusCode: 200, data: MEMBER };
  if (method === 'GET' && path === '/api/mall/items') return { statusCode: 200, data: { items: MALL_ITEMS } };
  if (method === 'GET' && path === '/api/notices') return { statusCode: 200, data: { items: [], total: 3, unread: 3 } };
  if (method === 'POST' && /^\/api\/campaign-offers\/[^/]+\/open$/.test(path)) return { statusCode: 204, data: '' };
  if (method === 'GET' && path === '/api/mall/checkout-terms') {
    return { statusCode: 200, data: { tier: 'gold', balance: 1234, isMemberDay: true, memberDayPricePct: 90, pointsPer5Yuan: 100, maxShareOfCashPct: 50 } };
  }
  return error(404, 'NOT_FOUND', '接口不存在');
}

// ---- wx stand-in -------------------------------------------------------------------------------
const storage = new Map();
const toasts = [];
const tabBadges = [];
const unknownApis = new Set();
const callbackApi = (fn) => (opts = {}) => {
  setTimeout(() => {
    try {
      const res = fn(opts);
      opts.success?.(res);
      opts.complete?.(res);
    } catch (err) {
      opts.fail?.({ errMsg: String(err) });
      opts.complete?.({ errMsg: String(err) });
    }
  }, 1);
  return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} };
};
const systemInfo = {
  brand: 'devtools', model: 'iPhone 13', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390,
  windowHeight: 844, statusBarHeight: 47, language: 'zh_CN', version: '8.0.50', system: 'iOS 17.0', platform: 'devtools',
  SDKVersion: '3.7.0', safeArea: { top: 47, bottom: 810, left: 0, right: 390, width: 390, height: 763 },
};
const wxApis = {
  login: callbackApi(() => ({ code: 'wx-code-1', errMsg: 'login:ok' })),
  request: callbackApi((opts) => ({ ...serve(opts), header: {}, errMsg: 'request:ok' })),
  showToast: callbackApi((opts) => (toasts.push(opts.title), { errMsg: 'showToast:ok' })),
  hideToast: callbackApi(() => ({})),
  showLoading: callbackApi(() => ({})),
  hideLoading: callbackApi(() => ({})),
  getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key, value) => void storage.set(key, value),
  removeStorageSync: (key) => void storage.delete(key),
  getLaunchOptionsSync: () => ({ path: 'pages/index/index', scene: 1047, query: { scene: encodeURIComponent('SMOKE1') } }),
  getEnterOptionsSync: () => ({ path: 'pages/index/index', scene: 1047, query: {} }),
  getSystemInfoSync: () => systemInfo,
  getWindowInfo: () => systemInfo,
  getDeviceInfo: () => systemInfo,
  getAppBaseInfo: () => systemInfo,
  getMenuButtonBoundingClientRect: () => ({ top: 51, bottom: 83, left: 297, right: 384, width: 87, height: 32 }),
  canIUse: () => true,
  nextTick: (fn) => setTimeout(fn, 0),
  onAppShow() {}, onAppHide() {}, offAppShow() {}, offAppHide() {},
  showShareMenu: callbackApi(() => ({})),
  setTabBarBadge: callbackApi((opts) => (tabBadges.push({ index: opts.index, text: opts.text }), { errMsg: 'setTabBarBadge:ok' })),
  removeTabBarBadge: callbackApi(() => ({ errMsg: 'removeTabBarBadge:ok' })),
};
const wx = new Proxy(wxApis, {
  get(target, key) {
    // Non-API properties (webpack's chunk list, private fields) behave like plain object fields.
    if (key in target || typeof key === 'symbol' || !/^[a-z][A-Za-z]+$/.test(key) || key.startsWith('webpack')) return target[key];
    // Unknown APIs succeed quietly, but are reported so a new dependency on wx is visible.
    unknownApis.add(String(key));
    return callbackApi(() => ({ errMsg: `${String(key)}:ok` }));
  },
});

// ---- App / Page / Component and a CommonJS loader over dist/weapp --------------------------------
let appConfig = null;
const pageConfigs = new Map();
let loadingPage = null;
const context = vm.createContext({
  wx, console, setTimeout, clearTimeout, setInterval, clearInterval, Promise, JSON, Math, Date,
  App: (config) => void (appConfig = config),
  Page: (config) => void pageConfigs.set(loadingPage, config),
  Component: (config) => void pageConfigs.set(loadingPage, config),
  Behavior: (b) => b,
  getApp: () => appConfig,
  getCurrentPages: () => [...pages.values()],
  requirePlugin: () => ({}),
});
context.globalThis = context;
const cache = new Map();
function load(file) {
  const path = file.endsWith('.js') ? file : `${file}.js`;
  if (cache.has(path)) return cache.get(path).exports;
  const module = { exports: {} };
  cache.set(path, module);
  const code = readFileSync(path, 'utf8');
  const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: path });
  fn((dep) => load(resolve(dirname(path), dep)), module, module.exports);
  return module.exports;
}

const failures = [];
const check = (ok, message) => (ok ? console.log(`  ok  ${message}`) : failures.push(message));
const until = async (predicate, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (predicate()) return true;
  return false;
};

const appJson = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'));
load(join(DIST, 'app.js'));
check(appConfig && typeof appConfig.onLaunch === 'function', 'app.js calls App() with onLaunch');
appConfig.onLaunch.call(appConfig, wx.getLaunchOptionsSync());
appConfig.onShow?.call(appConfig, wx.getLaunchOptionsSync());

const pages = new Map();
for (const route of appJson.pages) {
  loadingPage = route;
  load(join(DIST, route));
  check(pageConfigs.has(route), `${route} registers a page`);
}
for (const sub of appJson.subPackages ?? []) {
  for (const page of sub.pages) {
    const route = `${sub.root}/${page}`;
    loadingPage = route;
    load(join(DIST, route));
    check(pageConfigs.has(route), `${route} (subpackage) registers a page`);
  }
}
check(appJson.subPackages?.some((s) => s.root === 'mall' && s.pages.includes('pages/checkout/index')), 'the mall pages are in the mall subpackage');
check(appJson.tabBar?.list?.length === 4, 'app.json has a 4-item tab bar');
for (const item of appJson.tabBar.list) {
  check(existsSync(join(DIST, item.iconPath)) && existsSync(join(DIST, item.selectedIconPath)), `tab ${item.text} has its icons`);
}

// Open the home page as WeChat would: an instance with setData, then onLoad / onShow / onReady.
const rendered = [];
const home = Object.assign(Object.create(pageConfigs.get('pages/index/index')), {
  route: 'pages/index/index', __route__: 'pages/index/index', options: {}, data: {},
  setData(data, cb) {
    rendered.push(JSON.stringify(data));
    cb?.();
  },
  selectComponent: () => null,
  createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
});
pages.set('pages/index/index', home);
home.onLoad?.call(home, {});
home.onShow?.call(home);
home.onReady?.call(home);

const text = () => rendered.join('\n');
const openPage = (route, sink) => {
  const page = Object.assign(Object.create(pageConfigs.get(route)), {
    route, __route__: route, options: {}, data: {},
    setData(data, cb) {
      sink.push(JSON.stringify(data));
      cb?.();
    },
    selectComponent: () => null,
    createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
  });
  pages.set(route, page);
  page.onLoad?.call(page, {});
  page.onShow?.call(page);
  page.onReady?.call(page);
  return page;
};
check(await until(() => text().includes(MEMBER.nickname)), 'home page renders the member nickname');
check(text().includes('金卡会员'), 'home page renders the tier label 金卡会员');
check(text().includes('member-nickname') && text().includes('member-tier') && text().includes('member-points'), 'home page has the member-* class hooks');
check(text().includes('1234'), 'home page renders the points');

// The 积分商城 tab: item cards with points / cash prices, the tier badge and today's member-day price.
const mallRendered = [];
openPage('pages/mall/index', mallRendered);
const mallText = () => mallRendered.join('\n');
check(await until(() => mallText().includes('烟雾帆布袋')), 'the mall tab renders the items');
check(mallText().includes('200积分 + ¥9.90'), 'the mall tab shows a points + cash price');
check(mallText().includes('金卡及以上专享'), 'the mall tab badges a tier-only item');
check(mallText().includes('会员日价') && mallText().includes('8.91'), 'the mall tab shows the member-day price (90% of ¥9.90)');
check(mallText().includes('http://127.0.0.1:3000/media/abc.png'), 'item images are loaded from the API host');

// Unread notices badge the 我的 tab (index 3) from the home tab.
check(await until(() => tabBadges.some((b) => b.index === 3 && b.text === '3')), 'the home tab puts the unread notice count on the 我的 tab badge');

// Brought to the front from a campaign's subscribe message (twice, as WeChat may): one open is recorded.
const SEND_ID = '0190c1c2-0000-7000-8000-00000000abcd';
const fromMessage = { path: 'pages/index/index', scene: 1014, query: { campaignSend: SEND_ID } };
appConfig.onShow?.call(appConfig, fromMessage);
appConfig.onShow?.call(appConfig, fromMessage);
const opens = () => calls.filter((c) => c.method === 'POST' && c.path === `/api/campaign-offers/${SEND_ID}/open`);
check(await until(() => opens().length > 0), 'opening from a campaign message records POST /api/campaign-offers/:sendId/open');
await new Promise((r) => setTimeout(r, 100));
check(opens().length === 1 && opens()[0].auth !== null, 'the open is recorded once, with the member\'s token');

const login = calls.find((c) => c.path === '/api/auth/wx-login');
check(login?.data?.code === 'wx-code-1', 'wx.login code is sent to POST /api/auth/wx-login');
check(login?.data?.inviteCode === 'SMOKE1', 'the scanned code\'s scene is sent as inviteCode');
check(calls.filter((c) => c.path === '/api/auth/refresh').length === 1, 'an expired token is refreshed exactly once');
check(calls.some((c) => c.path === '/api/members/me' && c.auth === 'Bearer access-2'), 'the retried request carries the renewed token');
check(storage.get('mall-token') === 'access-2', 'the renewed token is stored');
check(!calls.some((c) => c.path === '/api/members/me' && c.auth === null), 'no API call goes out without a token');

if (unknownApis.size) console.log(`  (wx APIs answered by the generic stand-in: ${[...unknownApis].sort().join(', ')})`);
if (toasts.length) console.log(`  (toasts: ${toasts.join(' | ')})`);
if (failures.length) {
  for (const f of failures) console.error(`  FAIL ${f}`);
  console.error(`weapp smoke test: ${failures.length} failure(s); calls: ${JSON.stringify(calls)}`);
  process.exit(1);
}
console.log('weapp smoke test passed');
process.exit(0);
