import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, MoreThanOrEqual, Repository } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { addDays } from '@mall/shared';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { AuditService } from '../audit/audit.service';
import { Outcome, fail, ok } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { SettingsService } from '../settings/settings.service';
import { CouponsService } from '../coupons/coupons.service';
import { ClockService } from '../clock/clock.service';
import { ReferralEntity } from './referral.entity';
import { REFERRAL_SETTINGS_KEY, ReferralSettings } from './referral-settings';
import { ReferralsService } from './referrals.service';
import { ReferralEventEntity } from './referral-event.entity';

/** Merchant side of referrals: rules (audited), every invitation, and inviters worth a look. */
@Injectable()
export class ReferralsAdminService {
  constructor(
    @InjectRepository(ReferralEntity) private readonly referrals: Repository<ReferralEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly service: ReferralsService,
    private readonly settings: SettingsService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly coupons: CouponsService,
    private readonly clock: ClockService,
  ) {}

  async update(admin: AdminPrincipal, next: ReferralSettings): Promise<Outcome<ReferralSettings>> {
    for (const id of next.welcomePack.couponTemplateIds) {
      if (!(await this.coupons.findTemplate(id))) return fail('COUPON_NOT_FOUND', '新人礼中的优惠券不存在');
    }
    // The rules and their audit entry are saved together or not at all.
    await this.tx.run(async (tx) => {
      await this.settings.set(REFERRAL_SETTINGS_KEY, next, admin.adminId, tx);
      await this.audit.record(tx.em, admin, { action: 'referral.settings', targetType: 'settings', targetId: 'referral', details: next });
    });
    return ok(await this.service.settings());
  }

  /** Every invitation, newest first, with both members' nicknames. */
  async page(page: number, pageSize: number) {
    const [items, total] = await this.referrals.findAndCount({ order: { boundAt: 'DESC', inviteeId: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    const ids = [...new Set(items.flatMap((r) => [r.inviterId, r.inviteeId]))];
    const members = ids.length ? await this.dataSource.manager.find(MemberEntity, { where: { id: In(ids) }, select: { id: true, nickname: true } }) : [];
    const nickname = new Map(members.map((m) => [m.id, m.nickname]));
    return { items: items.map((r) => ({ ...r, inviterNickname: nickname.get(r.inviterId) ?? '', inviteeNickname: nickname.get(r.inviteeId) ?? '' })), total };
  }

  /** Inviters whose invitations hit the daily cap or were blocked (same phone), most first. */
  async suspicious() {
    const rows: { inviter_id: string; nickname: string; invitations: string; capped: string; blocked: string }[] = await this.dataSource.query(
      `SELECT r.inviter_id, m.nickname, COUNT(*) AS invitations,
              SUM(CASE WHEN r.state = 'capped' THEN 1 ELSE 0 END) AS capped,
              SUM(CASE WHEN r.state = 'blocked' THEN 1 ELSE 0 END) AS blocked
       FROM referrals r JOIN members m ON m.id = r.inviter_id
       GROUP BY r.inviter_id, m.nickname
       HAVING SUM(CASE WHEN r.state IN ('capped', 'blocked') THEN 1 ELSE 0 END) > 0
       ORDER BY SUM(CASE WHEN r.state IN ('capped', 'blocked') THEN 1 ELSE 0 END) DESC
       LIMIT 50`,
    );
    return rows.map((r) => ({ inviterId: r.inviter_id, nickname: r.nickname, invitations: Number(r.invitations), capped: Number(r.capped), blocked: Number(r.blocked) }));
  }

  /** Shares → opens → registrations → qualified friends, per store day over the last `days` days. */
  async funnel(days: number) {
    const today = this.clock.today();
    const first = addDays(today, -(days - 1));
    const dayList = Array.from({ length: days }, (_, i) => addDays(first, i));
    const byDay = new Map(dayList.map((day) => [day, { day, shares: 0, opens: 0, registrations: 0, qualified: 0 }]));
    const events: { day: string; kind: string; n: string }[] = await this.dataSource
      .createQueryBuilder(ReferralEventEntity, 'e')
      .select('e.day', 'day')
      .addSelect('e.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .where('e.day >= :first', { first })
      .groupBy('e.day')
      .addGroupBy('e.kind')
      .getRawMany();
    for (const e of events) {
      const row = byDay.get(e.day);
      if (row) row[e.kind === 'share' ? 'shares' : 'opens'] += Number(e.n);
    }
    // Bound and qualified instants are bucketed into store days here, the same way on both databases.
    const since = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000);
    const referrals = await this.referrals.find({ where: [{ boundAt: MoreThanOrEqual(since) }, { qualifiedAt: MoreThanOrEqual(since) }], select: { boundAt: true, qualifiedAt: true, state: true } });
    for (const r of referrals) {
      const bound = byDay.get(this.clock.today(r.boundAt));
      if (bound) bound.registrations++;
      if (r.state === 'qualified' && r.qualifiedAt) {
        const qualified = byDay.get(this.clock.today(r.qualifiedAt));
        if (qualified) qualified.qualified++;
      }
    }
    const rows = [...byDay.values()];
    const totals = rows.reduce((t, r) => ({ ...t, shares: t.shares + r.shares, opens: t.opens + r.opens, registrations: t.registrations + r.registrations, qualified: t.qualified + r.qualified }), { day: first, shares: 0, opens: 0, registrations: 0, qualified: 0 });
    return { days: rows, totals };
  }
}
