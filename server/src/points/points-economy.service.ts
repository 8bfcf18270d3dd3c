import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addMonths, POINTS_ISSUE_REASONS, POINTS_RETURN_REASONS, POINTS_SPEND_REASONS, pointsValueFen, ratio, startOfStoreDay,
} from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { dbTime } from '../database/locks';
import { PointsService } from './points.service';

export const ECONOMY_MONTHS = 12;

export interface PointsEconomyMonth {
  /** Store month, YYYY-MM. */
  month: string;
  issued: number;
  /** Spent less what refunds and released holds gave back in the same month (can be negative). */
  spent: number;
  expired: number;
}

export interface PointsEconomy {
  months: PointsEconomyMonth[];
  outstandingPoints: number;
  liabilityFen: number;
  pointsPer5Yuan: number;
  issued12m: number;
  expired12m: number;
  breakageRate: number | null;
}

const list = (reasons: readonly string[]) => reasons.map((r) => `'${r}'`).join(', ');

/**
 * The points economy: what the ledger issued, spent and expired per store month, what members still
 * hold and what that is worth at the checkout's redemption rate. One grouped scan of the ledger; the
 * same issued/spent definitions as the analytics page's points usage (shared POINTS_*_REASONS).
 */
@Injectable()
export class PointsEconomyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: ClockService,
    private readonly points: PointsService,
  ) {}

  async economy(): Promise<PointsEconomy> {
    const tz = this.clock.timezone;
    const current = this.clock.today().slice(0, 7);
    const months = Array.from({ length: ECONOMY_MONTHS }, (_, i) => addMonths(current, i - (ECONOMY_MONTHS - 1)));
    // Month k covers [start of its first store day, start of the next month's): UTC instants, so the
    // buckets follow the store's calendar whatever the server's or the database's time zone.
    const bounds = [...months, addMonths(current, 1)].map((m) => dbTime(this.dataSource.manager, startOfStoreDay(`${m}-01`, tz)));
    const bucket = `CASE ${months.map(() => 'WHEN created_at < ? THEN ?').join(' ')} END`;
    const bucketParams = months.flatMap((m, i) => [bounds[i + 1], m]);
    const rows: { month: string; issued: unknown; spent: unknown; expired: unknown }[] = await this.dataSource.query(
      `SELECT ${bucket} AS month,
              SUM(CASE WHEN delta > 0 AND reason IN (${list(POINTS_ISSUE_REASONS)}) THEN delta ELSE 0 END) AS issued,
              SUM(CASE WHEN delta < 0 AND reason IN (${list(POINTS_SPEND_REASONS)}) THEN -delta
                       WHEN delta > 0 AND reason IN (${list(POINTS_RETURN_REASONS)}) THEN -delta ELSE 0 END) AS spent,
              SUM(CASE WHEN reason = 'expiry' THEN -delta ELSE 0 END) AS expired
       FROM points_ledger WHERE created_at >= ? AND created_at < ?
       GROUP BY month`,
      [...bucketParams, bounds[0], bounds[ECONOMY_MONTHS]],
    );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const monthly = months.map((month) => {
      const r = byMonth.get(month);
      return { month, issued: Number(r?.issued ?? 0), spent: Number(r?.spent ?? 0), expired: Number(r?.expired ?? 0) };
    });

    const [{ total }] = await this.dataSource.query('SELECT COALESCE(SUM(points_balance), 0) AS total FROM members');
    const outstandingPoints = Number(total);
    const { pointsPer5Yuan } = await this.points.pointsSettings();
    const issued12m = monthly.reduce((s, m) => s + m.issued, 0);
    const expired12m = monthly.reduce((s, m) => s + m.expired, 0);
    return {
      months: monthly,
      outstandingPoints,
      // The whole outstanding balance valued at the points+cash checkout rate, rounded down once to
      // whole fen (pointsValueFen floors): at the default 100 points = 5 yuan a point is exactly 5 fen,
      // so nothing is lost; at other rates the figure is at most 1 fen under the exact value.
      liabilityFen: pointsValueFen(outstandingPoints, pointsPer5Yuan),
      pointsPer5Yuan,
      issued12m,
      expired12m,
      breakageRate: ratio(expired12m, issued12m),
    };
  }
}
