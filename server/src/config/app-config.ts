import { z } from 'zod';
import { isValidTimezone } from '@mall/shared';

/**
 * Every setting the server reads, validated once at start. A bad or missing value stops the
 * process with one clear line (see `loadAppConfig`). Production refuses demo defaults.
 */
const DEMO_ADMIN_PASSWORD = 'admin123456';
const DEMO_JWT_SECRET = 'demo-only-jwt-secret-change-me-0123456789';
const DEMO_WECHAT_APP_ID = 'wx0000000000demo';
const DEMO_WECHAT_SECRET = 'demo-app-secret';

const boolFlag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/mall.sqlite')
    .refine((v) => /^sqlite:.+/.test(v) || /^mysql:\/\/.+/.test(v), 'must be sqlite:<file> or mysql://user:pass@host:port/db'),
  STORE_NAME: z.string().min(1).max(40).default('会员好物商城'),
  STORE_TIMEZONE: z.string().default('Asia/Shanghai').refine(isValidTimezone, 'is not an IANA time zone'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEMO_JWT_SECRET),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(7200),
  REFRESH_TTL_SECONDS: z.coerce.number().int().min(3600).default(30 * 86400),
  ADMIN_USERNAME: z.string().min(3).max(32).default('admin'),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEMO_ADMIN_PASSWORD),
  WECHAT_APP_ID: z.string().min(1).default(DEMO_WECHAT_APP_ID),
  WECHAT_APP_SECRET: z.string().min(1).default(DEMO_WECHAT_SECRET),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** Public URL of the local WeChat stand-in, given to the H5 build to fetch login codes (demo only). */
  WECHAT_SANDBOX_PUBLIC_BASE: z.string().url().optional(),
  WECHAT_TEMPLATE_POINTS_EXPIRY: z.string().min(1).default('demo-tmpl-points-expiry'),
  WECHAT_TEMPLATE_CHECKIN_REMINDER: z.string().min(1).default('demo-tmpl-checkin-reminder'),
  WECHAT_TEMPLATE_MEMBER_DAY: z.string().min(1).default('demo-tmpl-member-day'),
  WECHAT_TEMPLATE_CAMPAIGN: z.string().min(1).default('demo-tmpl-campaign'),
  /** WeChat Pay v3 (merchant id, API certificate serial and private key, platform key, APIv3 key). */
  WECHATPAY_MCH_ID: z.string().regex(/^\d{6,20}$/, 'must be the merchant id (digits)').optional(),
  WECHATPAY_MCH_SERIAL: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the API certificate serial (hex)').optional(),
  WECHATPAY_PRIVATE_KEY_FILE: z.string().optional(),
  WECHATPAY_PLATFORM_SERIAL: z.string().regex(/^[0-9A-Za-z_]{8,64}$/, 'must be the platform certificate serial').optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, 'must be the 32-character APIv3 key').optional(),
  WECHATPAY_API_BASE: z.string().url().default('https://api.mch.weixin.qq.com'),
  /** Where WeChat posts payment and refund notifications (this server's public /api/payments/wechat/notify). */
  WECHATPAY_NOTIFY_URL: z.string().url().optional(),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  /** Where uploaded images (tier icons, banners) are kept, named by content hash. */
  UPLOAD_DIR: z.string().default('./data/uploads'),
  ANALYTICS_RAW_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(90),
  /** Member export files written by export jobs; deleted when they expire. */
  EXPORT_DIR: z.string().default('./data/exports'),
  EXPORT_FILE_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** Up to this many matching members the admin downloads directly; more go through an export job. */
  EXPORT_DIRECT_MAX_ROWS: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  /** Other web origins allowed to call the API from a browser (e.g. an admin on its own domain); none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be a comma-separated list of origins like https://admin.example.com'),
  FAKE_CLOCK: boolFlag,
  /** Demo only: fill an empty database with an admin's worth of realistic members at start. */
  SEED_DEMO: boolFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory of the built admin web app and H5 mini-program; served at /admin and /h5 when present. */
  ADMIN_DIST_DIR: z.string().optional(),
  H5_DIST_DIR: z.string().optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10),
  /** Optional: shared rate limits, cache invalidation and job locks across instances. */
  REDIS_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^rediss?:\/\/.+/.test(v), 'must be redis://[user:pass@]host:port[/db] or rediss://…'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,40}$/, 'must be 1-40 of letters, digits, : _ . -')
    .default('mall:'),
});

