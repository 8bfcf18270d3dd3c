import Taro from '@tarojs/taro';
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';
import { launchQuery } from './launch-query';

const DEVICE_OPENID_KEY = 'mall-h5-openid';
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A browser has no wx.login(): the WeChat stand-in (demos and browser tests only) hands out a
 * single-use code for this browser's own identity, or for `?openid=` when the URL names one.
 */
export async function getLoginCode(): Promise<string> {
  const config = await getJson<{ wechatSandboxBase?: string }>(`${API_BASE}/api/app-config`);
  if (!config.wechatSandboxBase) throw new ApiError(0, 'H5_LOGIN_UNAVAILABLE', '浏览器版暂不支持登录，请在微信中打开');
  const { code } = await getJson<{ code: string }>(
    `${config.wechatSandboxBase}/__sandbox/login-code?openid=${encodeURIComponent(deviceOpenid())}`,
  );
  return code;
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  if (!res.ok) throw new ApiError(res.status, 'H5_LOGIN_FAILED', '登录失败，请稍后重试');
  return (await res.json()) as T;
}

/** `?openid=` (before or after the '#') picks an identity and sticks; otherwise one is made up once. */
function deviceOpenid(): string {
  const fromUrl = launchQuery().openid;
  if (fromUrl && OPENID_PATTERN.test(fromUrl)) {
    Taro.setStorageSync(DEVICE_OPENID_KEY, fromUrl);
    return fromUrl;
  }
  let openid = Taro.getStorageSync(DEVICE_OPENID_KEY) as string;
  if (!openid || !OPENID_PATTERN.test(openid)) {
    openid = 'h5_' + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    Taro.setStorageSync(DEVICE_OPENID_KEY, openid);
  }
  return openid;
}
