import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { StoreSettingEntity } from './store-setting.entity';
import { TransactionRunner, Tx } from '../database/transaction-runner';
import { RedisService } from '../redis/redis.service';

const INVALIDATE_CHANNEL = 'settings-invalidate';

/**
 * Typed access to merchant settings with defaults. Reads are cached briefly per instance so hot
 * paths (check-in, checkout) don't query settings on every request; writes clear the cache.
 * With Redis a write also tells every other instance to drop the key at once (a Redis channel), so
 * a merchant's change is seen everywhere immediately; the short TTL bounds staleness if a message
 * is lost while Redis is down. Caches derived from settings (the share card, keyed by the slogan)
 * follow by themselves.
 */
@Injectable()
export class SettingsService {
  private readonly cache = new Map<string, { value: unknown; at: number }>();
  private static readonly TTL_MS = 5_000;

  constructor(
    @InjectRepository(StoreSettingEntity) private readonly settings: Repository<StoreSettingEntity>,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
    private readonly redis: RedisService,
  ) {
    redis.subscribe(
      INVALIDATE_CHANNEL,
      (key) => (key === '*' ? this.cache.clear() : this.cache.delete(key)),
      () => this.cache.clear(),
    );
  }

  /**
   * Inside a transaction pass its EntityManager: reading through the pool instead would need a
   * second connection while holding one, and under load every connection ends up waiting.
   */
  async get<T>(key: string, defaults: T, em?: EntityManager): Promise<T> {
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < SettingsService.TTL_MS) return cached.value as T;
    const row = em ? await em.findOneBy(StoreSettingEntity, { key }) : await this.settings.findOneBy({ key });
    const value = row ? ({ ...defaults, ...JSON.parse(row.value) } as T) : defaults;
    this.cache.set(key, { value, at: Date.now() });
    return value;
  }

  /** Drops every cached setting, on every instance when Redis is configured. */
  async clearCache(): Promise<void> {
    this.cache.clear();
    await this.redis.publish(INVALIDATE_CHANNEL, '*');
  }

  private async invalidate(key: string): Promise<void> {
    this.cache.delete(key);
    await this.redis.publish(INVALIDATE_CHANNEL, key);
  }

  /**
   * Saves a setting. Pass the caller's transaction to save it together with what goes with it (the
   * audit entry): the cache is then dropped after that transaction commits.
   */
  async set<T>(key: string, value: T, adminId: string | null, tx?: Tx): Promise<void> {
    const row = { key, value: JSON.stringify(value), updatedAt: this.clock.now(), updatedBy: adminId };
    if (!tx) {
      await this.tx.run(({ em }) => em.upsert(StoreSettingEntity, row, ['key']));
      await this.invalidate(key);
      return;
    }
    await tx.em.upsert(StoreSettingEntity, row, ['key']);
    tx.afterCommit(() => this.invalidate(key));
  }
}
