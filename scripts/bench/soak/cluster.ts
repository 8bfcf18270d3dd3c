/**
 * Several server processes (the built `server/dist/main.js`) on one database, with the WeChat
 * stand-in running in this process: what a load balancer in front of a scaled-out deployment sees.
 * WeChat Pay notifies the first instance, as it would notify the balancer's one public URL.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWechatSandbox, WechatSandbox } from '../../wechat-sandbox/server';
import { payEnvFor } from '../../wechat-sandbox/pay-keys';

const ROOT = join(__dirname, '..', '..', '..');
export const CLUSTER_JWT_SECRET = 'cluster-jwt-secret-0123456789-0123456789';
export const CLUSTER_ADMIN = { username: 'owner', password: 'cluster-owner-password' };

export interface Cluster {
  bases: string[];
  sandbox: WechatSandbox;
  /** The tail of each instance's log (warnings and errors), for a failure's explanation. */
  logs: string[];
  close(): Promise<void>;
}

async function healthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

export async function startCluster(opts: { databaseUrl: string; ports: number[]; env?: Record<string, string> }): Promise<Cluster> {
  const sandbox = await startWechatSandbox({ port: 0, appId: 'wxclusterapp00001', appSecret: 'cluster-app-secret' });
  const bases = opts.ports.map((p) => `http://127.0.0.1:${p}`);
  const payEnv = payEnvFor(sandbox.pay.keys, mkdtempSync(join(tmpdir(), 'mall-cluster-pay-')), sandbox.url, `${bases[0]}/api/payments/wechat/notify`);
  const children: ChildProcess[] = [];
  const logs: string[] = opts.ports.map(() => '');
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: opts.databaseUrl,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    FAKE_CLOCK: '1',
    JWT_SECRET: CLUSTER_JWT_SECRET,
    ADMIN_USERNAME: CLUSTER_ADMIN.username,
    ADMIN_PASSWORD: CLUSTER_ADMIN.password,
    WECHAT_APP_ID: 'wxclusterapp00001',
    WECHAT_APP_SECRET: 'cluster-app-secret',
    WECHAT_API_BASE: sandbox.url,
    WECHAT_TIMEOUT_MS: '3000',
    UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'mall-cluster-uploads-')),
    ...payEnv,
    ...(opts.env ?? {}),
  };
  // One after the other: the first runs the migrations, the next finds them done.
  for (const [i, port] of opts.ports.entries()) {
    const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => (logs[i] = (logs[i] + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.push(child);
    await healthy(bases[i], 60_000);
  }
  return {
    bases,
    sandbox,
    logs,
    async close() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
      await sandbox.close();
    },
  };
}
