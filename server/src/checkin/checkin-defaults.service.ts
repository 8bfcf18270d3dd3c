import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_CHECKIN_LADDER } from '@mall/shared';
import { ClockService } from '../clock/clock.service';
import { newId } from '../common/ids';
import { TransactionRunner } from '../database/transaction-runner';
import { JobLockService } from '../jobs/job-lock.service';
import { SettingsService } from '../settings/settings.service';
import { CouponTemplateEntity } from '../coupons/coupon.entities';
import { CHECKIN_SETTINGS_KEY, CheckinSettings, DEFAULT_CHECKIN_SETTINGS } from './checkin-settings';

/**
 * On a store's first start the default ladder's day-30 reward needs a real coupon: create a
 * "10元优惠券" template and save the ladder pointing at it, once across instances. A merchant who
 * has saved their own rules is never touched.
 */
@Injectable()
export class CheckinDefaultsService implements OnApplicationBootstrap {
  constructor(
    private readonly settings: SettingsService,
    private readonly locks: JobLockService,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.locks.runOnce('checkin-defaults', 'v1', async () => {
      const stored = await this.settings.get<CheckinSettings | null>(CHECKIN_SETTINGS_KEY, null as never);
      if (stored) return 0;
      const templateId = newId();
      await this.tx.run(({ em }) =>
        em.insert(CouponTemplateEntity, {
          id: templateId,
          name: '连续签到30天 10元券',
          kind: 'amount',
          amountOffFen: 1000,
          thresholdFen: 5000,
          percentPay: 100,
          capFen: 0,
          validFrom: null,
          validTo: null,
          validDays: 30,
          tiers: '',
          totalLimit: null,
          perMemberLimit: 100,
          issuedCount: 0,
          status: 'active',
          createdAt: this.clock.now(),
        }),
      );
      const ladder = { ...DEFAULT_CHECKIN_LADDER, steps: DEFAULT_CHECKIN_LADDER.steps.map((s) => (s.day === 30 ? { ...s, couponTemplateId: templateId } : s)) };
      await this.settings.set(CHECKIN_SETTINGS_KEY, { ...DEFAULT_CHECKIN_SETTINGS, ladder }, null);
      return 1;
    });
  }
}
