import type { IProjectConfig } from '@tarojs/taro/types/compile';

/** `taro build --watch` (NODE_ENV=development): full build logs; Taro keeps code unminified with source maps. */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies Partial<IProjectConfig<'webpack5'>>;
