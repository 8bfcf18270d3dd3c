import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { hostname } from 'node:os';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { dbTime } from '../database/locks';
import { JobRunEntity } from './job-run.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { HeldLock, RedisLockService } from '../redis/redis-lock.service';

export type JobOutcome = { ran: true; affected: number } | { ran: false; reason: 'already-ran' | 'in-progress' };

/** How long a run's owner is trusted without renewing; it renews every third of that. */
export const JOB_LEASE_MS = 120_000;

/**
 * Runs a job occurrence at most once across every server instance. The database is the authority
 * and the history: the first instance to insert (job, occurrence) owns it, the others skip. With
 * Redis, a `SET NX PX` lock around the run first keeps the other instances from even contending
 * on the database. The owner renews a lease (in the row and on the Redis lock) while it runs; a
 * `running` occurrence whose lease has passed (its instance crashed) is taken over by a
 * conditional update. The jobs' own writes are idempotent, so a re-run after a crash is safe.
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);
  readonly owner = `${hostname()}:${process.pid}:${newId().slice(-6)}`;

  constructor(
    @InjectRepository(JobRunEntity) private readonly runs: Repository<JobRunEntity>,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
    private readonly redisLocks: RedisLockService,
  ) {}

  async runOnce(jobName: string, runKey: string, job: () => Promise<number>): Promise<JobOutcome> {
    const lock = await this.redisLocks.acquire(`job:${jobName}:${runKey}`, JOB_LEASE_MS);
    if (lock === 'held') return { ran: false, reason: 'in-progress' };
    const redisLock = lock === 'unavailable' ? null : lock;
    try {
      const claimed = await this.claim(jobName, runKey);
      if (typeof claimed !== 'string') return claimed;
      return await this.runClaimed(claimed, jobName, runKey, job, redisLock);
    } finally {
      await redisLock?.release();
    }
  }

  /** The claimed row's id, or why this instance does not run the occurrence. */
  private async claim(jobName: string, runKey: string): Promise<string | JobOutcome> {
    const id = newId();
    try {
      await this.tx.write((em) =>
        em.insert(JobRunEntity, { id, jobName, runKey, owner: this.owner, startedAt: this.clock.now(), finishedAt: null, leaseUntil: this.leaseEnd(), status: 'running', affected: 0, error: null }),
      );
      return id;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const takenOver = await this.tx.run(({ em }) => this.takeOverExpired(em, jobName, runKey));
    if (takenOver) {
      this.logger.warn(`${jobName} ${runKey}: took over a run whose instance stopped renewing its lease`);
      return takenOver;
    }
    const row = await this.runs.findOneBy({ jobName, runKey });
    return { ran: false, reason: row?.status === 'running' ? 'in-progress' : 'already-ran' };
  }

  /** Claims a `running` occurrence whose lease has passed (rows from before leases count as passed). */
  private async takeOverExpired(em: EntityManager, jobName: string, runKey: string): Promise<string | null> {
    const result = await em
      .createQueryBuilder()
      .update(JobRunEntity)
      .set({ owner: this.owner, startedAt: this.clock.now(), leaseUntil: this.leaseEnd(), error: null })
      .where('job_name = :jobName AND run_key = :runKey AND status = :running', { jobName, runKey, running: 'running' })
      .andWhere('(lease_until IS NULL OR lease_until < :now)', { now: dbTime(em, new Date()) })
      .execute();
    if (!result.affected) return null;
    const row = await em.findOneBy(JobRunEntity, { jobName, runKey, owner: this.owner });
    return row?.id ?? null;
  }

  private async runClaimed(id: string, jobName: string, runKey: string, job: () => Promise<number>, redisLock: HeldLock | null): Promise<JobOutcome> {
    const heartbeat = setInterval(() => void this.renew(id, redisLock), JOB_LEASE_MS / 3);
    heartbeat.unref();
    try {
      const affected = await job();
      await this.tx.write((em) => em.update(JobRunEntity, { id, owner: this.owner }, { status: 'done', finishedAt: this.clock.now(), leaseUntil: null, affected }));
      this.logger.log(`${jobName} ${runKey}: done, ${affected} affected`);
      return { ran: true, affected };
    } catch (error) {
      const message = String((error as Error).message).slice(0, 500);
      await this.tx.write((em) => em.update(JobRunEntity, { id, owner: this.owner }, { status: 'failed', finishedAt: this.clock.now(), leaseUntil: null, error: message }));
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async renew(id: string, redisLock: HeldLock | null): Promise<void> {
    try {
      await this.tx.write((em) => em.update(JobRunEntity, { id, owner: this.owner, status: 'running' }, { leaseUntil: this.leaseEnd() }));
      await redisLock?.renew(JOB_LEASE_MS);
    } catch (error) {
      this.logger.warn(`job lease renewal failed: ${(error as Error).message}`);
    }
  }

  /** Leases are real time (not the store clock): they are about whether a process is alive. */
  private leaseEnd(): Date {
    return new Date(Date.now() + JOB_LEASE_MS);
  }

  /** Drops a failed occurrence so the next tick can claim it again. */
  async rerunFailed(jobName: string, runKey: string): Promise<void> {
    await this.tx.run(({ em }) => em.delete(JobRunEntity, { jobName, runKey, status: 'failed' }));
  }

  /** Deletes a job's finished runs started before `before` (jobs keyed by the minute would pile up). */
  async pruneDone(jobName: string, before: Date): Promise<number> {
    const result = await this.tx.write((em) => em.createQueryBuilder().delete().from(JobRunEntity).where('job_name = :jobName AND status = :done AND started_at < :before', { jobName, done: 'done', before: dbTime(em, before) }).execute());
    return result.affected ?? 0;
  }

  history(jobName: string, runKey?: string): Promise<JobRunEntity[]> {
    return this.runs.find({ where: runKey ? { jobName, runKey } : { jobName }, order: { startedAt: 'DESC' }, take: 50 });
  }
}
