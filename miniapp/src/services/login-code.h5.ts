import Taro from '@tarojs/taro';

const DEVICE_OPENID_KEY = 'mall-h5-openid';

/**
 * In a browser there is no wx.login(): the WeChat stand-in (demo and tests only) hands out a
 * single-use code for this browser's own identity, or for `?openid=` when given.
 */
export async function getLoginCode(): Promise<string> {
  const config = await fetch('/api/app-config').then((r) => r.json() as Promise<{ wechatSandboxBase?: string }>);
  if (!config.wechatSandboxBase) throw new Error('H5 login needs the WeChat stand-in, which this server does not offer');
  const res = await fetch(`${config.wechatSandboxBase}/__sandbox/login-code?openid=${encodeURIComponent(deviceOpenid())}`);
  if (!res.ok) throw new Error(`login code request failed: ${res.status}`);
  const { code } = (await res.json()) as { code: string };
  return code;
}

function deviceOpenid(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('openid');
  if (fromUrl && /^[A-Za-z0-9_-]{1,64}$/.test(fromUrl)) {
    Taro.setStorageSync(DEVICE_OPENID_KEY, fromUrl);
    return fromUrl;
  }
  let openid = Taro.getStorageSync(DEVICE_OPENID_KEY) as string;
  if (!openid) {
    openid = 'h5_' + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    Taro.setStorageSync(DEVICE_OPENID_KEY, openid);
  }
  return openid;
}
