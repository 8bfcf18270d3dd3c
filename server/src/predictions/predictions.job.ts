import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { churnRisk, daysBetween, expectedReplenishmentDate, itemPairRules, purchaseCycles, Purchase, rfmScores, storeDate } from '@mall/shared';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { TransactionRunner } from '../database/transaction-runner';
import { ClockService } from '../clock/clock.service';
import { ItemPairEntity, MemberReplenishmentEntity, MemberScoreEntity, PurchaseCycleEntity } from './prediction.entities';

const INSERT_CHUNK = 500;
/** Paid orders: paid and not refunded (or being refunded). */
export const PAID_ORDER_SQL = `o.paid_at IS NOT NULL AND o.status NOT IN ('refunding', 'refunded')`;

interface PaidLine {
  orderId: string;
  memberId: string;
  day: string;
  itemId: string | null;
  category: string | null;
}

/**
 * The daily predictions job (03:00 store time, once across instances through the job lock): reads
 * paid orders, computes RFM scores, churn risk, purchase cycles, expected replenishments and
 * bought-together pairs with the pure rules in shared/campaigns, and replaces the prediction tables
 * in one transaction, so readers see either yesterday's or today's figures, never a mix.
 */
@Injectable()
export class PredictionsJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'predictions', hour: 3, run: (today) => this.compute(today) });
  }

  async compute(today: string): Promise<number> {
    const tz = this.clock.timezone;
    const orders: { id: string; member_id: string; paid_at: Date | string; cash_due_fen: number }[] = await this.dataSource.query(
      `SELECT o.id, o.member_id, o.paid_at, o.cash_due_fen FROM orders o WHERE ${PAID_ORDER_SQL}`,
    );
    const lines: { order_id: string; item_id: string; category: string | null }[] = await this.dataSource.query(
      `SELECT l.order_id, l.item_id, i.category FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN mall_items i ON i.id = l.item_id WHERE ${PAID_ORDER_SQL}`,
    );
    const orderDay = new Map<string, { memberId: string; day: string }>();
    const members = new Map<string, { days: string[]; spend: number }>();
    for (const o of orders) {
      const day = storeDate(toDate(o.paid_at), tz);
      orderDay.set(o.id, { memberId: o.member_id, day });
      const m = members.get(o.member_id) ?? { days: [], spend: 0 };
      m.days.push(day);
      m.spend += Number(o.cash_due_fen);
      members.set(o.member_id, m);
    }
    const paidLines: PaidLine[] = lines.map((l) => ({ orderId: l.order_id, itemId: l.item_id, category: l.category, ...orderDay.get(l.order_id)! }));

    const itemPurchases: Purchase[] = paidLines.map((l) => ({ memberId: l.memberId, key: l.itemId!, day: l.day }));
    const itemCycles = purchaseCycles(itemPurchases);
    const categoryCycles = purchaseCycles(paidLines.filter((l) => l.category).map((l) => ({ memberId: l.memberId, key: l.category!, day: l.day })));
    const replenishments = this.replenishments(itemPurchases, new Map(itemCycles.map((c) => [c.key, c.cycleDays])));
    const nextReplenish = new Map<string, string>();
    for (const r of replenishments) if (!nextReplenish.has(r.memberId) || r.expectedOn < nextReplenish.get(r.memberId)!) nextReplenish.set(r.memberId, r.expectedOn);

    const inputs = [...members].map(([memberId, m]) => {
      const last = m.days.reduce((a, b) => (a > b ? a : b));
      return { memberId, recencyDays: Math.max(0, daysBetween(last, today)), orders: m.days.length, spendFen: m.spend, last };
    });
    const rfm = rfmScores(inputs);
    const scores: MemberScoreEntity[] = inputs.map((x, i) => {
      const churn = churnRisk(members.get(x.memberId)!.days, today);
      return {
        memberId: x.memberId, computedOn: today, lastOrderOn: x.last, recencyDays: x.recencyDays, orderCount: x.orders, spendFen: x.spendFen,
        rScore: rfm[i].r, fScore: rfm[i].f, mScore: rfm[i].m, usualIntervalDays: churn.usualIntervalDays, overduePct: churn.overduePct,
        churnRisk: churn.risk, churnExplanation: churn.explanation, nextReplenishOn: nextReplenish.get(x.memberId) ?? null,
      };
    });

    const baskets = new Map<string, string[]>();
    for (const l of paidLines) baskets.set(l.orderId, [...(baskets.get(l.orderId) ?? []), l.itemId!]);
    // Every paid order is a basket, even one whose lines are gone.
    for (const o of orders) if (!baskets.has(o.id)) baskets.set(o.id, []);
    const pairs: ItemPairEntity[] = itemPairRules([...baskets.values()]).map((p) => ({ itemId: p.itemId, partnerId: p.partnerId, pairCount: p.count, support: p.support, confidence: p.confidence, lift: p.lift }));
    const cycles: PurchaseCycleEntity[] = [
      ...itemCycles.map((c) => ({ keyType: 'item' as const, keyValue: c.key, cycleDays: c.cycleDays, samples: c.samples, computedOn: today })),
      ...categoryCycles.map((c) => ({ keyType: 'category' as const, keyValue: c.key.slice(0, 64), cycleDays: c.cycleDays, samples: c.samples, computedOn: today })),
    ];

    await this.tx.run(async ({ em }) => {
      for (const entity of [MemberScoreEntity, PurchaseCycleEntity, MemberReplenishmentEntity, ItemPairEntity]) await em.createQueryBuilder().delete().from(entity).execute();
      await insertChunks(em, MemberScoreEntity, scores);
      await insertChunks(em, PurchaseCycleEntity, cycles);
      await insertChunks(em, MemberReplenishmentEntity, replenishments);
      await insertChunks(em, ItemPairEntity, pairs);
    });
    return scores.length;
  }

  private replenishments(purchases: Purchase[], cycleOf: Map<string, number>): MemberReplenishmentEntity[] {
    const last = new Map<string, MemberReplenishmentEntity>();
    for (const p of purchases) {
      const cycle = cycleOf.get(p.key);
      if (cycle === undefined) continue;
      const id = `${p.memberId}:${p.key}`;
      const seen = last.get(id);
      if (!seen || p.day > seen.lastPurchaseOn) last.set(id, { memberId: p.memberId, itemId: p.key, lastPurchaseOn: p.day, expectedOn: expectedReplenishmentDate(p.day, cycle) });
    }
    return [...last.values()];
  }
}

function toDate(value: Date | string): Date {
  // SQLite returns the UTC text TypeORM stored; MySQL returns a Date (UTC connection).
  return value instanceof Date ? value : new Date(value.replace(' ', 'T') + 'Z');
}

async function insertChunks<T extends object>(em: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await em.insert(entity, rows.slice(i, i + INSERT_CHUNK) as never);
}
