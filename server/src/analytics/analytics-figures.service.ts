import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, weekdayOf } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { fail, ok, Outcome } from '../common/errors';
import type { DateRangeQuery, DeviceQuery, DevicesResponse, VisitsResponse } from './analytics.dto';

const MAX_RANGE_DAYS = 366;
const TOP = 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

export interface Range {
  from: string;
  to: string;
  days: string[];
}

/** Device and visit figures, read from the daily roll-up tables only (never raw events). */
@Injectable()
export class AnalyticsFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: ClockService,
  ) {}

  /** The store-day range asked for: to defaults to yesterday, from to 29 days before `to`. */
  range(query: DateRangeQuery): Outcome<Range> {
    const to = query.to ?? addDays(this.clock.today(), -1);
    const from = query.from ?? addDays(to, -29);
    if (from > to) return fail('INVALID_RANGE', '开始日期不能晚于结束日期', 400, { fields: ['from', 'to'] });
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      days.push(d);
      if (days.length > MAX_RANGE_DAYS) return fail('INVALID_RANGE', `日期范围最多 ${MAX_RANGE_DAYS} 天`, 400, { fields: ['from', 'to'] });
    }
    return ok({ from, to, days });
  }

  async devices(query: DeviceQuery): Promise<Outcome<DevicesResponse>> {
    const r = this.range(query);
    if (!r.ok) return r;
    const { from, to } = r.value;
    const where = `day >= ? AND day <= ?${query.tier ? ' AND tier = ?' : ''}`;
    const params = query.tier ? [from, to, query.tier] : [from, to];
    const count = async (column: string, limit?: number) => {
      const rows: { value: string; members: string | number }[] = await this.dataSource.query(
        `SELECT ${column} AS value, COUNT(DISTINCT member_id) AS members FROM analytics_member_days WHERE ${where}
         GROUP BY ${column} ORDER BY members DESC, value ASC${limit ? ` LIMIT ${limit}` : ''}`,
        params,
      );
      return rows.map((row) => ({ value: row.value, members: Number(row.members) }));
    };
    const [total] = await this.dataSource.query(`SELECT COUNT(DISTINCT member_id) AS n FROM analytics_member_days WHERE ${where}`, params);
    return ok({
      from,
      to,
      members: Number(total.n),
      platforms: await count('platform'),
      brands: await count('brand', TOP),
      models: await count('model', TOP),
      systems: await count('system', TOP),
      wechatVersions: await count('wechat_version', TOP),
      networkTypes: await count('network_type'),
    });
  }

  async visits(query: DateRangeQuery): Promise<Outcome<VisitsResponse>> {
    const r = this.range(query);
    if (!r.ok) return r;
    const { from, to, days } = r.value;
    const span = [from, to];
    const hours: { hour: number; members: string | number }[] = await this.dataSource.query(
      'SELECT hour, SUM(members) AS members FROM analytics_hourly WHERE day >= ? AND day <= ? GROUP BY hour', span);
    const byHour = Array(24).fill(0);
    for (const h of hours) byHour[Number(h.hour)] = round2(Number(h.members) / days.length);

    const trendRows: { day: string; dau: number; wau: number; mau: number }[] = await this.dataSource.query(
      'SELECT day, dau, wau, mau FROM analytics_daily_active WHERE day >= ? AND day <= ? ORDER BY day', span);
    const byDay = new Map(trendRows.map((t) => [t.day, t]));
    const trend = days.map((day) => {
      const t = byDay.get(day);
      return { day, dau: Number(t?.dau ?? 0), wau: Number(t?.wau ?? 0), mau: Number(t?.mau ?? 0) };
    });
    const weekdaySums = Array(7).fill(0);
    const weekdayDays = Array(7).fill(0);
    for (const t of trend) {
      const w = weekdayOf(t.day);
      weekdaySums[w] += t.dau;
      weekdayDays[w]++;
    }
    const byWeekday = weekdaySums.map((sum, w) => (weekdayDays[w] ? round2(sum / weekdayDays[w]) : 0));

    const scenes: { scene: number; launches: string | number }[] = await this.dataSource.query(
      'SELECT scene, SUM(launches) AS launches FROM analytics_scenes WHERE day >= ? AND day <= ? GROUP BY scene ORDER BY launches DESC, scene ASC LIMIT 20', span);
    const pages: Record<string, string | number>[] = await this.dataSource.query(
      `SELECT page, SUM(views) AS views, SUM(dwell_ms_total) AS dwell, SUM(dwell_count) AS dwell_count, SUM(entries) AS entries, SUM(exits) AS exits
       FROM analytics_pages WHERE day >= ? AND day <= ? GROUP BY page ORDER BY views DESC, page ASC LIMIT 50`, span);
    return ok({
      from,
      to,
      byHour,
      byWeekday,
      trend,
      scenes: scenes.map((s) => ({ scene: Number(s.scene), launches: Number(s.launches) })),
      pages: pages.map((p) => ({
        page: String(p.page),
        views: Number(p.views),
        avgDwellMs: Number(p.dwell_count) > 0 ? Math.round(Number(p.dwell) / Number(p.dwell_count)) : null,
        entries: Number(p.entries),
        exits: Number(p.exits),
      })),
    });
  }
}
