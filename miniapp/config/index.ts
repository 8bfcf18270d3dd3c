import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One config for both targets. The API base is a build-time constant (never `process.env` in app
 * code, which crashes H5): weapp calls TARO_APP_API_BASE (default http://127.0.0.1:3000); the H5
 * build is served by the server itself at /h5/ and calls the same origin.
 */
/** npm keeps some @tarojs packages in miniapp/node_modules; let hoisted Taro code find them too. */
function findWorkspaceTaroPackages(chain: { resolve: { modules: { add: (p: string) => { add: (p: string) => unknown } } } }) {
  chain.resolve.modules.add('node_modules').add(path.resolve(__dirname, '..', 'node_modules'));
}

export default defineConfig<'webpack5'>(() => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const apiBase = isH5 ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000');
  const config: UserConfigExport<'webpack5'> = {
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
    cache: { enable: true },
    mini: {
      webpackChain: findWorkspaceTaroPackages,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      webpackChain: findWorkspaceTaroPackages,
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false, config: {} } },
    },
  };
  return config;
});
