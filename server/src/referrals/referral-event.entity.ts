import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReferralEventKind = 'share' | 'open';

/** The top of the invite funnel: a member shared their invite, or someone opened a shared invite. */
@Entity('referral_events')
@Index('idx_referral_events_day', ['day', 'kind'])
export class ReferralEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'inviter_id', type: 'varchar', length: 36 })
  inviterId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: ReferralEventKind;

  /** chat, timeline or poster for shares; the page opened for opens. */
  @Column({ type: 'varchar', length: 64 })
  channel!: string;

  /** The store's calendar day it happened. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
