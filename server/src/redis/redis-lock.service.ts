import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RedisService } from './redis.service';

/** Extends the lock only while it still holds our token. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export interface HeldLock {
  renew(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * `SET key token NX PX ttl` locks for work that only one instance should do at a time. They are an
 * optimisation in front of the database's own run-once rows, never the authority: a lock that
 * cannot be taken because Redis is unreachable is reported as `unavailable` and the caller goes on
 * with the database alone.
 */
@Injectable()
export class RedisLockService {
  private readonly logger = new Logger(RedisLockService.name);

  constructor(private readonly redis: RedisService) {}

  /** The lock, `held` when another owner has it, or `unavailable` without (reachable) Redis. */
  async acquire(name: string, ttlMs: number): Promise<HeldLock | 'held' | 'unavailable'> {
    const client = this.redis.client;
    if (!client) return 'unavailable';
    const key = this.redis.key('lock', name);
    const token = randomUUID();
    try {
      const ok = await client.set(key, token, 'PX', ttlMs, 'NX');
      if (ok !== 'OK') return 'held';
    } catch (error) {
      this.logger.warn(`Redis lock ${name} unavailable, using the database alone: ${(error as Error).message}`);
      return 'unavailable';
    }
    return {
      renew: async (ms) => Number(await client.eval(RENEW, 1, key, token, ms).catch(() => 0)) === 1,
      // Only while it still holds our token: a lock that expired and was re-taken is left alone.
      release: () => this.redis.deleteIfEquals(`lock:${name}`, token),
    };
  }
}
