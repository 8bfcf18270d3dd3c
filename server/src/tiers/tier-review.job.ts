import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keepAmount } from '@mall/shared';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { TransactionRunner } from '../database/transaction-runner';
import { ClockService } from '../clock/clock.service';
import { dbTime } from '../database/locks';
import { TiersService } from './tiers.service';

const CHUNK = 5000;
const SQLITE_UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))`;

/**
 * The yearly tier review, set-based: members whose review day has come are decided in SQL, chunk
 * by chunk of primary keys (short transactions, memory flat whatever the member count). A member
 * who earned less than the keep amount in the past 12 months drops one tier; everyone reviewed
 * gets the next review a year later. Runs once per store day across instances (job lock).
 */
@Injectable()
export class TierReviewJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly tiers: TiersService,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'tier-review', hour: 2, run: (today) => this.review(today) });
  }

  async review(today: string): Promise<number> {
    const settings = await this.tiers.settings();
    const keep = {
      silver: keepAmount('silver', settings.thresholds, settings.keepPct),
      gold: keepAmount('gold', settings.thresholds, settings.keepPct),
      diamond: keepAmount('diamond', settings.thresholds, settings.keepPct),
    };
    const now = this.clock.now();
    const since = this.tiers.windowStart(now);
    const nextReview = this.tiers.reviewDayAfterYear(now);
    let downgraded = 0;
    let after = '';
    for (;;) {
      const boundary: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM members WHERE tier <> 'normal' AND tier_review_on <= ? AND id > ? ORDER BY id LIMIT 1 OFFSET ${CHUNK - 1}`,
        [today, after],
      );
      const upTo = boundary[0]?.id ?? null;
      const changed = await this.tx.run(({ em }) => this.reviewChunk(em, { today, after, upTo, keep, since, now, nextReview }));
      downgraded += changed;
      if (!upTo) return downgraded;
      after = upTo;
    }
  }

  private async reviewChunk(
    em: EntityManager,
    p: { today: string; after: string; upTo: string | null; keep: Record<'silver' | 'gold' | 'diamond', number>; since: Date; now: Date; nextReview: string },
  ): Promise<number> {
    const mysql = em.connection.options.type === 'mysql';
    const range = (col: string) => (p.upTo ? `${col} > ? AND ${col} <= ?` : `${col} > ?`);
    const rangeParams = p.upTo ? [p.after, p.upTo] : [p.after];
    await em.query(`DROP ${mysql ? 'TEMPORARY ' : ''}TABLE IF EXISTS tier_review_decisions`);
    await em.query(
      `CREATE TEMPORARY TABLE tier_review_decisions AS
       SELECT m.id AS member_id, m.tier AS from_tier,
              CASE m.tier WHEN 'diamond' THEN 'gold' WHEN 'gold' THEN 'silver' ELSE 'normal' END AS to_tier,
              COALESCE((SELECT SUM(g.delta) FROM growth_ledger g WHERE g.member_id = m.id AND g.created_at >= ?), 0) AS growth
       FROM members m
       WHERE m.tier <> 'normal' AND m.tier_review_on <= ? AND ${range('m.id')}`,
      [dbTime(em, p.since), p.today, ...rangeParams],
    );
    await em.query(
      `DELETE FROM tier_review_decisions WHERE growth >= CASE from_tier WHEN 'silver' THEN ? WHEN 'gold' THEN ? ELSE ? END`,
      [p.keep.silver, p.keep.gold, p.keep.diamond],
    );
    if (mysql) {
      await em.query(
        `UPDATE members m JOIN tier_review_decisions d ON d.member_id = m.id AND d.from_tier = m.tier
         SET m.tier = d.to_tier, m.tier_reached_at = ?, m.tier_review_on = CASE WHEN d.to_tier = 'normal' THEN NULL ELSE ? END`,
        [dbTime(em, p.now), p.nextReview],
      );
    } else {
      await em.query(
        `UPDATE members SET
           tier = (SELECT d.to_tier FROM tier_review_decisions d WHERE d.member_id = members.id),
           tier_reached_at = ?,
           tier_review_on = CASE WHEN (SELECT d.to_tier FROM tier_review_decisions d WHERE d.member_id = members.id) = 'normal' THEN NULL ELSE ? END
         WHERE id IN (SELECT d.member_id FROM tier_review_decisions d WHERE d.from_tier = members.tier)`,
        [dbTime(em, p.now), p.nextReview],
      );
    }
    await em.query(
      `INSERT INTO tier_history (id, member_id, from_tier, to_tier, reason, growth_12m, created_at)
       SELECT ${mysql ? 'UUID()' : SQLITE_UUID}, member_id, from_tier, to_tier, 'review_downgrade', growth, ? FROM tier_review_decisions`,
      [dbTime(em, p.now)],
    );
    // Members who kept their tier are reviewed again in a year.
    await em.query(`UPDATE members SET tier_review_on = ? WHERE tier <> 'normal' AND tier_review_on <= ? AND ${range('id')}`, [p.nextReview, p.today, ...rangeParams]);
    const [{ n }] = await em.query('SELECT COUNT(*) AS n FROM tier_review_decisions');
    await em.query(`DROP ${mysql ? 'TEMPORARY ' : ''}TABLE tier_review_decisions`);
    return Number(n);
  }
}