export type DatabaseKind = 'sqlite' | 'mysql';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  database: { kind: DatabaseKind; url: string; sqlitePath?: string };
  store: { name: string; timezone: string };
  auth: { jwtSecret: string; jwtTtlSeconds: number; refreshTtlSeconds: number; loginRateLimitPerMinute: number };
  admin: { username: string; password: string; isDemoPassword: boolean };
  wechat: {
    appId: string;
    appSecret: string;
    apiBase: string;
    sandboxPublicBase?: string;
    timeoutMs: number;
    /** Subscribe-message template ids per topic, from the mini-program's WeChat console. */
    templates: { points_expiry: string; checkin_reminder: string; member_day: string; campaign: string };
  };
  /** Absent when not configured: cash payments are then refused with a clear error. */
  wechatPay?: {
    mchId: string;
    merchantSerial: string;
    privateKeyFile: string;
    platformSerial: string;
    platformPublicKeyFile: string;
    apiV3Key: string;
    apiBase: string;
    notifyUrl: string;
  };
  uploadDir: string;
  /** Days raw analytics events are kept before the daily roll-up job deletes them. */
  analytics: { rawRetentionDays: number };
  http: { bodyLimitBytes: number; corsOrigins: string[] };
  exports: { dir: string; fileTtlMinutes: number; directMaxRows: number };
  fakeClock: boolean;
  seedDemo: boolean;
  logLevel: string;
  static: { adminDistDir?: string; h5DistDir?: string };
  /** Absent without REDIS_URL: one instance, in-memory rate limits, database job locks. */
  redis?: { url: string; keyPrefix: string };
}

