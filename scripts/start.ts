/**
 * `npm start`: builds what is missing or stale, starts the local WeChat stand-in and the server on
 * the embedded database (or DATABASE_URL), seeds demo data, and prints where everything is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startWechatSandbox } from './wechat-sandbox/server';
import { generatePayKeys, payEnvFor } from './wechat-sandbox/pay-keys';

const ROOT = join(__dirname, '..');
const env = process.env;
const PORT = Number(env.PORT ?? 3000);
const SANDBOX_PORT = Number(env.WECHAT_SANDBOX_PORT ?? 3100);
const APP_ID = env.WECHAT_APP_ID ?? 'wx0000000000demo';
const APP_SECRET = env.WECHAT_APP_SECRET ?? 'demo-app-secret';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Rebuilds a part only when its sources (or the shared package) changed since its last build. */
function buildIfStale(name: string, sources: string[], output: string, args: string[]): void {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const changed = Math.max(...sources.map((s) => newestMtime(join(ROOT, s))));
  if (built > changed) {
    console.log(`✔ ${name} is up to date`);
    return;
  }
  const started = Date.now();
  console.log(`… building ${name}`);
  const r = spawnSync('npm', args, { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`${r.stdout}\n${r.stderr}\n✘ building ${name} failed`);
    process.exit(1);
  }
  console.log(`✔ built ${name} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  buildIfStale('shared package', ['shared/src'], join(ROOT, 'shared/dist/cjs/index.js'), ['run', 'build', '-w', '@mall/shared']);
  buildIfStale('server', ['server/src', 'shared/src'], join(ROOT, 'server/dist/main.js'), ['run', 'build', '-w', '@mall/server']);
  buildIfStale('admin web', ['server/admin/src', 'server/admin/index.html', 'shared/src'], join(ROOT, 'server/admin/dist/index.html'), ['run', 'build', '-w', '@mall/admin']);
  buildIfStale('mini-program (H5)', ['miniapp/src', 'miniapp/config', 'shared/src'], join(ROOT, 'miniapp/dist/h5/index.html'), ['run', 'build:h5', '-w', '@mall/miniapp']);

  // WeChat Pay keys for this demo run only (never committed): the stand-in keeps the platform's half.
  const payKeys = generatePayKeys();
  // The H5 pay page returns only to loopback or these hosts (where the app is served in a shared demo).
  const appHosts = (env.WECHAT_SANDBOX_APP_HOSTS ?? '').split(',').filter(Boolean);
  const sandbox = await startWechatSandbox({ port: SANDBOX_PORT, host: '127.0.0.1', appId: APP_ID, appSecret: APP_SECRET, payKeys, appHosts });
  const payEnv = payEnvFor(payKeys, join(ROOT, 'data', 'wechatpay-demo'), sandbox.url, `http://127.0.0.1:${PORT}/api/payments/wechat/notify`);
  console.log(`✔ WeChat stand-in on ${sandbox.url}`);

  const server = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...env,
      NODE_ENV: env.NODE_ENV === 'production' ? 'development' : (env.NODE_ENV ?? 'development'),
      PORT: String(PORT),
      SEED_DEMO: env.SEED_DEMO ?? '1',
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_API_BASE: sandbox.url,
      ...payEnv,
      WECHAT_SANDBOX_PUBLIC_BASE: env.WECHAT_SANDBOX_PUBLIC_BASE ?? sandbox.url,
    },
  });
  const stop = async () => {
    server.kill('SIGTERM');
    await sandbox.close();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
  server.on('exit', (code) => {
    void sandbox.close().then(() => process.exit(code ?? 1));
  });

  const base = `http://localhost:${PORT}`;
  if (!(await waitForHealth(`${base}/api/health`, 120_000))) {
    console.error('✘ the server did not become healthy within 2 minutes');
    await stop();
    process.exit(1);
  }
  const adminUser = env.ADMIN_USERNAME ?? 'admin';
  const adminPassword = env.ADMIN_PASSWORD ?? 'admin123456';
  console.log(`
  会员商城 demo is running (database: ${(env.DATABASE_URL ?? 'sqlite:./data/mall.sqlite').replace(/:[^:@/]*@/, ':***@')})

  Mini-program (H5)   ${base}/h5/
  Merchant admin      ${base}/admin/     login: ${adminUser} / ${adminPassword}
  API docs            ${base}/api/docs
  Health              ${base}/api/health
  WeChat stand-in     ${sandbox.url}

  Press Ctrl+C to stop.
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
