/**
 * A MariaDB server of our own (its own data directory and port), so a test can stop and restart the
 * database in the middle of a load without touching the machine's shared server.
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

export interface PrivateMariadb {
  url: string;
  port: number;
  /** Stops the server: `crash` kills it (SIGKILL, InnoDB recovers at start), otherwise a clean shutdown. */
  stop(how?: 'crash' | 'clean'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function binary(names: string[]): string {
  for (const name of names) {
    for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin']) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(`MariaDB is not installed (none of ${names.join(', ')} found): apt-get install mariadb-server`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: url, connectTimeout: 1000 });
    await c.query('SELECT 1');
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function startPrivateMariadb(port: number, database = 'mall'): Promise<PrivateMariadb> {
  const mariadbd = binary(['mariadbd', 'mysqld']);
  const installDb = binary(['mariadb-install-db', 'mysql_install_db']);
  const dir = mkdtempSync(join(tmpdir(), 'mall-mariadb-'));
  const user = userInfo().username;
  const install = spawnSync(installDb, ['--no-defaults', `--datadir=${join(dir, 'data')}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
  const rootUrl = `mysql://root@127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      mariadbd,
      ['--no-defaults', `--datadir=${join(dir, 'data')}`, `--user=${user}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${join(dir, 'mysqld.sock')}`, `--pid-file=${join(dir, 'mysqld.pid')}`, '--innodb-buffer-pool-size=128M', '--max-connections=500', '--skip-log-bin'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    while (!(await answers(`${rootUrl}/mysql`))) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('private MariaDB did not start within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const stop = async (how: 'crash' | 'clean' = 'clean') => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(how === 'crash' ? 'SIGKILL' : 'SIGTERM');
    });
    child = null;
  };

  await start();
  const c = await mysql.createConnection(`${rootUrl}/mysql`);
  await c.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  return {
    url: `${rootUrl}/${database}`,
    port,
    stop,
    start,
    async destroy() {
      await stop('clean');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
