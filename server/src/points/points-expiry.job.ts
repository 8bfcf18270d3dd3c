import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays } from '@mall/shared';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { TransactionRunner } from '../database/transaction-runner';
import { NoticesService } from '../notices/notices.service';
import { PointsService } from './points.service';

const BATCH = 500;
export const WARNING_DAYS = 30;

/**
 * Two daily jobs: `points-expiry` writes the expiry entries for points whose last day has passed
 * (one short transaction per member, in batches), and `points-expiry-warning` tells members 30
 * days ahead (an in-app notice, and a subscribe message if they opted in), once per expiry date.
 */
@Injectable()
export class PointsExpiryJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly points: PointsService,
    private readonly tx: TransactionRunner,
    private readonly notices: NoticesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'points-expiry', hour: 0, run: (today) => this.expire(today) });
    this.jobs.register({ name: 'points-expiry-warning', hour: 10, run: (today) => this.warn(today) });
  }

  async expire(today: string): Promise<number> {
    let expired = 0;
    let after = '';
    for (;;) {
      const rows: { member_id: string }[] = await this.dataSource.query(
        'SELECT DISTINCT member_id FROM points_lots WHERE expires_on < ? AND remaining > 0 AND member_id > ? ORDER BY member_id LIMIT ?',
        [today, after, BATCH],
      );
      if (!rows.length) return expired;
      for (const { member_id } of rows) {
        expired += await this.tx.run(({ em }) => this.points.expireForMember(em, member_id, today));
      }
      after = rows[rows.length - 1].member_id;
    }
  }

  async warn(today: string): Promise<number> {
    const horizon = addDays(today, WARNING_DAYS);
    let warned = 0;
    let after = '';
    for (;;) {
      const rows: { member_id: string; expires_on: string; points: string | number }[] = await this.dataSource.query(
        `SELECT member_id, MIN(expires_on) AS expires_on, SUM(remaining) AS points FROM points_lots
         WHERE expires_on >= ? AND expires_on <= ? AND remaining > 0 AND member_id > ?
         GROUP BY member_id ORDER BY member_id LIMIT ?`,
        [today, horizon, after, BATCH],
      );
      if (!rows.length) return warned;
      for (const row of rows) {
        const points = Number(row.points);
        const result = await this.notices.notify(
          {
            memberId: row.member_id,
            kind: 'points_expiry',
            ref: row.expires_on,
            title: '积分即将到期',
            body: `您有 ${points} 积分将于 ${row.expires_on} 到期，快去积分商城兑换吧`,
            page: 'pages/mall/index',
          },
          'points_expiry',
          { number1: { value: String(points) }, date2: { value: row.expires_on }, thing3: { value: '积分即将到期，快去兑换好礼' } },
        );
        if (result.noticed) warned++;
      }
      after = rows[rows.length - 1].member_id;
    }
  }
}
