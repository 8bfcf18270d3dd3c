import type { IProjectConfig } from '@tarojs/taro/types/compile';

/**
 * `taro build` (NODE_ENV=production): Taro minifies and drops source maps. Production-only
 * settings (e.g. a bundle analyzer via `mini.webpackChain`) go here. Babel targets live in
 * babel.config.js (weapp) and package.json's browserslist (H5).
 */
export default {
  mini: {},
  h5: {},
} satisfies Partial<IProjectConfig<'webpack5'>>;
