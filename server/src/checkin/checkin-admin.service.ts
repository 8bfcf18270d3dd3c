import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, startOfStoreDay, validateLadder } from '@mall/shared';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { ClockService } from '../clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Outcome, fail, ok } from '../common/errors';
import { dbTime } from '../database/locks';
import { TransactionRunner } from '../database/transaction-runner';
import { SettingsService } from '../settings/settings.service';
import { CHECKIN_SETTINGS_KEY, CheckinSettings } from './checkin-settings';
import { CheckinService } from './checkin.service';

/** Merchant side of check-in: the rules (validated, audited) and the daily figures. */
@Injectable()
export class CheckinAdminService {
  constructor(
    private readonly checkins: CheckinService,
    private readonly settings: SettingsService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async update(admin: AdminPrincipal, next: CheckinSettings): Promise<Outcome<CheckinSettings>> {
    const problem = validateLadder(next.ladder);
    if (problem) return fail('INVALID_LADDER', `签到阶梯无效：${problem}`);
    const couponIds = next.ladder.steps.map((s) => s.couponTemplateId).filter(Boolean) as string[];
    for (const id of couponIds) {
      const [row] = await this.dataSource.query('SELECT id FROM coupon_templates WHERE id = ?', [id]);
      if (!row) return fail('COUPON_NOT_FOUND', '阶梯中的优惠券不存在');
    }
    // The rules and their audit entry are saved together or not at all.
    await this.tx.run(async (tx) => {
      await this.settings.set(CHECKIN_SETTINGS_KEY, next, admin.adminId, tx);
      await this.audit.record(tx.em, admin, { action: 'checkin.settings', targetType: 'settings', targetId: 'checkin', details: next });
    });
    return ok(await this.checkins.settings());
  }

  /** Daily check-ins and check-in rate (check-ins / members joined by then) for the last `days` store days. */
  async stats(days: number) {
    const today = this.clock.today();
    const first = addDays(today, -(days - 1));
    const rows: { day: string; n: string | number }[] = await this.dataSource.query(
      "SELECT day, COUNT(*) AS n FROM checkins WHERE day >= ? AND day <= ? AND kind = 'normal' GROUP BY day",
      [first, today],
    );
    const byDay = new Map(rows.map((r) => [r.day, Number(r.n)]));
    const out = [];
    for (let i = 0; i < days; i++) {
      const date = addDays(first, i);
      const end = startOfStoreDay(addDays(date, 1), this.config.store.timezone);
      const [{ n }] = await this.dataSource.query('SELECT COUNT(*) AS n FROM members WHERE joined_at < ?', [dbTime(this.dataSource.manager, end)]);
      const members = Number(n);
      const checkins = byDay.get(date) ?? 0;
      out.push({ date, checkins, members, rate: members ? Math.round((checkins / members) * 10000) / 10000 : 0 });
    }
    return { days: out };
  }
}
