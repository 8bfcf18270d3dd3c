import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReferralState = 'bound' | 'qualified' | 'capped' | 'blocked';

/** One per invited friend (unique), from binding at first login to the inviter's reward. */
@Entity('referrals')
@Index('idx_referrals_inviter', ['inviterId', 'boundAt'])
@Index('idx_referrals_rewarded', ['inviterId', 'rewardDay'])
export class ReferralEntity {
  @PrimaryColumn({ name: 'invitee_id', type: 'varchar', length: 36 })
  inviteeId!: string;

  @Column({ name: 'inviter_id', type: 'varchar', length: 36 })
  inviterId!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: ReferralState;

  @Column({ name: 'welcome_points', type: 'int', default: 0 })
  welcomePoints!: number;

  @Column({ name: 'reward_points', type: 'int', default: 0 })
  rewardPoints!: number;

  /** The store day the inviter was rewarded (for the daily cap). */
  @Column({ name: 'reward_day', type: 'varchar', length: 10, nullable: true })
  rewardDay!: string | null;

  @Column({ name: 'block_reason', type: 'varchar', length: 32, nullable: true })
  blockReason!: string | null;

  @Column({ name: 'bound_at', type: 'datetime' })
  boundAt!: Date;

  @Column({ name: 'qualified_at', type: 'datetime', nullable: true })
  qualifiedAt!: Date | null;
}
