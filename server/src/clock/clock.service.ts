import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { storeDate } from '@mall/shared';

/**
 * The one source of "now". With FAKE_CLOCK=1 (refused in production) tests can move it through
 * PUT /api/dev/clock; time keeps running from the instant they set.
 */
@Injectable()
export class ClockService {
  private offsetMs = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** The store's calendar day for now (or a given instant), in the store's time zone. */
  today(instant: Date = this.now()): string {
    return storeDate(instant, this.config.store.timezone);
  }

  get timezone(): string {
    return this.config.store.timezone;
  }

  get isFake(): boolean {
    return this.config.fakeClock;
  }

  setNow(instant: Date): void {
    if (!this.config.fakeClock) throw new Error('The clock can only be set when FAKE_CLOCK=1');
    this.offsetMs = instant.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
