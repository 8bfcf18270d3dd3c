import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { afterQuietHours, CAP_WINDOW_MS, formatStoreDateTime, isInHoldout, maySendNow, SendPolicy } from '@mall/shared';
import { AudiencesService } from '../audiences/audiences.service';
import { ClockService } from '../clock/clock.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { dbTime } from '../database/locks';
import { TransactionRunner } from '../database/transaction-runner';
import { JobLockService, JobOutcome } from '../jobs/job-lock.service';
import { MemberDayService } from '../member-day/member-day.service';
import { TiersService } from '../tiers/tiers.service';
import { CampaignEntity, CampaignOffer } from './campaign.entities';
import { CampaignDeliveryService, SendTarget } from './campaign-delivery.service';
import { SqlPart, TriggerContext, TriggerQuery, triggerQueries } from './campaign-triggers';
import { CampaignsAdminService } from './campaigns-admin.service';

dayjs.extend(utc);
dayjs.extend(timezone);

const BATCH = 500;
export const CAMPAIGN_JOB = 'campaign-runner';

/**
 * Runs the active campaigns every minute. Each tick (one store minute) runs on one instance only
 * (the job lock); even so every effect is once-only by the send row's unique key, so a retried or
 * doubled tick changes nothing. In quiet hours nothing goes out and nothing is recorded: whatever
 * is due is still due at the first tick after them. A member over the weekly cap is skipped (no
 * row at all, for treated and holdout alike) and taken when the cap allows, while the occurrence
 * is still current.
 */
