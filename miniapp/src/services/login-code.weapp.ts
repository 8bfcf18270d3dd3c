import Taro from '@tarojs/taro';

/** In WeChat, the code comes from wx.login(); the server trades it for the openid. */
export async function getLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login returned no code');
  return code;
}
