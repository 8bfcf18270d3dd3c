import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** How long a command waits for a configured but unreachable Redis before its caller falls back. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * The optional Redis connection (REDIS_URL). Without it `client` is null and every caller keeps
 * its single-instance behaviour. With it, commands fail fast while Redis is unreachable (no offline
 * queue), so callers fall back at once instead of hanging; the client keeps reconnecting meanwhile.
 * Keys are namespaced with REDIS_KEY_PREFIX so one Redis can serve several stores or test runs.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis | null;
  private subscriber: Redis | null = null;
  /** True once the subscriber has confirmed every channel on its current connection. */
  private listening = false;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();
  private readonly reconnectHandlers: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = config.redis ? this.connect('command') : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** A key in this deployment's namespace. */
  key(...parts: string[]): string {
    return this.config.redis!.keyPrefix + parts.join(':');
  }

  async onModuleInit(): Promise<void> {
    if (!this.client) return;
    // Start even when Redis is down (callers fall back); it is reported by /api/health until it is back.
    const connected = await this.client.connect().then(
      () => true,
      (error: Error) => {
        this.logger.warn(`Redis at REDIS_URL is not reachable yet (${error.message}); falling back until it is`);
        return false;
      },
    );
    // Subscriptions are made in constructors; report healthy only once they are confirmed.
    if (connected) await this.untilListening(2000);
  }

  private async untilListening(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.subscriber && !this.listening && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  /**
   * Round trip for the health check; rejects when Redis does not answer in time, or while the
   * subscriber is not (yet again) listening, since until then other instances' invalidations are lost.
   */
  async ping(timeoutMs = 2000): Promise<void> {
    if (!this.client) return;
    if (this.subscriber && !this.listening) throw new Error('subscriber not listening');
    await Promise.race([
      this.client.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
  }

  /** A value of this namespace, or null when absent or Redis is unreachable. */
  async get(key: string): Promise<string | null> {
    return this.client ? this.client.get(this.key(key)).catch(() => null) : null;
  }

  /** Sets a value with an expiry; false when Redis is unreachable. */
  async setPx(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (!this.client) return false;
    return this.client.set(this.key(key), value, 'PX', Math.max(1, Math.round(ttlMs))).then(() => true, () => false);
  }

  /** Deletes a value only while it is still `value` (someone may have replaced it meanwhile). */
  async deleteIfEquals(key: string, value: string): Promise<void> {
    await this.client?.eval(DELETE_IF_EQUALS, 1, this.key(key), value).catch(() => 0);
  }

  /** Publishes on a channel of this namespace; false when Redis is unreachable. */
  async publish(channel: string, message: string): Promise<boolean> {
    if (!this.client) return false;
    try {
      await this.client.publish(this.key('ch', channel), message);
      return true;
    } catch (error) {
      this.logger.warn(`Redis publish on ${channel} failed: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * Calls `handler` for every message on a channel of this namespace (re-subscribed after reconnects).
   * `onResubscribed` runs each time the subscriber listens again after a lost connection: messages
   * published meanwhile were missed, so a cache should drop what it holds.
   */
  subscribe(channel: string, handler: (message: string) => void, onResubscribed?: () => void): void {
    if (!this.client) return;
    const name = this.key('ch', channel);
    if (!this.subscriber) {
      this.subscriber = this.connect('subscriber');
      const subscriber = this.subscriber;
      subscriber.on('message', (ch: string, message: string) => this.handlers.get(ch)?.forEach((h) => h(message)));
      // On every (re)connection subscribe to all channels: a SUBSCRIBE sent while Redis was down is
      // dropped, and ioredis re-subscribes only to channels it had confirmed.
      let connectedBefore = false;
      subscriber.on('ready', () => {
        subscriber.subscribe(...this.handlers.keys()).then(
          () => {
            this.listening = true;
            if (connectedBefore) this.reconnectHandlers.forEach((h) => h());
            connectedBefore = true;
          },
          () => undefined,
        );
      });
      subscriber.on('close', () => {
        this.listening = false;
      });
    }
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    if (onResubscribed) this.reconnectHandlers.push(onResubscribed);
    // The first command connects the lazy subscriber.
    void this.subscriber.subscribe(name).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for pending replies; a connection that is not up is just dropped (QUIT would queue).
    await Promise.all([this.client, this.subscriber].map((c) => (c?.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c?.disconnect())));
  }

  private connect(role: string): Redis {
    const client = new Redis(this.config.redis!.url, {
      lazyConnect: true,
      enableOfflineQueue: role === 'subscriber',
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: role === 'subscriber' ? undefined : REDIS_COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      connectionName: `mall-${role}`,
    });
    let down = false;
    client.on('error', (error: Error) => {
      if (!down) this.logger.warn(`Redis ${role} connection: ${error.message}`);
      down = true;
    });
    client.on('ready', () => {
      if (down) this.logger.log(`Redis ${role} connection is back`);
      down = false;
    });
    return client;
  }
}