@Injectable()
export class CampaignRunnerService implements OnApplicationShutdown {
  private readonly logger = new Logger(CampaignRunnerService.name);
  private running = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locks: JobLockService,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admin: CampaignsAdminService,
    private readonly audiences: AudiencesService,
    private readonly memberDays: MemberDayService,
    private readonly tiers: TiersService,
    private readonly delivery: CampaignDeliveryService,
    private readonly tx: TransactionRunner,
  ) {}

  @Interval('campaign-runner-tick', 60_000)
  async tick(): Promise<void> {
    if (this.running || this.stopped || this.config.env === 'test') return;
    this.running = true;
    try {
      await this.runNow();
    } catch (error) {
      this.logger.error(`campaign tick failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** One tick, once across instances; `runKey` defaults to the store minute. */
  async runNow(runKey?: string): Promise<JobOutcome> {
    const key = runKey ?? formatStoreDateTime(this.clock.now(), this.clock.timezone).slice(0, 16);
    try {
      const outcome = await this.locks.runOnce(CAMPAIGN_JOB, key, () => this.runTick());
      // One run row a minute: keep a day of history.
      if (outcome.ran && key.endsWith(':00')) await this.locks.pruneDone(CAMPAIGN_JOB, new Date(this.clock.now().getTime() - 86_400_000));
      return outcome;
    } catch (error) {
      await this.locks.rerunFailed(CAMPAIGN_JOB, key);
      throw error;
    }
  }

  private async policy(): Promise<SendPolicy> {
    return { ...(await this.admin.policySettings()), timezone: this.clock.timezone };
  }

  /** Returns the number of rows written (sent + holdout). */
  async runTick(): Promise<number> {
    const now = this.clock.now();
    const policy = await this.policy();
    if (afterQuietHours(now, policy).getTime() !== now.getTime()) return 0;
    await this.endPastCampaigns(now);
    const campaigns = await this.dataSource.manager.find(CampaignEntity, { where: { status: 'active' }, order: { createdAt: 'ASC', id: 'ASC' } });
    let written = 0;
    for (const campaign of campaigns) {
      if (campaign.startsAt && campaign.startsAt > now) continue;
      try {
        written += await this.runCampaign(campaign, now, policy);
      } catch (error) {
        // One broken campaign must not hold up the others; the next tick tries it again.
        this.logger.error(`campaign ${campaign.id} failed: ${(error as Error).message}`);
      }
    }
    return written;
  }

  private async endPastCampaigns(now: Date): Promise<void> {
    await this.tx.write((em) => em.update(CampaignEntity, { status: In(['active', 'paused']), endsAt: LessThanOrEqual(now) }, { status: 'ended', updatedAt: now }));
  }

  private async context(campaign: CampaignEntity, now: Date): Promise<TriggerContext> {
    const today = this.clock.today(now);
    const [isMemberDay, tierSettings, [scores]] = await Promise.all([
      this.memberDays.isMemberDay(today),
      this.tiers.settings(),
      this.dataSource.query('SELECT computed_on AS d FROM member_scores LIMIT 1'),
    ]);
    return {
      dialect: this.dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite',
      now,
      today,
      timezone: this.clock.timezone,
      utcOffsetMinutes: dayjs(now).tz(this.clock.timezone).utcOffset(),
      time: (d) => dbTime(this.dataSource.manager, d),
      since: campaign.activatedAt ?? campaign.createdAt,
      isMemberDay,
      tierThresholds: tierSettings.thresholds,
      predictionsOn: scores?.d ?? null,
    };
  }

  private async runCampaign(campaign: CampaignEntity, now: Date, policy: SendPolicy): Promise<number> {
    let audience: SqlPart & { from: string } = { from: 'members m', sql: '1 = 1', params: [] };
    if (campaign.audienceId) {
      const saved = await this.audiences.get(campaign.audienceId);
      if (!saved.ok) return 0;
      const q = this.audiences.compile(saved.value.rules);
      audience = { from: q.from, sql: q.where, params: q.params };
    }
    const ctx = await this.context(campaign, now);
    let written = 0;
    for (const query of triggerQueries(campaign.trigger, ctx)) {
      const offer: CampaignOffer = query.offer ?? { kind: campaign.offerKind, couponTemplateId: campaign.couponTemplateId, points: campaign.offerPoints };
      let after = '';
      for (;;) {
        const rows = await this.candidates(campaign, query, audience, policy, now, after);
        if (!rows.length) break;
        written += await this.deliverBatch(campaign, rows, offer, policy, now);
        after = rows[rows.length - 1].memberId;
        if (rows.length < BATCH) break;
      }
    }
    return written;
  }

  /**
   * One set-based query: trigger ∩ audience, minus occurrences already recorded, minus members
   * already at the weekly cap (a member with several occurrences in one batch is re-checked in JS).
   * Keyset-paged by member id; a member's rows cut by the batch limit wait for the next tick.
   */
  private async candidates(campaign: CampaignEntity, q: TriggerQuery, audience: SqlPart & { from: string }, policy: SendPolicy, now: Date, after: string): Promise<SendTarget[]> {
    const joins = q.joins.map((j) => j.sql).join(' ');
    const where = [audience.sql, ...q.where.map((w) => w.sql)].join(' AND ');
    const sql = `SELECT m.id AS member_id, ${q.occurrence.sql} AS occurrence
      FROM ${audience.from} ${joins}
      WHERE ${where} AND m.id > ?
        AND NOT EXISTS (SELECT 1 FROM campaign_sends cs WHERE cs.campaign_id = ? AND cs.member_id = m.id AND cs.occurrence = ${q.occurrence.sql})
        AND (SELECT COUNT(*) FROM campaign_sends cw WHERE cw.member_id = m.id AND cw.status = 'sent' AND cw.sent_at > ?) < ?
      ORDER BY m.id LIMIT ${BATCH}`;
    const params = [
      ...q.occurrence.params,
      ...q.joins.flatMap((j) => j.params),
      ...audience.params,
      ...q.where.flatMap((w) => w.params),
      after,
      campaign.id,
      ...q.occurrence.params,
      dbTime(this.dataSource.manager, new Date(now.getTime() - CAP_WINDOW_MS)),
      policy.maxPerWeek,
    ];
    const rows: { member_id: string; occurrence: string | null }[] = await this.dataSource.query(sql, params);
    return rows.filter((r) => r.occurrence !== null).map((r) => ({ memberId: r.member_id, occurrence: String(r.occurrence) }));
  }

  private async deliverBatch(campaign: CampaignEntity, rows: SendTarget[], offer: CampaignOffer, policy: SendPolicy, now: Date): Promise<number> {
    const treated = rows.filter((r) => !isInHoldout(campaign.id, r.memberId, campaign.holdoutPct));
    const recent = await this.delivery.recentSends(this.dataSource.manager, [...new Set(treated.map((r) => r.memberId))], now);
    let written = 0;
    for (const row of rows) {
      if (isInHoldout(campaign.id, row.memberId, campaign.holdoutPct)) {
        if (await this.delivery.holdOut(campaign, row)) written++;
        continue;
      }
      // A cheap first look from the batch's read; the send itself decides under the member's lock.
      const sends = recent.get(row.memberId) ?? [];
      if (!maySendNow(now, sends, policy)) continue;
      if (await this.delivery.send(campaign, row, offer, policy)) {
        sends.push(now);
        recent.set(row.memberId, sends);
        written++;
      }
    }
    return written;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }
}
