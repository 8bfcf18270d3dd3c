/**
 * Shared pieces of `npm run bench -- <name>`: child processes for the WeChat stand-in and servers,
 * scratch MariaDB databases, autocannon runs, and the closing report line
 * `ratio=<x> p99_ms=<y> invariants=ok|fail` with a JSON copy under bench-results/.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';

export const ROOT = join(__dirname, '..', '..');
export const MYSQL_BASE = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface RunResult {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  durationS: number;
  /** CPU milliseconds per request of the watched processes (Linux /proc), when asked for. */
  cpuMsPerRequest?: Record<string, number>;
  /** write(2)-family system calls per request of the watched processes. */
  writesPerRequest?: Record<string, number>;
}

/**
 * user + system CPU time in ms of a process and its descendants (tsx runs a child), Linux only.
 * This process itself counts alone: the servers under test are its children.
 */
export function cpuMs(pid: number): number {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  let total = 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    total = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in 100 Hz ticks
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children ? children.split(' ') : []) total += cpuMs(Number(child));
  } catch {
    // gone or not Linux
  }
  return total;
}

/** write(2)-family system calls made so far by a process and its descendants (Linux /proc/<pid>/io). */
export function writeSyscalls(pid: number): number {
  let total = 0;
  try {
    total = Number(/syscw: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
    if (pid === process.pid) return total; // the servers under test are this process's children
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children ? children.split(' ') : []) total += writeSyscalls(Number(child));
  } catch {
    // gone, not Linux, or not ours to read
  }
  return total;
}

/** The local MariaDB server's pid, so a bench can say where the CPU went. */
export function mariadbPid(): number | undefined {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = Number(execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim());
      if (pid) return pid;
    } catch {
      // not running under this name
    }
  }
  return undefined;
}

export async function recreateDatabase(name: string): Promise<string> {
  const conn = await mysql.createConnection(`${MYSQL_BASE}/mysql`);
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return `${MYSQL_BASE}/${name}`;
}

export function startProcess(label: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${label}] ${d}`));
  return child;
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/**
 * Starts counting CPU time and write system calls of the watched processes (by label); the
 * returned `perRequest(n)` divides what they used since by the run's request count.
 */
export function watchProcesses(watch: Record<string, number | undefined> = {}) {
  const watched = Object.entries(watch).filter((e): e is [string, number] => !!e[1]);
  const cpuBefore = watched.map(([, pid]) => cpuMs(pid));
  const writesBefore = watched.map(([, pid]) => writeSyscalls(pid));
  return {
    perRequest(requests: number): Pick<RunResult, 'cpuMsPerRequest' | 'writesPerRequest'> {
      if (!watched.length) return {};
      const per = (value: number) => Number((value / Math.max(1, requests)).toFixed(3));
      return {
        cpuMsPerRequest: Object.fromEntries(watched.map(([label, pid], i) => [label, per(cpuMs(pid) - cpuBefore[i])])),
        writesPerRequest: Object.fromEntries(watched.map(([label, pid], i) => [label, per(writeSyscalls(pid) - writesBefore[i])])),
      };
    },
  };
}

export async function load(
  name: string,
  opts: {
    url: string;
    connections: number;
    durationS: number;
    method?: 'POST' | 'GET';
    body: () => string;
    headers?: Record<string, string>;
    headersPerRequest?: () => Record<string, string>;
    /** Processes whose CPU time per request to report, by label. */
    watch?: Record<string, number | undefined>;
  },
): Promise<RunResult> {
  const usage = watchProcesses(opts.watch);
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationS,
    method: opts.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
    requests: [
      {
        setupRequest: (req: Record<string, any>) => ({
          ...req,
          body: opts.body(),
          headers: { ...req.headers, ...(opts.headersPerRequest ? opts.headersPerRequest() : {}) },
        }),
      },
    ],
  });
  return {
    name,
    ...usage.perRequest(result.requests.total),
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    durationS: opts.durationS,
  };
}

export function report(bench: string, runs: RunResult[], ratio: number, p99: number, invariants: Record<string, boolean>, extra: Record<string, unknown> = {}): boolean {
  console.log('');
  console.log(`benchmark: ${bench}`);
  console.log('| run | requests | req/s | p50 ms | p99 ms | errors | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of runs) console.log(`| ${r.name} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  for (const r of runs) if (r.cpuMsPerRequest) console.log(`cpu ms/request (${r.name}): ${Object.entries(r.cpuMsPerRequest).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const r of runs) if (r.writesPerRequest) console.log(`write syscalls/request (${r.name}): ${Object.entries(r.writesPerRequest).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [k, v] of Object.entries(invariants)) console.log(`invariant ${k}: ${v ? 'ok' : 'FAIL'}`);
  const ok = Object.values(invariants).every(Boolean);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results', `${bench}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ bench, at: new Date().toISOString(), runs, ratio, p99_ms: p99, invariants, ...extra }, null, 2));
  console.log(`results: ${file}`);
  console.log(`ratio=${ratio.toFixed(2)} p99_ms=${p99} invariants=${ok ? 'ok' : 'fail'}`);
  return ok;
}
