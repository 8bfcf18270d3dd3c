/**
 * Starts the real server (Fastify + Nest + TypeORM) on a random port against a real database, plus
 * the local WeChat stand-in, for API tests over real HTTP. The database is SQLite (a fresh file)
 * unless DATABASE_URL=mysql://…, in which case each jest worker gets its own scratch database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/bootstrap/create-app';
import { loadAppConfig, AppConfig } from '../src/config/app-config';
import { AdminUsersService } from '../src/admin-users/admin-users.service';
import { SettingsService } from '../src/settings/settings.service';
import { startWechatSandbox, WechatSandbox } from '../../scripts/wechat-sandbox/server';
import { payEnvFor } from '../../scripts/wechat-sandbox/pay-keys';
import { createServer } from 'node:net';

export const TEST_ADMIN = { username: 'owner', password: 'test-owner-password' };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  baseUrl: string;
  app: NestFastifyApplication;
  config: AppConfig;
  sandbox: WechatSandbox;
  dataSource: DataSource;
  request<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  loginMember(openid: string, inviteCode?: string): Promise<{ token: string; refreshToken: string; member: any }>;
  adminToken(role?: 'owner' | 'operator' | 'analyst'): Promise<string>;
  setClock(iso: string): Promise<void>;
  resetClock(): Promise<void>;
  /** Runs a daily job's occurrence for the (test) clock's store day, through the dev endpoint. */
  runJob(name: string): Promise<{ ran: boolean; affected?: number }>;
  /** Empties every table, then re-creates the owner account. */
  reset(): Promise<void>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export function isMysqlRun(): boolean {
  return (process.env.DATABASE_URL ?? '').startsWith('mysql://');
}

async function prepareDatabaseUrl(): Promise<{ url: string; cleanup: () => void }> {
  const base = process.env.DATABASE_URL ?? '';
  if (base.startsWith('mysql://')) {
    const u = new URL(base);
    const dbName = `${u.pathname.slice(1) || 'test'}_w${process.env.JEST_WORKER_ID ?? '1'}`;
    const admin = new DataSource({ type: 'mysql', url: base });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
    u.pathname = '/' + dbName;
    return { url: u.toString(), cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mall-test-'));
  return { url: `sqlite:${join(dir, 'test.sqlite')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `shareDatabaseWith` starts a second, independent server instance on the first one's database
 * (for run-once and concurrency tests across instances).
 */
export async function startTestApp(extraEnv: Record<string, string> = {}, shareDatabaseWith?: TestApp): Promise<TestApp> {
  const sandbox = await startWechatSandbox({ port: 0, appId: 'wxtestappid000001', appSecret: 'test-app-secret' });
  const db = shareDatabaseWith ? { url: shareDatabaseWith.config.database.url, cleanup: () => undefined } : await prepareDatabaseUrl();
  // WeChat posts notifications to the server, so its port is chosen before it starts.
  const port = await freePort();
  const payEnv = payEnvFor(sandbox.pay.keys, mkdtempSync(join(tmpdir(), 'mall-pay-')), sandbox.url, `http://127.0.0.1:${port}/api/payments/wechat/notify`);
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    FAKE_CLOCK: '1',
    JWT_SECRET: 'test-jwt-secret-0123456789-0123456789-abcdef',
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    WECHAT_APP_ID: 'wxtestappid000001',
    WECHAT_APP_SECRET: 'test-app-secret',
    WECHAT_API_BASE: sandbox.url,
    WECHAT_SANDBOX_PUBLIC_BASE: sandbox.url,
    WECHAT_TIMEOUT_MS: '2000',
    UPLOAD_DIR: join(tmpdir(), `mall-uploads-${process.pid}`),
    ADMIN_DIST_DIR: '/nonexistent',
    H5_DIST_DIR: '/nonexistent',
    ...payEnv,
    ...extraEnv,
  });
  const app = await createApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const dataSource = app.get(DataSource);
  const adminTokens = new Map<string, string>();

  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  const testApp: TestApp = {
    baseUrl,
    app,
    config,
    sandbox,
    dataSource,
    request,
    async loginMember(openid, inviteCode) {
      const res = await request('POST', '/api/auth/wx-login', { body: { code: `sandbox:${openid}`, ...(inviteCode ? { inviteCode } : {}) } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async adminToken(role = 'owner') {
      const cached = adminTokens.get(role);
      if (cached) return cached;
      const username = role === 'owner' ? TEST_ADMIN.username : `test_${role}`;
      const password = role === 'owner' ? TEST_ADMIN.password : `password-${role}`;
      if (role !== 'owner') {
        const exists = await dataSource.query(`SELECT id FROM admin_users WHERE username = '${username}'`);
        if (!exists.length) await app.get(AdminUsersService).create(username, password, role);
      }
      const res = await request('POST', '/api/admin/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
      adminTokens.set(role, res.body.token);
      return res.body.token;
    },
    async setClock(iso) {
      const res = await request('PUT', '/api/dev/clock', { body: { now: iso } });
      if (res.status !== 200) throw new Error(`setClock failed: ${res.status}`);
    },
    async resetClock() {
      await request('DELETE', '/api/dev/clock');
    },
    async runJob(name) {
      const res = await request('POST', `/api/dev/jobs/${name}`);
      if (res.status !== 201 && res.status !== 200) throw new Error(`job ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async reset() {
      const tables = dataSource.entityMetadatas.map((m) => m.tableName);
      for (const t of tables) await dataSource.query(`DELETE FROM ${t}`);
      await request('DELETE', '/api/dev/clock');
      await app.get(SettingsService).clearCache();
      adminTokens.clear();
      await app.get(AdminUsersService).onApplicationBootstrap();
    },
    async count(table) {
      const rows = await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(rows[0].n);
    },
    async close() {
      await app.close();
      await sandbox.close();
      db.cleanup();
    },
  };
  return testApp;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
