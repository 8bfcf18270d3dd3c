import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('defaults to the embedded SQLite file and the demo settings', () => {
    const c = loadAppConfig({});
    expect(c.database).toEqual({ kind: 'sqlite', url: 'sqlite:./data/mall.sqlite', sqlitePath: './data/mall.sqlite' });
    expect(c.store.timezone).toBe('Asia/Shanghai');
    expect(c.fakeClock).toBe(false);
  });

  it('selects MySQL from DATABASE_URL', () => {
    expect(loadAppConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' }).database.kind).toBe('mysql');
  });

  it('uses Redis only when REDIS_URL is set, with the mall: key prefix by default', () => {
    expect(loadAppConfig({}).redis).toBeUndefined();
    expect(loadAppConfig({ REDIS_URL: 'rediss://u:p@cache:6380/2' }).redis).toEqual({ url: 'rediss://u:p@cache:6380/2', keyPrefix: 'mall:' });
    expect(loadAppConfig({ REDIS_URL: 'redis://cache', REDIS_KEY_PREFIX: 'shop1:' }).redis?.keyPrefix).toBe('shop1:');
  });

  it.each([
    [{ DATABASE_URL: 'postgres://x' }, /DATABASE_URL/],
    [{ PORT: 'abc' }, /PORT/],
    [{ STORE_TIMEZONE: 'Mars/Olympus' }, /STORE_TIMEZONE is not an IANA time zone/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL must be redis:\/\//],
    [{ REDIS_URL: 'redis://127.0.0.1', REDIS_KEY_PREFIX: 'bad prefix!' }, /REDIS_KEY_PREFIX/],
  ])('stops with one clear line for %j', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
    expect(() => loadAppConfig(env)).toThrow(message);
  });

  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'p'.repeat(40),
    ADMIN_USERNAME: 'boss',
    ADMIN_PASSWORD: 'a-real-password',
    WECHAT_APP_ID: 'wx1234567890abcdef',
    WECHAT_APP_SECRET: 'real-secret',
    WECHATPAY_MCH_ID: '1900000109',
    WECHATPAY_MCH_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    WECHATPAY_PRIVATE_KEY_FILE: '/etc/mall/apiclient_key.pem',
    WECHATPAY_PLATFORM_SERIAL: 'PUB_KEY_ID_0119000001092025',
    WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: '/etc/mall/wechatpay_public_key.pem',
    WECHATPAY_APIV3_KEY: 'k'.repeat(32),
    WECHATPAY_NOTIFY_URL: 'https://mall.example.com/api/payments/wechat/notify',
  };

  it('starts in production with real credentials', () => {
    expect(loadAppConfig(production).isProduction).toBe(true);
  });

  it.each(['JWT_SECRET', 'ADMIN_PASSWORD', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'])('refuses production without %s', (key) => {
    const env: Record<string, string> = { ...production };
    delete env[key];
    expect(() => loadAppConfig(env)).toThrow(new RegExp(`production needs real .*${key}`));
  });

  it('refuses production without WeChat Pay, or with part of it, or over plain http', () => {
    const { WECHATPAY_APIV3_KEY: _, ...withoutKey } = production;
    expect(() => loadAppConfig(withoutKey)).toThrow(/WeChat Pay needs all of/);
    const none = Object.fromEntries(Object.entries(production).filter(([k]) => !k.startsWith('WECHATPAY_')));
    expect(() => loadAppConfig(none)).toThrow(/production needs WeChat Pay/);
    expect(() => loadAppConfig({ ...production, WECHATPAY_NOTIFY_URL: 'http://mall.example.com/notify' })).toThrow(/must be https/);
    expect(loadAppConfig(production).wechatPay).toMatchObject({ mchId: '1900000109', apiBase: 'https://api.mch.weixin.qq.com' });
  });

  it.each([{ FAKE_CLOCK: '1' }, { SEED_DEMO: '1' }, { WECHAT_SANDBOX_PUBLIC_BASE: 'http://127.0.0.1:3100' }])(
    'refuses the demo/test-only feature %j in production',
    (extra) => {
      expect(() => loadAppConfig({ ...production, ...extra })).toThrow(/refused in production/);
    },
  );
});
