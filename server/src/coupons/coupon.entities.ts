import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CouponKind = 'amount' | 'percent';

/** What a coupon is worth and who may get how many, within what limits. */
@Entity('coupon_templates')
export class CouponTemplateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: CouponKind;

  /** Amount off (kind `amount`), fen. */
  @Column({ name: 'amount_off_fen', type: 'int', default: 0 })
  amountOffFen!: number;

  /** Minimum order amount for the coupon to apply, fen. */
  @Column({ name: 'threshold_fen', type: 'int', default: 0 })
  thresholdFen!: number;

  /** The price paid in percent (kind `percent`): 90 = 10% off. */
  @Column({ name: 'percent_pay', type: 'int', default: 100 })
  percentPay!: number;

  /** The most a percent coupon takes off, fen; 0 = no cap. */
  @Column({ name: 'cap_fen', type: 'int', default: 0 })
  capFen!: number;

  @Column({ name: 'valid_from', type: 'datetime', nullable: true })
  validFrom!: Date | null;

  @Column({ name: 'valid_to', type: 'datetime', nullable: true })
  validTo!: Date | null;

  /** Valid for N days after issue (instead of a fixed window). */
  @Column({ name: 'valid_days', type: 'int', nullable: true })
  validDays!: number | null;

  /** Comma-separated tier codes that may receive it; empty = every tier. */
  @Column({ type: 'varchar', length: 64, default: '' })
  tiers!: string;

  @Column({ name: 'total_limit', type: 'int', nullable: true })
  totalLimit!: number | null;

  @Column({ name: 'per_member_limit', type: 'int', default: 1 })
  perMemberLimit!: number;

  @Column({ name: 'issued_count', type: 'int', default: 0 })
  issuedCount!: number;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: 'active' | 'disabled';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/** A coupon in a member's wallet; (template, member, source, source_ref) makes issuing idempotent. */
@Entity('member_coupons')
@Index('uq_member_coupons_source', ['templateId', 'memberId', 'source', 'sourceRef'], { unique: true })
@Index('idx_member_coupons_wallet', ['memberId', 'status', 'validTo'])
export class MemberCouponEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'template_id', type: 'varchar', length: 36 })
  templateId!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: 'unused' | 'used' | 'expired';

  /** Where it came from: checkin, mall, referral, member_day, admin, campaign. */
  @Column({ type: 'varchar', length: 24 })
  source!: string;

  @Column({ name: 'source_ref', type: 'varchar', length: 64 })
  sourceRef!: string;

  @Column({ name: 'issued_at', type: 'datetime' })
  issuedAt!: Date;

  @Column({ name: 'valid_from', type: 'datetime' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'datetime' })
  validTo!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'used_ref', type: 'varchar', length: 64, nullable: true })
  usedRef!: string | null;
}
