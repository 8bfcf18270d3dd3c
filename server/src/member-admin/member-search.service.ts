import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACTIVE_DAYS, atRiskWindows, DORMANT_DAYS, addDays, highValueRank, startOfStoreDay } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Outcome, fail, ok } from '../common/errors';
import { escapeLike } from '../database/db-errors';
import { INVITE_CODE_PATTERN } from '../common/ids';
import { TiersService } from '../tiers/tiers.service';
import { AudiencesService } from '../audiences/audiences.service';
import type { AdminMemberListQuery, MemberFilterQuery } from './member-filters.dto';
import { MemberRawRow, ResolvedMemberFilters, SPENDERS_COUNT_SQL, SPEND_AT_INDEX_SQL, SqlWithParams, countSql, rowsSql } from './member-search.sql';
import { openRowCursor, RowCursor } from './row-cursor';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

/** Finds members by the admin's filters, set-based in SQL: a page, a count, or a cursor over all. */
@Injectable()
export class MemberSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: ClockService,
    private readonly tiers: TiersService,
    private readonly audiences: AudiencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Turns validated query values into bounds and segment parameters; inverted ranges are refused. */
  async resolve(f: MemberFilterQuery): Promise<Outcome<ResolvedMemberFilters>> {
    const bad = [
      ['joinedFrom', f.joinedFrom, f.joinedTo],
      ['activeFrom', f.activeFrom, f.activeTo],
      ['pointsMin', f.pointsMin, f.pointsMax],
      ['spendMinFen', f.spendMinFen, f.spendMaxFen],
      ['ordersMin', f.ordersMin, f.ordersMax],
    ].filter(([, lo, hi]) => lo !== undefined && hi !== undefined && (lo as string | number) > (hi as string | number));
    if (bad.length) {
      const fields = bad.map(([name]) => ({ field: name as string, errors: [`${name} must not be greater than its upper bound`] }));
      return fail('VALIDATION_FAILED', `请求参数有误：${fields.map((x) => x.field).join(', ')}`, HttpStatus.BAD_REQUEST, { fields });
    }
    const tz = this.config.store.timezone;
    const now = this.clock.now();
    const today = this.clock.today(now);
    const dayStart = (d?: string) => (d ? startOfStoreDay(d, tz) : undefined);
    const dayEnd = (d?: string) => (d ? startOfStoreDay(addDays(d, 1), tz) : undefined);
    const q = f.q?.trim();
    const resolved: ResolvedMemberFilters = {
      q: q ? { like: `%${escapeLike(q)}%`, id: UUID_PATTERN.test(q) ? q.toLowerCase() : undefined, inviteCode: INVITE_CODE_PATTERN.test(q) ? q : undefined } : undefined,
      tier: f.tier,
      joinedFrom: dayStart(f.joinedFrom),
      joinedBefore: dayEnd(f.joinedTo),
      activeFrom: dayStart(f.activeFrom),
      activeBefore: dayEnd(f.activeTo),
      pointsMin: f.pointsMin,
      pointsMax: f.pointsMax,
      spendMinFen: f.spendMinFen,
      spendMaxFen: f.spendMaxFen,
      ordersMin: f.ordersMin,
      ordersMax: f.ordersMax,
      hasPhone: f.hasPhone === undefined ? undefined : f.hasPhone === 'true',
      inviterId: f.inviterId?.toLowerCase(),
      platform: f.platform,
      growthSince: this.tiers.windowStart(now),
    };
    if (f.audienceId) {
      const audience = await this.audiences.get(f.audienceId.toLowerCase());
      if (!audience.ok) return audience;
      resolved.audience = this.audiences.compile(audience.value.rules);
    }
    switch (f.segment) {
      case undefined:
        break;
      case 'active':
        resolved.segment = { key: f.segment, activeSince: new Date(now.getTime() - ACTIVE_DAYS * DAY_MS) };
        break;
      case 'dormant_30':
      case 'dormant_60':
      case 'dormant_90':
        resolved.segment = { key: f.segment, dormantBefore: new Date(now.getTime() - DORMANT_DAYS[f.segment] * DAY_MS) };
        break;
      case 'high_value':
        resolved.segment = { key: f.segment, spendThresholdFen: await this.highValueThreshold() };
        break;
      case 'at_risk':
        resolved.segment = {
          key: f.segment,
          baselineFrom: atRiskWindows(today).past.from,
          baselineTo: atRiskWindows(today).past.to,
          recentFrom: atRiskWindows(today).recent.from,
        };
        break;
    }
    return ok(resolved);
  }

  /** The spend at the high-value percentile among members who spent (null when nobody did). */
  async highValueThreshold(): Promise<number | null> {
    const [{ n }] = await this.dataSource.query(SPENDERS_COUNT_SQL);
    const index = highValueRank(Number(n)) - 1;
    if (index < 0) return null;
    const rows = await this.run({ sql: SPEND_AT_INDEX_SQL, params: { offset: index } });
    return Number(rows[0].spend_fen);
  }

  async count(f: ResolvedMemberFilters): Promise<number> {
    const rows = await this.run(countSql(f));
    return Number(rows[0].n);
  }

  async page(f: ResolvedMemberFilters, query: AdminMemberListQuery): Promise<{ items: MemberRawRow[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [items, total] = await Promise.all([
      this.run(rowsSql(f, query.sort, query.order, { limit: pageSize, offset: (page - 1) * pageSize })) as Promise<MemberRawRow[]>,
      this.count(f),
    ]);
    return { items, total, page, pageSize };
  }

  /** Every matching row through a database cursor (bounded memory, any number of members). */
  cursor(f: ResolvedMemberFilters): RowCursor<MemberRawRow> {
    const { sql, params } = rowsSql(f);
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return openRowCursor<MemberRawRow>(this.dataSource, text, values);
  }

  private run({ sql, params }: SqlWithParams): Promise<any[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return this.dataSource.query(text, values);
  }
}
