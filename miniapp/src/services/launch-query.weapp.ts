import Taro from '@tarojs/taro';

export function launchQuery(): Record<string, string | undefined> {
  return (Taro.getLaunchOptionsSync().query ?? {}) as Record<string, string>;
}
