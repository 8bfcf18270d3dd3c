/**
 * Gets a WeChat login code. Platform versions sit beside this file (`login-code.weapp.ts`,
 * `login-code.h5.ts`) and Taro picks the one for the build target; this file only gives the type.
 */
export async function getLoginCode(): Promise<string> {
  throw new Error('No login-code implementation for this platform');
}
