/**
 * A paced load for latency at a stated throughput: `connections` keep-alive connections, each
 * sending on a fixed schedule (staggered so the whole load is `rate` requests per second, evenly
 * spread), latency counted from the scheduled send time so a late answer also delays the next
 * request's count (no coordinated omission). autocannon's `overallRate` sends each second's quota
 * as a burst, which measures the burst's queue rather than the server.
 */
import http from 'node:http';
import { RunResult, watchProcesses } from './harness';

export async function pacedLoad(
  name: string,
  opts: {
    url: string;
    connections: number;
    durationS: number;
    rate: number;
    body: () => string;
    headersPerRequest: () => Record<string, string>;
    watch?: Record<string, number | undefined>;
  },
): Promise<RunResult> {
  const usage = watchProcesses(opts.watch);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const url = new URL(opts.url);
  const interval = (opts.connections * 1000) / opts.rate;
  const start = performance.now() + 50;
  const end = start + opts.durationS * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;

  const send = () =>
    new Promise<number>((resolve) => {
      const body = opts.body();
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...opts.headersPerRequest() } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });

  const worker = async (i: number) => {
    for (let k = 0; ; k++) {
      const due = start + (i * interval) / opts.connections + k * interval;
      if (due >= end) return;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const status = await send();
      latencies.push(performance.now() - due);
      if (status === 0) errors++;
      else if (status < 200 || status >= 300) non2xx++;
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, i) => worker(i)));
  agent.destroy();

  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1));
  return {
    name,
    requests: latencies.length,
    rps: latencies.length / opts.durationS,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
    durationS: opts.durationS,
    ...usage.perRequest(latencies.length),
  };
}
