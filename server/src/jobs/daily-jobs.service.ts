import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { JobLockService, JobOutcome } from './job-lock.service';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface DailyJob {
  name: string;
  /** Store-local hour (0-23) from which the day's run may start. */
  hour: number;
  /** When the merchant configures the hour, read it at each tick instead. */
  hourFrom?: () => Promise<number>;
  /** Does the day's work for the store day `today`; returns how many rows it affected. */
  run(today: string): Promise<number>;
}

/**
 * Daily jobs in the store's time zone. Every instance ticks each minute; the run-once lock lets
 * exactly one instance run a job's occurrence for a store day. Reads time from the clock service,
 * so the test clock moves jobs too.
 */
@Injectable()
export class DailyJobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(DailyJobsService.name);
  private readonly jobs = new Map<string, DailyJob>();
  private readonly doneToday = new Map<string, string>();
  private running = false;
  private stopped = false;

  constructor(
    private readonly locks: JobLockService,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(job: DailyJob): void {
    this.jobs.set(job.name, job);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  @Interval('daily-jobs-tick', 60_000)
  async tick(): Promise<void> {
    // Tests drive the same step through runDue() with the test clock.
    if (this.config.env === 'test') return;
    await this.runDue();
  }

  /**
   * One tick's work: every job whose store-local hour has come and that has not run today, once
   * across instances. Returns the names this instance ran.
   */
  async runDue(): Promise<string[]> {
    if (this.running || this.stopped) return [];
    this.running = true;
    const ran: string[] = [];
    try {
      const local = dayjs(this.clock.now()).tz(this.config.store.timezone);
      const today = local.format('YYYY-MM-DD');
      for (const job of this.jobs.values()) {
        const hour = job.hourFrom ? await job.hourFrom() : job.hour;
        if (local.hour() < hour || this.doneToday.get(job.name) === today) continue;
        try {
          const outcome = await this.runNow(job.name, today);
          if (outcome.ran) ran.push(job.name);
          // Running elsewhere: look again next tick, so a crashed owner's run is taken over after its lease.
          if (outcome.ran || outcome.reason === 'already-ran') this.doneToday.set(job.name, today);
        } catch (error) {
          this.logger.error(`${job.name} ${today} failed: ${(error as Error).message}`);
          await this.locks.rerunFailed(job.name, today);
        }
      }
    } finally {
      this.running = false;
    }
    return ran;
  }

  /** Runs a job's occurrence for a store day, once across all instances. */
  runNow(name: string, today: string = this.clock.today()): Promise<JobOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`Unknown job ${name}`);
    return this.locks.runOnce(name, today, () => job.run(today));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }
}
