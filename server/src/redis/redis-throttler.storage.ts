import { Logger } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RedisService } from './redis.service';

/**
 * One hit, atomically: a blocked key reports its block; otherwise the window counter is increased
 * (its expiry set on the window's first hit); going past the limit blocks the key for the block
 * duration and starts a fresh window after it, as @nestjs/throttler's in-memory store does.
 * Returns {hits, window ms left, blocked 0/1, block ms left}.
 */
const INCREMENT = `
local ttl, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {limit + 1, blockLeft, 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  left = ttl
end
if hits <= limit then
  return {hits, left, 0, 0}
end
if block > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('DEL', KEYS[1])
  return {hits, block, 1, block}
end
return {hits, left, 1, left}
`;

/**
 * Rate limits shared by every instance through Redis, so a limit (e.g. 10 admin logins a minute)
 * holds however the load balancer spreads the attempts. While Redis is unreachable each instance
 * limits on its own (the in-memory store) instead of refusing or waving everything through.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new ThrottlerStorageService();

  constructor(private readonly redis: RedisService) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const client = this.redis.client!;
    try {
      const base = this.redis.key('throttle', throttlerName, key);
      const [hits, left, blocked, blockLeft] = (await client.eval(INCREMENT, 2, base, `${base}:blocked`, ttl, limit, blockDuration)) as number[];
      return { totalHits: hits, timeToExpire: Math.ceil(left / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(blockLeft / 1000) };
    } catch (error) {
      this.logger.warn(`Redis rate limit unavailable, limiting this instance alone: ${(error as Error).message}`);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
