import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { hostname } from 'node:os';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { JobRunEntity } from './job-run.entity';
import { TransactionRunner } from '../database/transaction-runner';

export type JobOutcome = { ran: true; affected: number } | { ran: false; reason: 'already-ran' };

/**
 * Runs a job occurrence at most once across every server instance: the first instance to insert
 * (job, occurrence) owns it, the others skip. The job's own writes are idempotent as well, so a
 * crashed run can be re-run safely by `rerunFailed`.
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);
  readonly owner = `${hostname()}:${process.pid}:${newId().slice(-6)}`;

  constructor(
    @InjectRepository(JobRunEntity) private readonly runs: Repository<JobRunEntity>,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
  ) {}

  async runOnce(jobName: string, runKey: string, job: () => Promise<number>): Promise<JobOutcome> {
    const id = newId();
    try {
      await this.tx.run(({ em }) =>
        em.insert(JobRunEntity, { id, jobName, runKey, owner: this.owner, startedAt: this.clock.now(), finishedAt: null, status: 'running', affected: 0, error: null }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return { ran: false, reason: 'already-ran' };
      throw error;
    }
    try {
      const affected = await job();
      await this.tx.run(({ em }) => em.update(JobRunEntity, { id }, { status: 'done', finishedAt: this.clock.now(), affected }));
      this.logger.log(`${jobName} ${runKey}: done, ${affected} affected`);
      return { ran: true, affected };
    } catch (error) {
      const message = String((error as Error).message).slice(0, 500);
      await this.tx.run(({ em }) => em.update(JobRunEntity, { id }, { status: 'failed', finishedAt: this.clock.now(), error: message }));
      throw error;
    }
  }

  /** Drops a failed occurrence so the next tick can claim it again. */
  async rerunFailed(jobName: string, runKey: string): Promise<void> {
    await this.tx.run(({ em }) => em.delete(JobRunEntity, { jobName, runKey, status: 'failed' }));
  }

  history(jobName: string, runKey?: string): Promise<JobRunEntity[]> {
    return this.runs.find({ where: runKey ? { jobName, runKey } : { jobName }, order: { startedAt: 'DESC' }, take: 50 });
  }
}
