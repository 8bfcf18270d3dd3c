import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { loadAppConfig } from '../config/app-config';
import { RedisService } from './redis.service';

/**
 * The subscriber against a private redis-server that is stopped and started again: health says
 * down until it listens again, and the resubscribe hook (caches drop what they may have missed)
 * runs once per reconnection, not at the first connection.
 */
describe('RedisService subscriber across a Redis restart', () => {
  let port: number;
  let server: ChildProcess | undefined;
  let redis: RedisService;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const startRedis = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await sleep(300);
  };
  const stopRedis = () =>
    new Promise<void>((resolve) => {
      server!.once('exit', () => resolve());
      server!.kill('SIGKILL');
    });
  const healthy = () => redis.ping(1000).then(() => true, () => false);
  const until = async (check: () => Promise<boolean> | boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await check()) && Date.now() < deadline) await sleep(100);
    return check();
  };

  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    await startRedis();
  });
  afterAll(async () => {
    await redis?.onApplicationShutdown();
    server?.kill('SIGKILL');
  });

  it('is healthy only while listening, and calls the resubscribe hook after each reconnection', async () => {
    redis = new RedisService(loadAppConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: 'mall:spec:' }));
    const messages: string[] = [];
    let resubscribed = 0;
    redis.subscribe('ch', (m) => messages.push(m), () => resubscribed++);
    await redis.onModuleInit();
    expect(await healthy()).toBe(true);
    expect(resubscribed).toBe(0);
    await redis.publish('ch', 'one');
    expect(await until(() => messages.length === 1)).toBe(true);

    await stopRedis();
    expect(await until(async () => !(await healthy()))).toBe(true);
    await startRedis();
    expect(await until(healthy)).toBe(true);
    expect(resubscribed).toBe(1);
    await redis.publish('ch', 'two');
    expect(await until(() => messages.length === 2)).toBe(true);
    expect(messages).toEqual(['one', 'two']);
  }, 30_000);
});
