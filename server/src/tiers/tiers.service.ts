import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import dayjs from 'dayjs';
import { EntityManager, Repository } from 'typeorm';
import { InjectRepository } from '@nestjs/typeorm';
import { TIER_CODES, TierCode, nextTierProgress, tierForGrowth, tierRank, validateThresholds } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { dbTime, lockAndLoadMember } from '../database/locks';
import { findOneRow, insertRow } from '../database/raw-rows';
import type { Tx } from '../database/transaction-runner';
import { SettingsService } from '../settings/settings.service';
import { MemberEntity } from '../members/member.entity';
import { GrowthEntryEntity, TierHistoryEntity } from './tier.entities';
import { DEFAULT_TIER_SETTINGS, TIER_SETTINGS_KEY, TierSettings } from './tier-settings';

export const TIER_CHANGED_EVENT = 'tier.changed';
export interface TierChangedEvent {
  memberId: string;
  from: TierCode;
  to: TierCode;
  reason: 'upgrade' | 'review_downgrade' | 'admin';
}

export interface GrowthChange {
  memberId: string;
  delta: number;
  reason: string;
  ref: string;
}

/** Tier rules applied to members: growth, upgrades the moment a threshold is crossed, settings. */
@Injectable()
export class TiersService {
  constructor(
    private readonly settingsStore: SettingsService,
    private readonly clock: ClockService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(TierHistoryEntity) private readonly history: Repository<TierHistoryEntity>,
  ) {}

  /** A member's tier changes, newest first (for the merchant's member detail). */
  historyOf(memberId: string, take = 100): Promise<TierHistoryEntity[]> {
    return this.history.find({ where: { memberId }, order: { createdAt: 'DESC', id: 'DESC' }, take });
  }

  settings(em?: EntityManager): Promise<TierSettings> {
    return this.settingsStore.get(TIER_SETTINGS_KEY, DEFAULT_TIER_SETTINGS, em);
  }

  async updateSettings(patch: Partial<Omit<TierSettings, 'icons'>>, adminId: string): Promise<Outcome<TierSettings>> {
    const current = await this.settings();
    const next: TierSettings = { ...current, ...patch, benefits: { ...current.benefits, ...(patch.benefits ?? {}) } };
    const problem = validateThresholds(next.thresholds);
    if (problem) return fail('INVALID_THRESHOLDS', `等级门槛无效：${problem}`, HttpStatus.BAD_REQUEST, { thresholds: problem });
    await this.settingsStore.set(TIER_SETTINGS_KEY, next, adminId);
    return ok(next);
  }

  async setIcon(tier: TierCode, url: string, adminId: string): Promise<TierSettings> {
    const current = await this.settings();
    const next = { ...current, icons: { ...current.icons, [tier]: url } };
    await this.settingsStore.set(TIER_SETTINGS_KEY, next, adminId);
    return next;
  }

  /** The start of the 12-month growth window ending now. */
  windowStart(now: Date = this.clock.now()): Date {
    return dayjs(now).subtract(12, 'month').toDate();
  }

  async growthLast12Months(em: EntityManager, memberId: string): Promise<number> {
    const rows: { total: string | number | null }[] = await em.query(
      'SELECT SUM(delta) AS total FROM growth_ledger WHERE member_id = ? AND created_at >= ?',
      [memberId, dbTime(em, this.windowStart())],
    );
    return Number(rows[0]?.total ?? 0);
  }

  /**
   * Adds growth once per (reason, ref) and upgrades at once when a threshold is crossed. The
   * upgrade is announced after the transaction commits.
   */
  async addGrowth(tx: Tx, change: GrowthChange): Promise<{ applied: boolean; tier: TierCode }> {
    const { em } = tx;
    const member = await lockAndLoadMember(em, change.memberId);
    if (!member) throw new Error(`member ${change.memberId} not found`);
    const existing = await findOneRow(em, GrowthEntryEntity, { memberId: change.memberId, reason: change.reason, ref: change.ref });
    if (existing || change.delta <= 0) return { applied: false, tier: member.tier };
    const now = this.clock.now();
    await insertRow(em, GrowthEntryEntity, { id: newId(), memberId: change.memberId, delta: change.delta, reason: change.reason, ref: change.ref, createdAt: now });
    const growth = await this.growthLast12Months(em, change.memberId);
    const reached = tierForGrowth(growth, (await this.settings(em)).thresholds);
    if (tierRank(reached) <= tierRank(member.tier)) return { applied: true, tier: member.tier };
    await em.update(MemberEntity, { id: member.id }, { tier: reached, tierReachedAt: now, tierReviewOn: this.reviewDayAfterYear(now) });
    await em.insert(TierHistoryEntity, { id: newId(), memberId: member.id, fromTier: member.tier, toTier: reached, reason: 'upgrade', growth12m: growth, createdAt: now });
    const event: TierChangedEvent = { memberId: member.id, from: member.tier, to: reached, reason: 'upgrade' };
    tx.afterCommit(() => void this.events.emitAsync(TIER_CHANGED_EVENT, event));
    return { applied: true, tier: reached };
  }

  /** The store day one year after an instant: the next yearly review. */
  reviewDayAfterYear(from: Date): string {
    return dayjs(this.clock.today(from)).add(1, 'year').format('YYYY-MM-DD');
  }

  async overview(em: EntityManager, member: MemberEntity) {
    const settings = await this.settings(em);
    const growth = await this.growthLast12Months(em, member.id);
    return {
      tier: member.tier,
      growth,
      next: nextTierProgress(member.tier, growth, settings.thresholds),
      benefits: settings.benefits[member.tier],
      reviewAt: member.tierReviewOn,
      ladder: TIER_CODES.map((t) => ({
        tier: t,
        threshold: t === 'normal' ? 0 : settings.thresholds[t],
        benefits: settings.benefits[t],
        iconUrl: settings.icons[t] ?? null,
      })),
    };
  }
}
