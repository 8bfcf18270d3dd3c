"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_ADMIN = void 0;
exports.isMysqlRun = isMysqlRun;
exports.startTestApp = startTestApp;
/**
 * Starts the real server (Fastify + Nest + TypeORM) on a random port against a real database, plus
 * the local WeChat stand-in, for API tests over real HTTP. The database is SQLite (a fresh file)
 * unless DATABASE_URL=mysql://…, in which case each jest worker gets its own scratch database.
 */
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const typeorm_1 = require("typeorm");
const create_app_1 = require("../src/bootstrap/create-app");
const app_config_1 = require("../src/config/app-config");
const admin_users_service_1 = require("../src/admin-users/admin-users.service");
const settings_service_1 = require("../src/settings/settings.service");
const server_1 = require("../../scripts/wechat-sandbox/server");
const pay_keys_1 = require("../../scripts/wechat-sandbox/pay-keys");
const node_net_1 = require("node:net");
exports.TEST_ADMIN = { username: 'owner', password: 'test-owner-password' };
function isMysqlRun() {
    return (process.env.DATABASE_URL ?? '').startsWith('mysql://');
}
async function prepareDatabaseUrl() {
    const base = process.env.DATABASE_URL ?? '';
    if (base.startsWith('mysql://')) {
        const u = new URL(base);
        const dbName = `${u.pathname.slice(1) || 'test'}_w${process.env.JEST_WORKER_ID ?? '1'}`;
        const admin = new typeorm_1.DataSource({ type: 'mysql', url: base });
        await admin.initialize();
        await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
        await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        await admin.destroy();
        u.pathname = '/' + dbName;
        return { url: u.toString(), cleanup: () => undefined };
    }
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'mall-test-'));
    return { url: `sqlite:${(0, node_path_1.join)(dir, 'test.sqlite')}`, cleanup: () => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }) };
}
/**
 * `shareDatabaseWith` starts a second, independent server instance on the first one's database
 * (for run-once and concurrency tests across instances).
 */
async function startTestApp(extraEnv = {}, shareDatabaseWith) {
    const sandbox = await (0, server_1.startWechatSandbox)({ port: 0, appId: 'wxtestappid000001', appSecret: 'test-app-secret' });
    const db = shareDatabaseWith ? { url: shareDatabaseWith.config.database.url, cleanup: () => undefined } : await prepareDatabaseUrl();
    // WeChat posts notifications to the server, so its port is chosen before it starts.
    const port = await freePort();
    const payEnv = (0, pay_keys_1.payEnvFor)(sandbox.pay.keys, (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'mall-pay-')), sandbox.url, `http://127.0.0.1:${port}/api/payments/wechat/notify`);
    const config = (0, app_config_1.loadAppConfig)({
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        FAKE_CLOCK: '1',
        JWT_SECRET: 'test-jwt-secret-0123456789-0123456789-abcdef',
        ADMIN_USERNAME: exports.TEST_ADMIN.username,
        ADMIN_PASSWORD: exports.TEST_ADMIN.password,
        WECHAT_APP_ID: 'wxtestappid000001',
        WECHAT_APP_SECRET: 'test-app-secret',
        WECHAT_API_BASE: sandbox.url,
        WECHAT_SANDBOX_PUBLIC_BASE: sandbox.url,
        WECHAT_TIMEOUT_MS: '2000',
        UPLOAD_DIR: (0, node_path_1.join)((0, node_os_1.tmpdir)(), `mall-uploads-${process.pid}`),
        ADMIN_DIST_DIR: '/nonexistent',
        H5_DIST_DIR: '/nonexistent',
        ...payEnv,
        ...extraEnv,
    });
    const app = await (0, create_app_1.createApp)(config);
    await app.listen({ port, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const dataSource = app.get(typeorm_1.DataSource);
    const adminTokens = new Map();
    const request = async (method, path, opts = {}) => {
        const headers = { ...(opts.headers ?? {}) };
        if (opts.token)
            headers['authorization'] = `Bearer ${opts.token}`;
        let body;
        if (opts.rawBody !== undefined)
            body = opts.rawBody;
        else if (opts.body !== undefined) {
            body = JSON.stringify(opts.body);
            headers['content-type'] ??= 'application/json';
        }
        const res = await fetch(baseUrl + path, { method, headers, body });
        const text = await res.text();
        let parsed = text;
        if ((res.headers.get('content-type') ?? '').includes('json') && text)
            parsed = JSON.parse(text);
        return { status: res.status, body: parsed, headers: res.headers };
    };
    const testApp = {
        baseUrl,
        app,
        config,
        sandbox,
        dataSource,
        request,
        async loginMember(openid, inviteCode) {
            const res = await request('POST', '/api/auth/wx-login', { body: { code: `sandbox:${openid}`, ...(inviteCode ? { inviteCode } : {}) } });
            if (res.status !== 200)
                throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
            return res.body;
        },
        async adminToken(role = 'owner') {
            const cached = adminTokens.get(role);
            if (cached)
                return cached;
            const username = role === 'owner' ? exports.TEST_ADMIN.username : `test_${role}`;
            const password = role === 'owner' ? exports.TEST_ADMIN.password : `password-${role}`;
            if (role !== 'owner') {
                const exists = await dataSource.query(`SELECT id FROM admin_users WHERE username = '${username}'`);
                if (!exists.length)
                    await app.get(admin_users_service_1.AdminUsersService).create(username, password, role);
            }
            const res = await request('POST', '/api/admin/auth/login', { body: { username, password } });
            if (res.status !== 200)
                throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
            adminTokens.set(role, res.body.token);
            return res.body.token;
        },
        async setClock(iso) {
            const res = await request('PUT', '/api/dev/clock', { body: { now: iso } });
            if (res.status !== 200)
                throw new Error(`setClock failed: ${res.status}`);
        },
        async resetClock() {
            await request('DELETE', '/api/dev/clock');
        },
        async runJob(name) {
            const res = await request('POST', `/api/dev/jobs/${name}`);
            if (res.status !== 201 && res.status !== 200)
                throw new Error(`job ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
            return res.body;
        },
        async reset() {
            const tables = dataSource.entityMetadatas.map((m) => m.tableName);
            for (const t of tables)
                await dataSource.query(`DELETE FROM ${t}`);
            await request('DELETE', '/api/dev/clock');
            await app.get(settings_service_1.SettingsService).clearCache();
            adminTokens.clear();
            await app.get(admin_users_service_1.AdminUsersService).onApplicationBootstrap();
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
function freePort() {
    return new Promise((resolve, reject) => {
        const probe = (0, node_net_1.createServer)();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}
//# sourceMappingURL=harness.js.map