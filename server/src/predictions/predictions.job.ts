import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { churnRisk, CycleCollector, daysBetween, expectedReplenishmentDate, PairCounter } from '@mall/shared';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { TransactionRunner } from '../database/transaction-runner';
import { ClockService } from '../clock/clock.service';
import { ItemPairEntity, MemberReplenishmentEntity, MemberScoreEntity, PurchaseCycleEntity } from './prediction.entities';
import { PaidOrder, paidOrdersByMember } from './paid-orders.reader';

const INSERT_CHUNK = 500;

/** Days on which a member bought each key (item or category). */
function daysByKey(orders: PaidOrder[], keyOf: (line: PaidOrder['lines'][number]) => string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of orders) for (const l of o.lines) {
    const key = keyOf(l);
    if (key) out.set(key, [...(out.get(key) ?? []), o.day]);
  }
  return out;
}

/** A category as stored in purchase_cycles.key_value (64 characters at most). */
function categoryKey(category: string | null): string | null {
  return category === null ? null : category.slice(0, 64);
}

/**
 * The daily predictions job (03:00 store time, once across instances through the job lock). It
 * streams paid orders member chunk by member chunk, twice: the first pass writes each member's
 * churn risk and totals and collects repeat intervals and baskets; the second, once purchase cycles
 * are known, writes expected replenishments. RFM quintiles are then ranked in SQL over all scored
 * members. Everything is replaced in one transaction, so readers see yesterday's figures or today's,
 * never a mix; a retry recomputes from scratch.
 */
@Injectable()
export class PredictionsJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'predictions', hour: 3, run: (today) => this.compute(today) });
  }

  compute(today: string): Promise<number> {
    return this.tx.run(async ({ em }) => {
      for (const entity of [MemberScoreEntity, PurchaseCycleEntity, MemberReplenishmentEntity, ItemPairEntity]) await em.createQueryBuilder().delete().from(entity).execute();
      const itemCycles = new CycleCollector();
      const categoryCycles = new CycleCollector();
      const pairs = new PairCounter();
      let scored = 0;
      for await (const chunk of paidOrdersByMember(em, this.clock.timezone)) {
        const scores: MemberScoreEntity[] = [];
        for (const [memberId, orders] of chunk) {
          const days = orders.map((o) => o.day);
          const last = days.reduce((a, b) => (a > b ? a : b));
          const churn = churnRisk(days, today);
          scores.push({
            memberId, computedOn: today, lastOrderOn: last, recencyDays: Math.max(0, daysBetween(last, today)), orderCount: orders.length,
            spendFen: orders.reduce((sum, o) => sum + o.cashFen, 0), rScore: 0, fScore: 0, mScore: 0, usualIntervalDays: churn.usualIntervalDays,
            overduePct: churn.overduePct, churnRisk: churn.risk, churnExplanation: churn.explanation, nextReplenishOn: null,
          });
          for (const [item, itemDays] of daysByKey(orders, (l) => l.itemId)) itemCycles.addMemberPurchases(item, itemDays);
          for (const [category, catDays] of daysByKey(orders, (l) => categoryKey(l.category))) categoryCycles.addMemberPurchases(category, catDays);
          for (const o of orders) pairs.add(o.lines.map((l) => l.itemId));
        }
        await insertChunks(em, MemberScoreEntity, scores);
        scored += scores.length;
      }
      const cycles = itemCycles.cycles();
      const catCycles = categoryCycles.cycles();
      await insertChunks(em, PurchaseCycleEntity, [
        ...cycles.map((c) => ({ keyType: 'item' as const, keyValue: c.key, cycleDays: c.cycleDays, samples: c.samples, computedOn: today })),
        ...catCycles.map((c) => ({ keyType: 'category' as const, keyValue: c.key, cycleDays: c.cycleDays, samples: c.samples, computedOn: today })),
      ]);
      await this.writeReplenishments(em, new Map(cycles.map((c) => [c.key, c.cycleDays])), new Map(catCycles.map((c) => [c.key, c.cycleDays])));
      await insertChunks(em, ItemPairEntity, pairs.rules().map((p) => ({ itemId: p.itemId, partnerId: p.partnerId, pairCount: p.count, support: p.support, confidence: p.confidence, lift: p.lift })));
      await this.rankRfm(em);
      await em.query(`UPDATE member_scores SET next_replenish_on = (SELECT MIN(r.expected_on) FROM member_replenishments r WHERE r.member_id = member_scores.member_id)`);
      return scored;
    });
  }

  /**
   * Second pass: each member's last purchase of every item with a cycle, plus the cycle. An item
   * with too few repeat purchases of its own takes its category's cycle (a new flavour of a milk
   * the member buys every 10 days runs out like the others).
   */
  private async writeReplenishments(em: EntityManager, itemCycles: Map<string, number>, categoryCycles: Map<string, number>): Promise<void> {
    if (!itemCycles.size && !categoryCycles.size) return;
    // An item's cycle, its own or its category's, looked up once per item (lines carry the category).
    const cycleOfItem = new Map<string, number | undefined>();
    const cycleOf = (l: { itemId: string; category: string | null }): number | undefined => {
      if (!cycleOfItem.has(l.itemId)) cycleOfItem.set(l.itemId, itemCycles.get(l.itemId) ?? categoryCycles.get(categoryKey(l.category) ?? ''));
      return cycleOfItem.get(l.itemId);
    };
    for await (const chunk of paidOrdersByMember(em, this.clock.timezone)) {
      const rows: MemberReplenishmentEntity[] = [];
      for (const [memberId, orders] of chunk) {
        for (const [itemId, days] of daysByKey(orders, (l) => (cycleOf(l) === undefined ? null : l.itemId))) {
          const last = days.reduce((a, b) => (a > b ? a : b));
          rows.push({ memberId, itemId, lastPurchaseOn: last, expectedOn: expectedReplenishmentDate(last, cycleOfItem.get(itemId)!) });
        }
      }
      await insertChunks(em, MemberReplenishmentEntity, rows);
    }
  }

  /**
   * RFM as in shared/campaigns/rfm.ts — ceil(5 × share of members no better), ties sharing the
   * higher score — in integer SQL: the window's default frame counts every row up to the current
   * one's peers.
   */
  private async rankRfm(em: EntityManager): Promise<void> {
    const mysql = em.connection.options.type === 'mysql';
    const div = mysql ? 'DIV' : '/';
    const ranked = `SELECT member_id, COUNT(*) OVER (ORDER BY recency_days DESC) AS rc, COUNT(*) OVER (ORDER BY order_count) AS fc,
                           COUNT(*) OVER (ORDER BY spend_fen) AS mc, COUNT(*) OVER () AS n FROM member_scores`;
    const score = (c: string) => `(5 * x.${c} + x.n - 1) ${div} x.n`;
    if (mysql) {
      await em.query(`UPDATE member_scores s JOIN (${ranked}) x ON x.member_id = s.member_id SET s.r_score = ${score('rc')}, s.f_score = ${score('fc')}, s.m_score = ${score('mc')}`);
    } else {
      await em.query(`UPDATE member_scores SET r_score = ${score('rc')}, f_score = ${score('fc')}, m_score = ${score('mc')} FROM (${ranked}) AS x WHERE x.member_id = member_scores.member_id`);
    }
  }
}

async function insertChunks<T extends object>(em: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await em.insert(entity, rows.slice(i, i + INSERT_CHUNK) as never);
}
