import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const POINTS_REASONS = [
  'checkin',
  'streak_bonus',
  'makeup',
  'order_pay',
  'refund',
  'redeem',
  'referral',
  'welcome',
  'birthday',
  'member_day',
  'expiry',
  'admin_adjust',
  'hold_release',
  'campaign',
] as const;
export type PointsReason = (typeof POINTS_REASONS)[number];

/** Append-only: every change of a member's points, with why, what it refers to, and the balance after. */
@Entity('points_ledger')
@Index('uq_points_ledger_ref', ['memberId', 'reason', 'ref'], { unique: true })
@Index('idx_points_ledger_member', ['memberId', 'createdAt'])
export class PointsEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'int' })
  delta!: number;

  @Column({ type: 'varchar', length: 24 })
  reason!: PointsReason;

  /** What the change refers to (an order id, a check-in day…); with the reason, it makes credits idempotent. */
  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  @Column({ name: 'balance_after', type: 'int' })
  balanceAfter!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** Points earned by one credit, spent oldest-expiry first; `remaining` is what is left of it. */
@Entity('points_lots')
@Index('idx_points_lots_member', ['memberId', 'expiresOn'])
@Index('idx_points_lots_expiry', ['expiresOn', 'remaining'])
export class PointsLotEntity {
  /** The id of the crediting ledger entry. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ name: 'earned_at', type: 'datetime' })
  earnedAt!: Date;

  /** The last store day on which these points can be used (YYYY-MM-DD). */
  @Column({ name: 'expires_on', type: 'varchar', length: 10 })
  expiresOn!: string;

  @Column({ type: 'int' })
  amount!: number;

  @Column({ type: 'int' })
  remaining!: number;
}

/** Which lots a debit took from, so a refund or released hold gives back the same points. */
@Entity('points_lot_takes')
@Index('idx_points_lot_takes_entry', ['entryId'])
export class PointsLotTakeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'entry_id', type: 'varchar', length: 36 })
  entryId!: string;

  @Column({ name: 'lot_id', type: 'varchar', length: 36 })
  lotId!: string;

  @Column({ type: 'int' })
  amount!: number;
}

/** A spend waiting for payment: the points are already off the balance until confirmed or released. */
@Entity('points_holds')
@Index('uq_points_holds_ref', ['memberId', 'ref'], { unique: true })
@Index('idx_points_holds_status', ['status', 'createdAt'])
export class PointsHoldEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  @Column({ type: 'int' })
  amount!: number;

  @Column({ type: 'varchar', length: 24 })
  reason!: PointsReason;

  @Column({ name: 'entry_id', type: 'varchar', length: 36 })
  entryId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'held' | 'confirmed' | 'released';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'settled_at', type: 'datetime', nullable: true })
  settledAt!: Date | null;
}
