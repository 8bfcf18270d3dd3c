import Taro from '@tarojs/taro';
import type { AnalyticsDevice } from '@mall/shared';

const clip = (value: unknown, max: number) => (typeof value === 'string' && value ? value.slice(0, max) : undefined);
const int = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(10_000, Math.round(value))) : undefined);

/** WeChat's own system-info fields, plus the network type. */
export async function analyticsDevice(): Promise<AnalyticsDevice | undefined> {
  try {
    const info = Taro.getSystemInfoSync();
    const network = await Taro.getNetworkType().catch(() => ({ networkType: undefined }));
    return {
      brand: clip(info.brand, 64),
      model: clip(info.model, 64),
      platform: clip(info.platform, 16),
      system: clip(info.system, 64),
      version: clip(info.version, 32),
      SDKVersion: clip(info.SDKVersion, 32),
      screenWidth: int(info.screenWidth),
      screenHeight: int(info.screenHeight),
      pixelRatio: typeof info.pixelRatio === 'number' && info.pixelRatio > 0 && info.pixelRatio <= 10 ? info.pixelRatio : undefined,
      networkType: clip(network.networkType, 16),
    };
  } catch {
    return undefined;
  }
}
