import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { NoticesService } from '../notices/notices.service';
import { CheckinService } from './checkin.service';

const BATCH = 500;

/**
 * One reminder a day, after the configured hour, to members who opted in (a subscription credit)
 * and have not checked in yet. The notice ref `checkin-reminder:<day>` keeps it to one per day
 * even when the job is retried or two servers run it.
 */
@Injectable()
export class CheckinReminderJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly checkins: CheckinService,
    private readonly notices: NoticesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register({ name: 'checkin-reminder', hour: 20, run: (today) => this.remind(today), hourFrom: async () => (await this.checkins.settings()).reminderHour });
  }

  async remind(today: string): Promise<number> {
    let sent = 0;
    let after = '';
    for (;;) {
      const rows: { member_id: string }[] = await this.dataSource.query(
        `SELECT s.member_id FROM member_subscriptions s
         WHERE s.topic = 'checkin_reminder' AND s.credits > 0 AND s.member_id > ?
           AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.member_id = s.member_id AND c.day = ?)
         ORDER BY s.member_id LIMIT ?`,
        [after, today, BATCH],
      );
      if (!rows.length) return sent;
      for (const { member_id } of rows) {
        const result = await this.notices.notify(
          { memberId: member_id, kind: 'checkin_reminder', ref: today, title: '今天还没签到哦', body: '签到领积分，连续签到还有额外奖励', page: 'pages/checkin/index' },
          'checkin_reminder',
          { thing1: { value: '每日签到' }, thing2: { value: '今天还没签到，连续签到奖励更多' } },
        );
        if (result.messaged) sent++;
      }
      after = rows[rows.length - 1].member_id;
    }
  }
}
