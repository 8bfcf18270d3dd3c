import { launchQuery } from './launch-query';

/**
 * The inviter's code a member arrived with: `inviteCode` in a share path's query, or the `scene`
 * of a scanned mini-program code (URL-encoded by WeChat).
 */
export function launchInviteCode(): string | undefined {
  const query = launchQuery();
  const raw = query.inviteCode ?? (query.scene ? decodeURIComponent(query.scene) : undefined);
  const code = raw?.replace(/^inv=/, '');
  return code && /^[A-Za-z0-9]{1,32}$/.test(code) ? code : undefined;
}
