import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { ClockService } from '../clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { MemberSearchService } from '../member-admin/member-search.service';
import type { MemberExportQuery } from '../member-admin/member-filters.dto';
import { MemberExportsService } from './member-exports.service';
import { MemberExportJobEntity } from './member-export.entities';

const PROGRESS_EVERY_MS = 500;

/**
 * Large exports: the file is written in the background while the admin watches rows written of rows
 * matched; it can be downloaded by the admin who started it until it expires (EXPORT_FILE_TTL_MINUTES),
 * then the file is deleted. Files live in EXPORT_DIR (several instances need a shared volume).
 */
@Injectable()
export class ExportJobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExportJobsService.name);
  private readonly dir: string;
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectRepository(MemberExportJobEntity) private readonly jobs: Repository<MemberExportJobEntity>,
    private readonly exportsService: MemberExportsService,
    private readonly search: MemberSearchService,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dir = resolve(config.exports.dir);
  }

  /** A job left running by a stopped server can never finish: it is marked failed. */
  async onApplicationBootstrap(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    await this.tx.write((em) => em.update(MemberExportJobEntity, { status: 'running' }, { status: 'failed', error: '服务重启，导出中断', finishedAt: this.clock.now() }));
  }

  async start(admin: AdminPrincipal, query: MemberExportQuery): Promise<Outcome<MemberExportJobEntity>> {
    const prepared = await this.exportsService.prepare(admin, query);
    if (!prepared.ok) return prepared;
    const rowsMatched = await this.search.count(prepared.value.resolved);
    const job: MemberExportJobEntity = {
      id: newId(),
      adminId: admin.adminId,
      filters: JSON.stringify(prepared.value.filters),
      unmasked: prepared.value.unmask,
      status: 'running',
      rowsMatched,
      rowsWritten: 0,
      fileName: null,
      fileBytes: null,
      error: null,
      createdAt: this.clock.now(),
      finishedAt: null,
      expiresAt: null,
    };
    await this.tx.write((em) => em.insert(MemberExportJobEntity, job));
    const auditId = await this.exportsService.auditStart(admin, prepared.value, 'job', job.id);
    const fileName = this.exportsService.fileName();
    const progress = { rows: 0, lastSaved: 0 };
    const csv = this.exportsService.csv(prepared.value, {
      onProgress: (rows) => {
        progress.rows = rows;
        const now = Date.now();
        if (now - progress.lastSaved < PROGRESS_EVERY_MS) return;
        progress.lastSaved = now;
        this.tx.write((em) => em.update(MemberExportJobEntity, { id: job.id, status: 'running' }, { rowsWritten: rows })).catch(() => undefined);
      },
      onEnd: (rows) => {
        progress.rows = rows;
      },
    });
    const run: Promise<void> = this.write(job.id, auditId, csv, fileName, progress).finally(() => this.running.delete(run));
    this.running.add(run);
    return ok(job);
  }

  private async write(jobId: string, auditId: string, csv: Readable, fileName: string, progress: { rows: number }): Promise<void> {
    const path = this.pathOf(jobId);
    try {
      await pipeline(csv, createWriteStream(path));
      const bytes = (await stat(path)).size;
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + this.config.exports.fileTtlMinutes * 60_000);
      await this.tx.write((em) => em.update(MemberExportJobEntity, { id: jobId }, { status: 'done', rowsWritten: progress.rows, fileName, fileBytes: String(bytes), finishedAt: now, expiresAt }));
      await this.exportsService.auditEnd(auditId, progress.rows, 'completed');
    } catch (error) {
      this.logger.error({ err: error, jobId }, 'export job failed');
      await unlink(path).catch(() => undefined);
      await this.tx.write((em) => em.update(MemberExportJobEntity, { id: jobId }, { status: 'failed', error: '导出失败，请重试', finishedAt: this.clock.now() }));
      await this.exportsService.auditEnd(auditId, progress.rows, 'failed');
    }
  }

  /** The admin's own job (another admin's job is "not found"). */
  async get(admin: AdminPrincipal, id: string): Promise<Outcome<MemberExportJobEntity>> {
    const job = await this.jobs.findOneBy({ id, adminId: admin.adminId });
    if (!job) return fail('EXPORT_NOT_FOUND', '导出任务不存在', HttpStatus.NOT_FOUND);
    if (job.status === 'done' && job.expiresAt && job.expiresAt <= this.clock.now()) job.status = 'expired';
    return ok(job);
  }

  listMine(admin: AdminPrincipal): Promise<MemberExportJobEntity[]> {
    return this.jobs.find({ where: { adminId: admin.adminId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 20 });
  }

  async download(admin: AdminPrincipal, id: string): Promise<Outcome<{ stream: Readable; fileName: string; bytes: number }>> {
    const found = await this.get(admin, id);
    if (!found.ok) return found;
    const job = found.value;
    if (job.status === 'expired') return fail('EXPORT_EXPIRED', '导出文件已过期，请重新导出', HttpStatus.GONE);
    if (job.status !== 'done') return fail('EXPORT_NOT_READY', job.status === 'failed' ? '导出失败，请重新导出' : '导出尚未完成', HttpStatus.CONFLICT);
    const path = this.pathOf(job.id);
    const bytes = await stat(path).then((s) => s.size, () => null);
    if (bytes === null) return fail('EXPORT_EXPIRED', '导出文件已过期，请重新导出', HttpStatus.GONE);
    return ok({ stream: createReadStream(path), fileName: job.fileName ?? `${job.id}.csv`, bytes });
  }

  /** Deletes expired files; the job row stays (as `expired`) for the record. */
  @Interval('member-export-expiry', 60_000)
  async sweepExpired(): Promise<number> {
    const due = await this.jobs.find({ where: { status: 'done', expiresAt: LessThanOrEqual(this.clock.now()) }, take: 500 });
    for (const job of due) {
      const claimed = await this.tx.write((em) => em.update(MemberExportJobEntity, { id: job.id, status: 'done' }, { status: 'expired' }));
      if (claimed.affected) await unlink(this.pathOf(job.id)).catch(() => undefined);
    }
    return due.length;
  }

  /** Waits for running jobs (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private pathOf(jobId: string): string {
    return join(this.dir, `${jobId}.csv`);
  }
}
