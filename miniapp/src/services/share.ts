import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useMember } from '../stores/member-context';
import { api, ignoreApiError } from './request';
import { launchInviteCode } from './launch';

/** The merchant's share card (drawn by the server from the poster slogan); WeChat fetches it. */
export const SHARE_CARD_URL = `${API_BASE}/api/referrals/share-card`;

type ShareChannel = 'chat' | 'timeline' | 'poster';

export function recordShare(channel: ShareChannel): void {
  void api.post('/api/referrals/shares', { channel }, { silent: true }).catch(ignoreApiError);
}

/**
 * Makes the current page shareable to a chat and to Moments, carrying the member's invite code, and
 * counts each share for the merchant's funnel. The page config needs `enableShareAppMessage` and
 * `enableShareTimeline`.
 */
export function useInviteShare(title: string, page: string): void {
  const { member } = useMember();
  const query = member ? `inviteCode=${member.inviteCode}` : '';
  useShareAppMessage(() => {
    if (member) recordShare('chat');
    return { title, path: query ? `${page}?${query}` : page, imageUrl: SHARE_CARD_URL };
  });
  // Moments opens this same page in single-page mode with `query`.
  useShareTimeline(() => {
    if (member) recordShare('timeline');
    return { title, query, imageUrl: SHARE_CARD_URL };
  });
}

/** Once per launch: someone opened a shared invite (before binding decides anything). */
export function recordInviteOpen(page: string): void {
  const inviteCode = launchInviteCode();
  if (!inviteCode) return;
  void api.post('/api/referrals/opens', { inviteCode, page: page.replace(/^\//, '') }, { silent: true }).catch(ignoreApiError);
}
