import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { api, ignoreApiError } from './request';

/** Index of 我的 in app.config.ts's tab bar. */
const ME_TAB_INDEX = 3;

/**
 * The member's unread notice count, refreshed whenever the (tab) page using it shows, mirrored as
 * the 我的 tab's badge. Only tab pages may set tab bar badges in WeChat, hence a hook for them.
 */
export function useUnreadNotices(): number {
  const [unread, setUnread] = useState(0);
  useDidShow(() => {
    void api
      .get('/api/notices', { page: 1, pageSize: 1 }, { silent: true })
      .then((r) => {
        setUnread(r.unread);
        showUnreadBadge(r.unread);
      }, ignoreApiError);
  });
  return unread;
}

export const unreadText = (n: number) => (n > 99 ? '99+' : String(n));

function showUnreadBadge(unread: number): void {
  // A badge that cannot be set (no tab bar on this platform or page) is not worth an error.
  const done = unread > 0 ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unreadText(unread) }) : Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
  void Promise.resolve(done).catch(() => undefined);
}
