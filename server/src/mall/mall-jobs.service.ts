import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { JobLockService, JobOutcome } from '../jobs/job-lock.service';
import { OrderShippingService } from './order-shipping.service';
import { RefundQueryService } from './refund-query.service';

/** The periodic mall jobs run once per five-minute slot across all instances. */
export const MALL_JOB_SLOT_MINUTES = 5;

/** The slot an instant falls in, e.g. `2026-11-23T10:45` (UTC, so every instance agrees). */
export function jobSlot(now: Date, minutes = MALL_JOB_SLOT_MINUTES): string {
  const slotMs = minutes * 60_000;
  return new Date(Math.floor(now.getTime() / slotMs) * slotMs).toISOString().slice(0, 16);
}

/**
 * Querying refunds whose notification never came, and retrying shipping uploads to WeChat. Every
 * instance ticks each minute; the run-once lock gives each slot's run to exactly one of them.
 */
@Injectable()
export class MallJobsService {
  private readonly logger = new Logger(MallJobsService.name);
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly locks: JobLockService,
    private readonly clock: ClockService,
    private readonly refunds: RefundQueryService,
    private readonly shipping: OrderShippingService,
  ) {}

  @Interval('mall-jobs-tick', 60_000)
  async tick(): Promise<void> {
    if (this.running || this.config.env === 'test') return;
    this.running = true;
    try {
      await this.runSlot();
    } catch (error) {
      this.logger.error(`mall jobs failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Runs both jobs for the clock's current slot (each at most once across instances). */
  async runSlot(slot: string = jobSlot(this.clock.now())): Promise<{ refundQuery: JobOutcome; shippingUpload: JobOutcome }> {
    const refundQuery = await this.locks.runOnce('refund-query', slot, () => this.refunds.queryStale());
    const shippingUpload = await this.locks.runOnce('shipping-upload', slot, () => this.shipping.retryUploads());
    return { refundQuery, shippingUpload };
  }
}
