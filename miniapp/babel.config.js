// Mini-program code runs in WeChat's JS engines, down to older iOS JavaScriptCore, so it compiles
// to Taro's compatibility targets (no `?.`, `??`, native classes). H5 (previews, browser tests)
// follows the modern `browserslist` in package.json.
const miniTargets = process.env.TARO_ENV === 'h5' ? {} : { targets: { ios: '9', android: '5' } };

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...miniTargets }]],
};
