import type { AnalyticsDevice } from '@mall/shared';

/** The browser's platform from its user agent, in WeChat's platform words. */
function platformOf(ua: string): string {
  if (/iPhone|iPad|iPod/i.test(ua)) return 'ios';
  if (/Android/i.test(ua)) return 'android';
  if (/Windows/i.test(ua)) return 'windows';
  if (/Macintosh|Mac OS X/i.test(ua)) return 'mac';
  return 'h5';
}

function systemOf(ua: string): string | undefined {
  const match = /(Android [\d.]+)|(iPhone OS [\d_]+)|(Windows NT [\d.]+)|(Mac OS X [\d_.]+)/.exec(ua);
  return match ? match[0].replace(/_/g, '.').replace('iPhone OS', 'iOS').slice(0, 64) : undefined;
}

/** The same fields as the weapp build, from what a browser can tell; WeChat versions stay empty. */
export async function analyticsDevice(): Promise<AnalyticsDevice | undefined> {
  try {
    const ua = navigator.userAgent;
    const wechat = /MicroMessenger\/([\d.]+)/.exec(ua)?.[1];
    const connection = (navigator as Navigator & { connection?: { effectiveType?: string; type?: string } }).connection;
    return {
      brand: 'browser',
      model: (/(iPhone|iPad|Pixel [\w ]+|SM-\w+|Mobile|Macintosh|Windows)/.exec(ua)?.[0] ?? 'browser').slice(0, 64),
      platform: platformOf(ua),
      system: systemOf(ua),
      version: wechat?.slice(0, 32),
      screenWidth: Math.min(10_000, window.screen.width),
      screenHeight: Math.min(10_000, window.screen.height),
      pixelRatio: window.devicePixelRatio > 0 && window.devicePixelRatio <= 10 ? window.devicePixelRatio : undefined,
      networkType: (connection?.type === 'wifi' ? 'wifi' : connection?.effectiveType)?.slice(0, 16),
    };
  } catch {
    return undefined;
  }
}
