import { randomBytes } from 'node:crypto';
import { loadAppConfig } from '../config/app-config';
import { RedisService } from './redis.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** The Redis rate-limit store against a real Redis, with short windows. */
describe('RedisThrottlerStorage', () => {
  const prefix = `mall:test:${randomBytes(6).toString('hex')}:`;
  const redisFor = (url: string) => new RedisService(loadAppConfig({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix }));
  const redis = redisFor(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(() => redis.onModuleInit());
  afterAll(async () => {
    const keys = await redis.client!.keys(`${prefix}*`);
    if (keys.length) await redis.client!.del(...keys);
    await redis.onApplicationShutdown();
  });

  it('counts hits in a window, blocks past the limit for the block duration, then starts a fresh window', async () => {
    const store = new RedisThrottlerStorage(redis);
    const hit = () => store.increment('k1', 300, 3, 1500, 'login');
    const first = [await hit(), await hit(), await hit()];
    expect(first.map((r) => [r.totalHits, r.isBlocked])).toEqual([[1, false], [2, false], [3, false]]);
    expect(first[0].timeToExpire).toBe(1);
    const fourth = await hit();
    expect(fourth).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 2 });
    await sleep(500); // the window has passed but the block has not
    expect(await hit()).toMatchObject({ isBlocked: true });
    await sleep(1100);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps separate counts per key and per throttler', async () => {
    const store = new RedisThrottlerStorage(redis);
    await store.increment('k2', 10_000, 1, 10_000, 'login');
    expect(await store.increment('k2', 10_000, 1, 10_000, 'login')).toMatchObject({ isBlocked: true });
    expect(await store.increment('k3', 10_000, 1, 10_000, 'login')).toMatchObject({ isBlocked: false });
    expect(await store.increment('k2', 10_000, 1, 10_000, 'other')).toMatchObject({ isBlocked: false });
  });

  it('counts atomically: 50 concurrent hits with a limit of 10 let exactly 10 through', async () => {
    const store = new RedisThrottlerStorage(redis);
    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment('k4', 10_000, 10, 10_000, 'login')));
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(10);
  });

  it('limits in this process alone when Redis is unreachable', async () => {
    const down = redisFor('redis://127.0.0.1:1');
    await down.onModuleInit();
    const store = new RedisThrottlerStorage(down);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await store.increment('k5', 10_000, 2, 10_000, 'login'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, true]);
    await down.onApplicationShutdown();
  });
});
