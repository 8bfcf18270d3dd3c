import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Per-member predictions, recomputed by the daily predictions job as of a store day. Only members
 * with at least one paid order have a row; audiences LEFT JOIN it.
 */
@Entity('member_scores')
@Index('idx_member_scores_churn', ['churnRisk'])
@Index('idx_member_scores_replenish', ['nextReplenishOn'])
export class MemberScoreEntity {
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  /** The store day the scores describe (YYYY-MM-DD). */
  @Column({ name: 'computed_on', type: 'varchar', length: 10 })
  computedOn!: string;

  @Column({ name: 'last_order_on', type: 'varchar', length: 10 })
  lastOrderOn!: string;

  @Column({ name: 'recency_days', type: 'int' })
  recencyDays!: number;

  @Column({ name: 'order_count', type: 'int' })
  orderCount!: number;

  @Column({ name: 'spend_fen', type: 'int' })
  spendFen!: number;

  @Column({ name: 'r_score', type: 'smallint' })
  rScore!: number;

  @Column({ name: 'f_score', type: 'smallint' })
  fScore!: number;

  @Column({ name: 'm_score', type: 'smallint' })
  mScore!: number;

  @Column({ name: 'usual_interval_days', type: 'int', nullable: true })
  usualIntervalDays!: number | null;

  /** Days since the last order ÷ usual interval × 100; null when the interval is unknown. */
  @Column({ name: 'overdue_pct', type: 'int', nullable: true })
  overduePct!: number | null;

  @Column({ name: 'churn_risk', type: 'varchar', length: 8 })
  churnRisk!: 'unknown' | 'low' | 'medium' | 'high';

  @Column({ name: 'churn_explanation', type: 'varchar', length: 80 })
  churnExplanation!: string;

  /** The soonest expected replenishment over the items the member bought that have a cycle. */
  @Column({ name: 'next_replenish_on', type: 'varchar', length: 10, nullable: true })
  nextReplenishOn!: string | null;
}

/** Median repeat-purchase interval of an item or a category (only those with enough samples). */
@Entity('purchase_cycles')
export class PurchaseCycleEntity {
  @PrimaryColumn({ name: 'key_type', type: 'varchar', length: 8 })
  keyType!: 'item' | 'category';

  @PrimaryColumn({ name: 'key_value', type: 'varchar', length: 64 })
  keyValue!: string;

  @Column({ name: 'cycle_days', type: 'int' })
  cycleDays!: number;

  @Column({ type: 'int' })
  samples!: number;

  @Column({ name: 'computed_on', type: 'varchar', length: 10 })
  computedOn!: string;
}

/** When a member is expected to need an item again (items with a known cycle only). */
@Entity('member_replenishments')
@Index('idx_member_replenishments_expected', ['expectedOn'])
export class MemberReplenishmentEntity {
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ name: 'last_purchase_on', type: 'varchar', length: 10 })
  lastPurchaseOn!: string;

  @Column({ name: 'expected_on', type: 'varchar', length: 10 })
  expectedOn!: string;
}

/** Bought-together rule item → partner from paid orders' baskets. */
@Entity('item_pairs')
@Index('idx_item_pairs_lift', ['itemId', 'lift'])
export class ItemPairEntity {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @PrimaryColumn({ name: 'partner_id', type: 'varchar', length: 36 })
  partnerId!: string;

  @Column({ name: 'pair_count', type: 'int' })
  pairCount!: number;

  @Column({ type: 'double' })
  support!: number;

  @Column({ type: 'double' })
  confidence!: number;

  @Column({ type: 'double' })
  lift!: number;
}
