/**
 * Gets a one-time WeChat login code for POST /api/auth/wx-login. Taro builds the platform file
 * beside this one instead (`auth.weapp.ts`, `auth.h5.ts`); this file only gives the type and
 * fails loudly on a platform nobody wrote a login for.
 */
export async function getLoginCode(): Promise<string> {
  throw new Error('No WeChat login for this platform');
}
