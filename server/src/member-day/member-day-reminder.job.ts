import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { NoticesService } from '../notices/notices.service';
import { MemberDayService } from './member-day.service';

const BATCH = 500;

/**
 * The member-day morning reminder: one subscribe message to each member who opted in, once per
 * member day (notice ref `member_day:<day>`), whatever the retries or the number of servers.
 */
@Injectable()
export class MemberDayReminderJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly memberDay: MemberDayService,
    private readonly notices: NoticesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'member-day-reminder', hour: 9, run: (today) => this.remind(today), hourFrom: async () => (await this.memberDay.settings()).reminderHour });
  }

  async remind(today: string): Promise<number> {
    if (!(await this.memberDay.isMemberDay(today))) return 0;
    let sent = 0;
    let after = '';
    for (;;) {
      const rows: { member_id: string }[] = await this.dataSource.query(
        `SELECT member_id FROM member_subscriptions WHERE topic = 'member_day' AND credits > 0 AND member_id > ? ORDER BY member_id LIMIT ?`,
        [after, BATCH],
      );
      if (!rows.length) return sent;
      for (const { member_id } of rows) {
        const result = await this.notices.notify(
          { memberId: member_id, kind: 'member_day', ref: today, title: '今天是会员日', body: '签到积分翻倍，会员专享折扣和优惠券等你来领', page: 'pages/index/index' },
          'member_day',
          { thing1: { value: '会员日' }, thing2: { value: '签到积分翻倍，专享优惠券已备好' } },
        );
        if (result.messaged) sent++;
      }
      after = rows[rows.length - 1].member_id;
    }
  }
}
