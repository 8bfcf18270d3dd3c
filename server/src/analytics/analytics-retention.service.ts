import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  activityCutoff, addDays, addMonths, atRiskWindows, cohortRetention, highValueRank, orderFiguresOf, pointsUsage, ratio,
  SEGMENT_KEYS, SEGMENTS, startOfStoreDay, storeDate, AT_RISK_MIN_PAST_CHECKINS, ACTIVE_DAYS, DORMANT_DAYS,
} from '@mall/shared';
import type { SegmentKey } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { dbTime } from '../database/locks';
import type { CohortRowDto, RetentionResponse, SegmentsResponse } from './analytics.dto';

const COHORT_MONTHS = 6;
const YEAR_MS = 365 * 86_400_000;
/** Orders that count as bought: paid and not refunded (the segments' "spend" too). */
export function paidNotRefunded(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `${a}paid_at IS NOT NULL AND ${a}refunded_at IS NULL AND ${a}status <> 'refunded'`;
}
const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v).replace(' ', 'T') + (String(v).endsWith('Z') ? '' : 'Z')));

/**
 * Retention figures and segment sizes, by the definitions in `shared/src/analytics`: the database
 * sums per member, the shared functions do the arithmetic.
 */
@Injectable()
export class AnalyticsRetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private t(date: Date): Date | string {
    return dbTime(this.dataSource.manager, date);
  }

  async retention(): Promise<RetentionResponse> {
    const now = this.clock.now();
    const today = this.clock.today();
    const [checked] = await this.dataSource.query('SELECT COUNT(DISTINCT member_id) AS n FROM checkins WHERE day >= ? AND day <= ?', [addDays(today, -29), today]);
    // Active: seen in the last 30 days, or checked in during the window (a check-in is activity).
    const [act] = await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM members m WHERE m.last_active_at >= ? OR EXISTS (SELECT 1 FROM checkins c WHERE c.member_id = m.id AND c.day >= ? AND c.day <= ?)',
      [this.t(activityCutoff(now, ACTIVE_DAYS)), addDays(today, -29), today],
    );
    const active = Number(act.n);

    const ledger: { reason: string; pos: string | number | null; neg: string | number | null }[] = await this.dataSource.query(
      'SELECT reason, SUM(CASE WHEN delta > 0 THEN delta ELSE 0 END) AS pos, SUM(CASE WHEN delta < 0 THEN delta ELSE 0 END) AS neg FROM points_ledger GROUP BY reason');
    const usage = pointsUsage(ledger.flatMap((r) => [{ delta: Number(r.pos ?? 0), reason: r.reason }, { delta: Number(r.neg ?? 0), reason: r.reason }]));

    const purchasers: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT o.member_id, COUNT(*) AS orders, SUM(o.cash_due_fen) AS cash, MIN(o.paid_at) AS first_paid, MAX(o.paid_at) AS last_paid,
              SUM(CASE WHEN o.paid_at > ? THEN 1 ELSE 0 END) AS recent, MAX(m.last_active_at) AS last_seen
       FROM orders o JOIN members m ON m.id = o.member_id
       WHERE ${paidNotRefunded('o')} GROUP BY o.member_id`,
      [this.t(new Date(now.getTime() - YEAR_MS))],
    );
    const orders = orderFiguresOf(purchasers.map((p) => ({
      orders: Number(p.orders), cashFen: Number(p.cash), firstPaidAt: toDate(p.first_paid), lastPaidAt: toDate(p.last_paid),
      recentOrders: Number(p.recent), lastSeen: p.last_seen ? toDate(p.last_seen) : null,
    })));

    return {
      checkinRate: { checkedIn: Number(checked.n), active, rate: ratio(Number(checked.n), active) },
      pointsUsage: usage,
      orders,
      cohorts: await this.cohorts(today),
    };
  }

  /** Members by join month (store time) over the last 6 months, and the months they were active in. */
  private async cohorts(today: string): Promise<CohortRowDto[]> {
    const tz = this.config.store.timezone;
    const lastMonth = today.slice(0, 7);
    const firstMonth = addMonths(lastMonth, -(COHORT_MONTHS - 1));
    const joined: { id: string; joined_at: unknown }[] = await this.dataSource.query(
      'SELECT id, joined_at FROM members WHERE joined_at >= ?', [this.t(startOfStoreDay(`${firstMonth}-01`, tz))]);
    const active: { member_id: string; month: string }[] = await this.dataSource.query(
      `SELECT DISTINCT member_id, SUBSTR(day, 1, 7) AS month FROM analytics_member_days WHERE day >= ?`, [`${firstMonth}-01`]);
    const months = Array.from({ length: COHORT_MONTHS }, (_, i) => addMonths(firstMonth, i));
    return cohortRetention(
      joined.map((j) => ({ memberId: j.id, month: storeDate(toDate(j.joined_at), tz).slice(0, 7) })),
      active.map((a) => ({ memberId: a.member_id, month: a.month })),
      months,
      lastMonth,
    );
  }

  private async countActive(now: Date): Promise<number> {
    const [row] = await this.dataSource.query('SELECT COUNT(*) AS n FROM members WHERE last_active_at >= ?', [this.t(activityCutoff(now, ACTIVE_DAYS))]);
    return Number(row.n);
  }

  /** The high-value threshold: the nearest-rank 90th percentile of spend among spenders. */
  async highValueThreshold(): Promise<number | null> {
    const spend = `SELECT member_id, SUM(cash_due_fen) AS spend FROM orders WHERE ${paidNotRefunded()} GROUP BY member_id HAVING SUM(cash_due_fen) > 0`;
    const [n] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM (${spend}) s`);
    const rank = highValueRank(Number(n.n));
    if (!rank) return null;
    const [row] = await this.dataSource.query(`SELECT spend FROM (${spend}) s ORDER BY spend ASC LIMIT 1 OFFSET ${rank - 1}`);
    return Number(row.spend);
  }

  async segments(): Promise<SegmentsResponse> {
    const now = this.clock.now();
    const today = this.clock.today();
    const counts = {} as Record<SegmentKey, number>;
    counts.active = await this.countActive(now);
    for (const key of ['dormant_30', 'dormant_60', 'dormant_90'] as const) {
      const [row] = await this.dataSource.query('SELECT COUNT(*) AS n FROM members WHERE last_active_at IS NULL OR last_active_at < ?', [this.t(activityCutoff(now, DORMANT_DAYS[key]))]);
      counts[key] = Number(row.n);
    }
    const threshold = await this.highValueThreshold();
    const [hv] = threshold === null ? [{ n: 0 }] : await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM (SELECT member_id FROM orders WHERE ${paidNotRefunded()} GROUP BY member_id HAVING SUM(cash_due_fen) >= ?) s`, [threshold]);
    counts.high_value = Number(hv.n);
    const w = atRiskWindows(today);
    const [risk] = await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM (
         SELECT member_id, SUM(CASE WHEN day <= ? THEN 1 ELSE 0 END) AS past, SUM(CASE WHEN day >= ? THEN 1 ELSE 0 END) AS recent
         FROM checkins WHERE day >= ? AND day <= ? GROUP BY member_id) c
       WHERE c.past >= ? AND 6 * c.recent < c.past`,
      [w.past.to, w.recent.from, w.past.from, w.recent.to, AT_RISK_MIN_PAST_CHECKINS],
    );
    counts.at_risk = Number(risk.n);
    return {
      highValueThresholdFen: threshold,
      items: SEGMENT_KEYS.map((key) => ({
        key,
        label: SEGMENTS[key].label,
        definition: SEGMENTS[key].definition,
        count: counts[key],
        membersUrl: `/admin/members?segment=${key}`,
        exportUrl: `/api/admin/members/export.csv?segment=${key}`,
      })),
    };
  }
}
