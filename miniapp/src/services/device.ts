import Taro from '@tarojs/taro';

/**
 * A stable fingerprint of this device (brand, model, OS, screen), sent at login so the server can
 * tell when an invited "friend" is the inviter on another WeChat account. Not an identifier on its
 * own: many phones share a model; it only matters when inviter and friend match.
 */
export function deviceFingerprint(): string | undefined {
  try {
    const info = Taro.getSystemInfoSync();
    const parts = [info.brand, info.model, info.system, info.platform, info.pixelRatio, info.screenWidth, info.screenHeight, info.language];
    return `fp-${fnv1a(parts.join('|'))}${fnv1a(parts.reverse().join('|'))}`;
  } catch {
    return undefined;
  }
}

const KNOWN_PLATFORMS = ['ios', 'android', 'windows', 'mac', 'ohos', 'devtools'] as const;

/** The device's platform for the merchant's member list (`h5` in the browser build). */
export function devicePlatform(): (typeof KNOWN_PLATFORMS)[number] | 'h5' | 'other' {
  if (Taro.getEnv() === Taro.ENV_TYPE.WEB) return 'h5';
  try {
    const platform = String(Taro.getSystemInfoSync().platform ?? '').toLowerCase();
    return (KNOWN_PLATFORMS as readonly string[]).includes(platform) ? (platform as (typeof KNOWN_PLATFORMS)[number]) : 'other';
  } catch {
    return 'other';
  }
}

/** 32-bit FNV-1a as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
