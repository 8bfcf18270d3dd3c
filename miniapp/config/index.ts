import path from 'node:path';
import { defineConfig, type UserConfigFn } from '@tarojs/cli';
import type { IProjectConfig } from '@tarojs/taro/types/compile';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * One base config for both targets, merged with dev.ts (`--watch`) or prod.ts (`taro build`).
 * The API base is a build-time constant (never `process.env` in app code, which crashes H5):
 * weapp calls TARO_APP_API_BASE (default http://127.0.0.1:3000); the H5 build is served by the
 * server itself at /h5/ and calls the same origin.
 */
/** npm keeps some @tarojs packages (e.g. plugin-framework-react) here rather than hoisting them. */
const MINIAPP_NODE_MODULES = path.resolve(__dirname, '..', 'node_modules');

/**
 * `@mall/shared` (built to shared/dist/esm, reached through the workspace symlink) is outside
 * src/, so Taro would bundle it untranspiled; compile it with the app's Babel targets instead.
 */
const SHARED_PACKAGE = path.resolve(__dirname, '..', '..', 'shared');

const CSS_MODULES_OFF = { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } };

/**
 * Taro's H5 router keeps the page history in module state, so the app and @tarojs/taro-h5's
 * navigation APIs must share one copy. npm nested a second copy under taro-h5 (switchTab then
 * failed with "Cannot read properties of undefined (reading 'listen')"); pin every import to the
 * copy the app itself resolves.
 */
const H5_SINGLETONS = ['@tarojs/router'].map((name) => [
  `${name}$`,
  path.dirname(require.resolve(`${name}/package.json`, { paths: [path.resolve(__dirname, '..')] })),
]);

interface Chain {
  resolve: {
    modules: { add: (p: string) => { add: (p: string) => unknown } };
    alias: { set: (key: string, value: string) => unknown };
  };
  performance: { hints: (value: false) => unknown };
}

/** Lets hoisted Taro code (root node_modules) find the packages npm left in miniapp/node_modules. */
function resolveWorkspacePackages(chain: Chain) {
  chain.resolve.modules.add('node_modules').add(MINIAPP_NODE_MODULES);
}

const config: UserConfigFn<'webpack5'> = (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const apiBase = isH5 ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const baseConfig: IProjectConfig<'webpack5'> = {
    projectName: 'member-mall',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: { API_BASE: JSON.stringify(apiBase) },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Persistent webpack cache (miniapp/node_modules/.cache/webpack): rebuilds take a few seconds.
    cache: { enable: true },
    mini: {
      webpackChain: resolveWorkspacePackages,
      compile: { include: [SHARED_PACKAGE] },
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: CSS_MODULES_OFF },
    },
    h5: {
      webpackChain(chain: Chain) {
        resolveWorkspacePackages(chain);
        // Runs after the H5 platform plugin's own aliases, so these win.
        for (const [name, dir] of H5_SINGLETONS) chain.resolve.alias.set(name, dir);
        // React + Taro's H5 runtime alone exceed webpack's 244 KB hint; the warning is not actionable.
        chain.performance.hints(false);
      },
      compile: { include: [SHARED_PACKAGE] },
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: CSS_MODULES_OFF },
    },
  };
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig);
};

export default defineConfig<'webpack5'>(config);
