/**
 * The mini-program's analytics queue, platform-free so the weapp and H5 builds share it and it is
 * tested here: events are queued (and persisted), sent in batches when the queue reaches a count,
 * on a timer and when the app hides; a failed send is retried with exponential back-off, a batch
 * the server refuses (4xx) is dropped, and opting out clears the queue and stops collecting.
 * Nothing here ever throws into the caller or waits on the network: tracking is fire-and-forget.
 */
import { ANALYTICS_MAX_EVENTS, type AnalyticsEvent } from './events';

export type SendResult = 'sent' | 'retry' | 'drop';

export interface QueueDeps {
  /** Posts one batch; 'retry' for network errors, 5xx, 429 and no session yet; 'drop' for other 4xx. */
  send(events: AnalyticsEvent[]): Promise<SendResult>;
  load(): AnalyticsEvent[];
  save(events: AnalyticsEvent[]): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface QueueOptions {
  /** Events per request (at most the server's 100). */
  batchSize: number;
  /** Queue length that triggers a send at once. */
  flushAt: number;
  /** Send whatever is queued this often. */
  intervalMs: number;
  /** Oldest events are dropped beyond this many (a long offline spell). */
  maxQueue: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { batchSize: 50, flushAt: 20, intervalMs: 15_000, maxQueue: 1_000, backoffBaseMs: 2_000, backoffMaxMs: 300_000 };

/** Back-off before retry number `attempt` (1-based): base × 2^(attempt−1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export class AnalyticsQueue {
  private queue: AnalyticsEvent[];
  private sending = false;
  private failures = 0;
  private retryAt = 0;
  private timer: unknown = null;
  private optedOut = false;
  private readonly options: QueueOptions;

  constructor(private readonly deps: QueueDeps, options: Partial<QueueOptions> = {}) {
    this.options = { ...DEFAULT_QUEUE_OPTIONS, ...options, batchSize: Math.min(options.batchSize ?? DEFAULT_QUEUE_OPTIONS.batchSize, ANALYTICS_MAX_EVENTS) };
    this.queue = safe(() => { const stored = deps.load(); return Array.isArray(stored) ? [...stored] : []; }, []);
  }

  get size(): number {
    return this.queue.length;
  }

  setOptOut(optOut: boolean): void {
    this.optedOut = optOut;
    if (optOut) {
      this.queue = [];
      this.persist();
      this.stopTimer();
    }
  }

  track(event: AnalyticsEvent): void {
    if (this.optedOut) return;
    this.queue.push(event);
    if (this.queue.length > this.options.maxQueue) this.queue.splice(0, this.queue.length - this.options.maxQueue);
    this.persist();
    if (this.queue.length >= this.options.flushAt) void this.flush();
    else this.startTimer();
  }

  /** Sends queued events batch by batch until empty, a failure, or the back-off says wait. */
  async flush(): Promise<void> {
    if (this.sending || this.optedOut || !this.queue.length || this.deps.now() < this.retryAt) return;
    this.sending = true;
    this.stopTimer();
    try {
      while (this.queue.length && !this.optedOut) {
        const batch = this.queue.slice(0, this.options.batchSize);
        const result = await this.deps.send(batch).catch((): SendResult => 'retry');
        if (result === 'retry') {
          this.failures++;
          this.retryAt = this.deps.now() + backoffDelay(this.failures, this.options.backoffBaseMs, this.options.backoffMaxMs);
          break;
        }
        this.failures = 0;
        this.retryAt = 0;
        // Sent or refused for good: either way these leave the queue (a refused batch would fail forever).
        this.queue.splice(0, batch.length);
        this.persist();
      }
    } finally {
      this.sending = false;
      if (this.queue.length) this.startTimer();
    }
  }

  private startTimer(): void {
    if (this.timer !== null || this.optedOut) return;
    const wait = Math.max(this.options.intervalMs, this.retryAt - this.deps.now());
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  private stopTimer(): void {
    if (this.timer === null) return;
    this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private persist(): void {
    safe(() => this.deps.save(this.queue), undefined);
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
