import Taro from '@tarojs/taro';
import { recordCampaignOpen } from './campaign-open';

/** The tab bar's pages (app.config.ts): WeChat opens these only with switchTab, which drops the query. */
const TAB_PAGES = ['pages/index/index', 'pages/checkin/index', 'pages/mall/index', 'pages/me/index'];

/** `a=1&b=x%20y` → { a: '1', b: 'x y' } (the weapp runtime has no URLSearchParams). */
export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const part of search.split('&')) {
    if (!part) continue;
    const [key, value = ''] = part.split('=');
    try {
      query[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // A malformed escape in a server-given link: skip that pair, keep the rest.
    }
  }
  return query;
}

/**
 * Opens a page link the server gave (a notice's or an offer's `page`, e.g.
 * `pages/index/index?campaignSend=…`). A tab page loses its query on switchTab, so what the query
 * carries for attribution is recorded here, before navigating.
 */
export function openPageLink(page: string): void {
  const [path, search = ''] = page.replace(/^\//, '').split('?');
  recordCampaignOpen(parseQuery(search));
  const opened = TAB_PAGES.includes(path) ? Taro.switchTab({ url: `/${path}` }) : Taro.navigateTo({ url: `/${path}${search ? `?${search}` : ''}` });
  // A link to a page this version of the app does not have (an older app, a mistyped campaign page).
  void Promise.resolve(opened).catch(() => Taro.showToast({ title: '暂时无法打开该页面', icon: 'none' }));
}
