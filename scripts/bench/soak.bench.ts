/**
 * soak: the reliability suite's mixed load (logins, double-tapped check-ins, flash-sale and goods
 * redemptions, cash orders paid through the stand-in, cancels, analytics) on two server instances
 * against one MariaDB database for a fixed time (SOAK_SECONDS, default 60), then the books checked.
 * Reports throughput, p50/p99 per route, errors and the invariants, so a regression shows as a number.
 * With REDIS_URL set the instances share Redis too.
 */
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recreateDatabase, ROOT } from './harness';
import { startCluster } from './soak/cluster';
import { runMixedLoad, setupStore } from './soak/mixed-load';
import { checkInvariants } from './soak/invariants';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const MEMBERS = Number(process.env.SOAK_MEMBERS ?? 300);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 32);

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

export async function run(): Promise<boolean> {
  const databaseUrl = await recreateDatabase('bench_soak');
  const redis = process.env.REDIS_URL;
  const cluster = await startCluster({ databaseUrl, ports: [await freePort(), await freePort()], env: redis ? { REDIS_URL: redis, REDIS_KEY_PREFIX: `mall:soak:${process.pid}:` } : {} });
  try {
    const setup = await setupStore(cluster.bases, MEMBERS);
    console.log(`soak: ${SECONDS} s, ${MEMBERS} members, ${CONCURRENCY} concurrent clients, 2 instances${redis ? ' + Redis' : ''}`);
    const report = await runMixedLoad({ bases: cluster.bases, sandbox: cluster.sandbox, setup, durationMs: SECONDS * 1000, concurrency: CONCURRENCY });
    await new Promise((r) => setTimeout(r, 3000)); // the last payment notifications land
    const broken = await checkInvariants(databaseUrl, setup.initialStock);

    console.log('');
    console.log('| route | requests | p50 ms | p99 ms | answers |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const [name, r] of Object.entries(report.routes).sort()) {
      console.log(`| ${name} | ${r.count} | ${r.p50} | ${r.p99} | ${Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ')} |`);
    }
    for (const [name, n] of Object.entries(broken)) console.log(`invariant ${name}: ${n === 0 ? 'ok' : `FAIL (${n} rows)`}`);
    const p99 = Math.max(...Object.values(report.routes).map((r) => r.p99));
    const ok = report.serverErrors === 0 && report.networkErrors === 0 && Object.values(broken).every((n) => n === 0);
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    const file = join(ROOT, 'bench-results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ bench: 'soak', at: new Date().toISOString(), seconds: SECONDS, members: MEMBERS, concurrency: CONCURRENCY, ...report, invariants: broken }, null, 2));
    console.log(`results: ${file}`);
    console.log(`rps=${report.rps.toFixed(0)} requests=${report.requests} worst_p99_ms=${p99} errors=${report.serverErrors + report.networkErrors} paid_orders=${report.paidOrders} invariants=${ok ? 'ok' : 'fail'}`);
    return ok;
  } finally {
    await cluster.close();
  }
}
