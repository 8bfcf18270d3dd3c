/**
 * Jest projects: `shared` (pure rules), `server` (unit specs and API specs over real HTTP against a
 * real database: SQLite by default, MariaDB when DATABASE_URL=mysql://…), `browser` (Chromium
 * driving the built H5 app and admin; run with `npm run test:browser`).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@mall/shared$': '<rootDir>/shared/src/index.ts' },
  // ESM-only packages that Jest (CommonJS) must transpile; Node itself loads them via require(esm).
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  projects: [
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'server',
      testMatch: ['<rootDir>/server/src/**/*.spec.ts', '<rootDir>/server/src/**/*.e2e-spec.ts', '<rootDir>/server/test/**/*.e2e-spec.ts', '<rootDir>/tests/api/**/*.e2e-spec.ts'],
    },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.browser-spec.ts'] },
    { ...common, displayName: 'reliability', testMatch: ['<rootDir>/tests/reliability/**/*.e2e-spec.ts'] },
  ],
};
