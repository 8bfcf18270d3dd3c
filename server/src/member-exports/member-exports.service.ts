import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Readable } from 'node:stream';
import { ClockService } from '../clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { hasPermission } from '../admin-users/admin-permissions';
import { MemberSearchService } from '../member-admin/member-search.service';
import type { ResolvedMemberFilters } from '../member-admin/member-search.sql';
import type { MemberExportQuery, MemberFilterQuery } from '../member-admin/member-filters.dto';
import { MEMBER_CSV_COLUMN_KEYS, MemberCsvOptions, memberCsvStream } from './member-csv';
import { MemberExportAuditEntity } from './member-export.entities';

export interface PreparedExport {
  filters: Record<string, unknown>;
  resolved: ResolvedMemberFilters;
  unmask: boolean;
}

/** Member CSV exports: who may, what is written, and the audit row every export leaves. */
@Injectable()
export class MemberExportsService {
  private readonly logger = new Logger(MemberExportsService.name);

  constructor(
    @InjectRepository(MemberExportAuditEntity) private readonly audits: Repository<MemberExportAuditEntity>,
    private readonly search: MemberSearchService,
    private readonly clock: ClockService,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks the unmask permission and resolves the filters; nothing is written yet. */
  async prepare(admin: AdminPrincipal, query: MemberExportQuery): Promise<Outcome<PreparedExport>> {
    const { unmask, ...filters } = query;
    const wantsFull = unmask === 'true';
    if (wantsFull && !hasPermission(admin.role, 'members.unmaskPhone')) {
      return fail('UNMASK_FORBIDDEN', '只有店主可以导出完整手机号', HttpStatus.FORBIDDEN);
    }
    const resolved = await this.search.resolve(filters as MemberFilterQuery);
    if (!resolved.ok) return resolved;
    return ok({ filters: definedOnly(filters), resolved: resolved.value, unmask: wantsFull });
  }

  /** Writes the audit row for an export that is starting; the row count is filled in when it ends. */
  async auditStart(admin: AdminPrincipal, prepared: PreparedExport, kind: 'direct' | 'job', jobId: string | null = null): Promise<string> {
    const id = newId();
    await this.tx.write((em) =>
      em.insert(MemberExportAuditEntity, {
        id,
        adminId: admin.adminId,
        adminUsername: admin.username,
        adminRole: admin.role,
        kind,
        jobId,
        filters: JSON.stringify(prepared.filters),
        columns: JSON.stringify(MEMBER_CSV_COLUMN_KEYS),
        unmasked: prepared.unmask,
        rowCount: null,
        status: 'started',
        createdAt: this.clock.now(),
        finishedAt: null,
      }),
    );
    return id;
  }

  async auditEnd(auditId: string, rowCount: number, status: 'completed' | 'aborted' | 'failed'): Promise<void> {
    await this.tx.write((em) => em.update(MemberExportAuditEntity, { id: auditId }, { rowCount, status, finishedAt: this.clock.now() }));
  }

  /** A CSV stream over the matching members, with the given hooks. */
  csv(prepared: PreparedExport, hooks: Pick<MemberCsvOptions, 'onProgress' | 'onEnd'> = {}): Readable {
    return memberCsvStream(this.search.cursor(prepared.resolved), {
      unmask: prepared.unmask,
      timezone: this.config.store.timezone,
      today: this.clock.today(),
      ...hooks,
    });
  }

  /** A direct download: audited at the start, the row count recorded when the last byte is handed on. */
  async direct(admin: AdminPrincipal, query: MemberExportQuery): Promise<Outcome<{ stream: Readable; fileName: string }>> {
    const prepared = await this.prepare(admin, query);
    if (!prepared.ok) return prepared;
    const auditId = await this.auditStart(admin, prepared.value, 'direct');
    const stream = this.csv(prepared.value, {
      onEnd: async (rows, complete, error) => {
        if (error) this.logger.error({ err: error }, 'member export failed');
        await this.auditEnd(auditId, rows, complete ? 'completed' : error ? 'failed' : 'aborted').catch((e) => this.logger.error({ err: e }, 'export audit update failed'));
      },
    });
    return ok({ stream, fileName: this.fileName() });
  }

  fileName(): string {
    return `members-${this.clock.today().replace(/-/g, '')}-${this.clock.now().getTime()}.csv`;
  }

  async auditPage(page = 1, pageSize = 20): Promise<{ items: MemberExportAuditEntity[]; total: number; page: number; pageSize: number }> {
    const [items, total] = await this.audits.findAndCount({ order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items, total, page, pageSize };
  }
}

function definedOnly(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}
