import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TierCode } from '@mall/shared';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { TransactionRunner } from '../database/transaction-runner';
import { PointsService } from '../points/points.service';
import { NoticesService } from '../notices/notices.service';
import { TiersService } from './tiers.service';

const BATCH = 500;

/**
 * Birthday gifts: in the member's birthday month (store time zone) the tier's gift points, once a
 * year (ledger ref `birthday:YYYY` is unique per member), with a greeting notice.
 */
@Injectable()
export class BirthdayGiftJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly tiers: TiersService,
    private readonly points: PointsService,
    private readonly notices: NoticesService,
    private readonly tx: TransactionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'birthday-gifts', hour: 9, run: (today) => this.giveGifts(today) });
  }

  async giveGifts(today: string): Promise<number> {
    const { benefits } = await this.tiers.settings();
    const [year, month] = today.split('-');
    const ref = `birthday:${year}`;
    let given = 0;
    let after = '';
    for (;;) {
      const rows: { id: string; tier: TierCode }[] = await this.dataSource.query(
        `SELECT m.id, m.tier FROM members m
         WHERE m.birthday LIKE ? AND m.id > ?
           AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.member_id = m.id AND l.reason = 'birthday' AND l.ref = ?)
         ORDER BY m.id LIMIT ?`,
        [`${month}-%`, after, ref, BATCH],
      );
      if (!rows.length) return given;
      for (const row of rows) {
        const amount = benefits[row.tier]?.birthdayGiftPoints ?? 0;
        if (amount <= 0) continue;
        const applied = await this.tx.run(async ({ em }) => {
          const result = await this.points.apply(em, { memberId: row.id, delta: amount, reason: 'birthday', ref, note: '生日礼' });
          if (!result.ok || !result.value.applied) return false;
          await this.notices.addNotice(em, { memberId: row.id, kind: 'birthday', ref, title: '生日快乐', body: `祝您生日快乐！${amount} 积分生日礼已到账`, page: 'pages/me/index' });
          return true;
        });
        if (applied) given++;
      }
      after = rows[rows.length - 1].id;
    }
  }
}
