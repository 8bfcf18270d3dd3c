import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AudienceRule, parseAudienceRules } from '@mall/shared';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { dbTime } from '../database/locks';
import { TransactionRunner } from '../database/transaction-runner';
import { AudienceEntity } from './audience.entity';
import { compileAudience, CompiledAudience } from './audience-sql';
import type { AudienceDto } from './audiences.dto';
import { AudienceMemberSqlRow } from './audiences.mapper';

const invalidRules = (errors: { field: string; errors: string[] }[]) =>
  fail('VALIDATION_FAILED', `受众规则有误：${errors.map((e) => e.field).join(', ')}`, HttpStatus.BAD_REQUEST, { fields: errors });

/** Saved audiences and their evaluation: always one set-based SQL query, never member by member. */
@Injectable()
export class AudiencesService {
  constructor(
    @InjectRepository(AudienceEntity) private readonly audiences: Repository<AudienceEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
  ) {}

  compile(rules: readonly AudienceRule[]): CompiledAudience {
    return compileAudience(rules, { today: this.clock.today(), timezone: this.clock.timezone, time: (d) => dbTime(this.dataSource.manager, d) });
  }

  async count(rules: readonly AudienceRule[]): Promise<number> {
    const q = this.compile(rules);
    const [row] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM ${q.from} WHERE ${q.where}`, q.params);
    return Number(row.n);
  }

  async preview(rawRules: unknown[]): Promise<Outcome<{ memberCount: number; predictionsOn: string | null }>> {
    const parsed = parseAudienceRules(rawRules);
    if (!parsed.ok) return invalidRules(parsed.errors);
    // The job replaces every score row at once, so any row tells the day they describe.
    const [memberCount, [latest]] = await Promise.all([this.count(parsed.rules), this.dataSource.query('SELECT computed_on AS d FROM member_scores LIMIT 1')]);
    return ok({ memberCount, predictionsOn: latest?.d ?? null });
  }

  async list(): Promise<(AudienceEntity & { memberCount: number })[]> {
    const all = await this.audiences.find({ order: { createdAt: 'DESC', id: 'ASC' } });
    const out: (AudienceEntity & { memberCount: number })[] = [];
    for (const a of all) out.push({ ...a, memberCount: await this.count(a.rules) });
    return out;
  }

  async get(id: string): Promise<Outcome<AudienceEntity>> {
    const a = await this.audiences.findOneBy({ id });
    return a ? ok(a) : fail('AUDIENCE_NOT_FOUND', '受众不存在', HttpStatus.NOT_FOUND);
  }

  async create(admin: AdminPrincipal, dto: AudienceDto): Promise<Outcome<AudienceEntity>> {
    const parsed = parseAudienceRules(dto.rules);
    if (!parsed.ok) return invalidRules(parsed.errors);
    const now = this.clock.now();
    const audience: AudienceEntity = { id: newId(), name: dto.name, description: dto.description ?? '', rules: parsed.rules, createdBy: admin.adminId, createdAt: now, updatedAt: now };
    return this.save(admin, audience, 'audience.create', true);
  }

  async update(admin: AdminPrincipal, id: string, dto: AudienceDto): Promise<Outcome<AudienceEntity>> {
    const existing = await this.get(id);
    if (!existing.ok) return existing;
    const parsed = parseAudienceRules(dto.rules);
    if (!parsed.ok) return invalidRules(parsed.errors);
    const audience = { ...existing.value, name: dto.name, description: dto.description ?? '', rules: parsed.rules, updatedAt: this.clock.now() };
    return this.save(admin, audience, 'audience.update', false);
  }

  async remove(admin: AdminPrincipal, id: string): Promise<Outcome<true>> {
    const existing = await this.get(id);
    if (!existing.ok) return existing;
    await this.tx.run(async ({ em }) => {
      await em.delete(AudienceEntity, { id });
      await this.audit.record(em, admin, { action: 'audience.delete', targetType: 'audience', targetId: id, details: { name: existing.value.name } });
    });
    return ok(true);
  }

  async members(id: string, page: number, pageSize: number): Promise<Outcome<{ rows: AudienceMemberSqlRow[]; total: number }>> {
    const audience = await this.get(id);
    if (!audience.ok) return audience;
    const q = this.compile(audience.value.rules);
    const from = q.from.includes('member_scores') ? q.from : `${q.from} LEFT JOIN member_scores s ON s.member_id = m.id`;
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `SELECT m.id, m.nickname, m.tier, m.points_balance, m.joined_at, m.last_active_at, s.order_count, s.spend_fen, s.last_order_on,
                s.r_score, s.f_score, s.m_score, s.churn_risk, s.churn_explanation, s.next_replenish_on
         FROM ${from} WHERE ${q.where} ORDER BY m.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        q.params,
      ),
      this.count(audience.value.rules),
    ]);
    return ok({ rows, total });
  }

  private async save(admin: AdminPrincipal, audience: AudienceEntity, action: string, isNew: boolean): Promise<Outcome<AudienceEntity>> {
    try {
      await this.tx.run(async ({ em }) => {
        if (isNew) await em.insert(AudienceEntity, audience);
        else await em.update(AudienceEntity, { id: audience.id }, { name: audience.name, description: audience.description, rules: audience.rules, updatedAt: audience.updatedAt });
        await this.audit.record(em, admin, { action, targetType: 'audience', targetId: audience.id, details: { name: audience.name, rules: audience.rules } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return fail('AUDIENCE_NAME_TAKEN', '已有同名受众', HttpStatus.CONFLICT);
      throw error;
    }
    return ok(audience);
  }
}