export class ConfigError extends Error {}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const payFields = [e.WECHATPAY_MCH_ID, e.WECHATPAY_MCH_SERIAL, e.WECHATPAY_PRIVATE_KEY_FILE, e.WECHATPAY_PLATFORM_SERIAL, e.WECHATPAY_PLATFORM_PUBLIC_KEY_FILE, e.WECHATPAY_APIV3_KEY, e.WECHATPAY_NOTIFY_URL];
  const payConfigured = payFields.every(Boolean);
  if (!payConfigured && payFields.some(Boolean)) throw new ConfigError('Invalid configuration: WeChat Pay needs all of WECHATPAY_MCH_ID, WECHATPAY_MCH_SERIAL, WECHATPAY_PRIVATE_KEY_FILE, WECHATPAY_PLATFORM_SERIAL, WECHATPAY_PLATFORM_PUBLIC_KEY_FILE, WECHATPAY_APIV3_KEY, WECHATPAY_NOTIFY_URL');
  if (isProduction) {
    const demoLeft = [
      !env.JWT_SECRET && 'JWT_SECRET',
      !env.ADMIN_PASSWORD && 'ADMIN_PASSWORD',
      !env.ADMIN_USERNAME && 'ADMIN_USERNAME',
      (!env.WECHAT_APP_ID || e.WECHAT_APP_ID === DEMO_WECHAT_APP_ID) && 'WECHAT_APP_ID',
      (!env.WECHAT_APP_SECRET || e.WECHAT_APP_SECRET === DEMO_WECHAT_SECRET) && 'WECHAT_APP_SECRET',
    ].filter(Boolean);
    if (demoLeft.length) {
      throw new ConfigError(`Invalid configuration: production needs real ${demoLeft.join(', ')} (demo defaults are refused)`);
    }
    if (e.FAKE_CLOCK) throw new ConfigError('Invalid configuration: FAKE_CLOCK is a test-only feature and is refused in production');
    if (e.SEED_DEMO) throw new ConfigError('Invalid configuration: SEED_DEMO is a demo-only feature and is refused in production');
    if (!payConfigured) throw new ConfigError('Invalid configuration: production needs WeChat Pay (WECHATPAY_MCH_ID, WECHATPAY_MCH_SERIAL, WECHATPAY_PRIVATE_KEY_FILE, WECHATPAY_PLATFORM_SERIAL, WECHATPAY_PLATFORM_PUBLIC_KEY_FILE, WECHATPAY_APIV3_KEY, WECHATPAY_NOTIFY_URL)');
    if (!e.WECHATPAY_API_BASE.startsWith('https://') || !e.WECHATPAY_NOTIFY_URL!.startsWith('https://')) {
      throw new ConfigError('Invalid configuration: WECHATPAY_API_BASE and WECHATPAY_NOTIFY_URL must be https in production');
    }
    if (e.WECHAT_SANDBOX_PUBLIC_BASE) {
      throw new ConfigError('Invalid configuration: WECHAT_SANDBOX_PUBLIC_BASE is demo-only and is refused in production');
    }
  }
  const kind: DatabaseKind = e.DATABASE_URL.startsWith('mysql:') ? 'mysql' : 'sqlite';
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    database: { kind, url: e.DATABASE_URL, sqlitePath: kind === 'sqlite' ? e.DATABASE_URL.slice('sqlite:'.length) : undefined },
    store: { name: e.STORE_NAME, timezone: e.STORE_TIMEZONE },
    auth: {
      jwtSecret: e.JWT_SECRET,
      jwtTtlSeconds: e.JWT_TTL_SECONDS,
      refreshTtlSeconds: e.REFRESH_TTL_SECONDS,
      loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    },
    admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD, isDemoPassword: e.ADMIN_PASSWORD === DEMO_ADMIN_PASSWORD },
    wechat: {
      appId: e.WECHAT_APP_ID,
      appSecret: e.WECHAT_APP_SECRET,
      apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
      sandboxPublicBase: e.WECHAT_SANDBOX_PUBLIC_BASE?.replace(/\/$/, ''),
      timeoutMs: e.WECHAT_TIMEOUT_MS,
      templates: {
        points_expiry: e.WECHAT_TEMPLATE_POINTS_EXPIRY,
        checkin_reminder: e.WECHAT_TEMPLATE_CHECKIN_REMINDER,
        member_day: e.WECHAT_TEMPLATE_MEMBER_DAY,
        campaign: e.WECHAT_TEMPLATE_CAMPAIGN,
      },
    },
    wechatPay: payConfigured
      ? {
          mchId: e.WECHATPAY_MCH_ID!,
          merchantSerial: e.WECHATPAY_MCH_SERIAL!.toUpperCase(),
          privateKeyFile: e.WECHATPAY_PRIVATE_KEY_FILE!,
          platformSerial: e.WECHATPAY_PLATFORM_SERIAL!,
          platformPublicKeyFile: e.WECHATPAY_PLATFORM_PUBLIC_KEY_FILE!,
          apiV3Key: e.WECHATPAY_APIV3_KEY!,
          apiBase: e.WECHATPAY_API_BASE.replace(/\/$/, ''),
          notifyUrl: e.WECHATPAY_NOTIFY_URL!,
        }
      : undefined,
    uploadDir: e.UPLOAD_DIR,
    analytics: { rawRetentionDays: e.ANALYTICS_RAW_RETENTION_DAYS },
    http: { bodyLimitBytes: e.BODY_LIMIT_BYTES, corsOrigins: e.CORS_ORIGINS },
    exports: { dir: e.EXPORT_DIR, fileTtlMinutes: e.EXPORT_FILE_TTL_MINUTES, directMaxRows: e.EXPORT_DIRECT_MAX_ROWS },
    fakeClock: e.FAKE_CLOCK,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    static: { adminDistDir: e.ADMIN_DIST_DIR, h5DistDir: e.H5_DIST_DIR },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
  };
}

/** Injection token for the validated config object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
