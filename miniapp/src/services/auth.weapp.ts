import Taro from '@tarojs/taro';
import { ApiError } from './api-error';

/** In WeChat, the code comes from wx.login(); the server trades it for the member's openid. */
export async function getLoginCode(): Promise<string> {
  const { code } = await Taro.login().catch(() => ({ code: '' }));
  if (!code) throw new ApiError(0, 'WX_LOGIN_FAILED', '微信登录失败，请稍后重试');
  return code;
}
