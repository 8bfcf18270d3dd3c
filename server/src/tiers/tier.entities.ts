import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TierCode } from '@mall/shared';

/** Growth value changes; tiers are decided by the sum over the last 12 months. */
@Entity('growth_ledger')
@Index('uq_growth_ledger_ref', ['memberId', 'reason', 'ref'], { unique: true })
@Index('idx_growth_ledger_member', ['memberId', 'createdAt'])
export class GrowthEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'int' })
  delta!: number;

  @Column({ type: 'varchar', length: 24 })
  reason!: string;

  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** Every tier change of a member: upgrades, review downgrades, merchant changes. */
@Entity('tier_history')
@Index('idx_tier_history_member', ['memberId', 'createdAt'])
export class TierHistoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ name: 'from_tier', type: 'varchar', length: 16 })
  fromTier!: TierCode;

  @Column({ name: 'to_tier', type: 'varchar', length: 16 })
  toTier!: TierCode;

  @Column({ type: 'varchar', length: 24 })
  reason!: 'upgrade' | 'review_downgrade' | 'admin';

  @Column({ name: 'growth_12m', type: 'int' })
  growth12m!: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
