import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** In-app notices; (member, kind, ref) is unique, so a job retried or run twice notifies once. */
@Entity('member_notices')
@Index('uq_member_notices_ref', ['memberId', 'kind', 'ref'], { unique: true })
@Index('idx_member_notices_member', ['memberId', 'createdAt'])
export class MemberNoticeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  @Column({ type: 'varchar', length: 64 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  body!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  page!: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt!: Date | null;
}

export const SUBSCRIPTION_TOPICS = ['points_expiry', 'checkin_reminder', 'member_day', 'campaign'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/**
 * WeChat one-time subscriptions: each tap on "allow" grants one message. Credits count them; a
 * send consumes one with a conditional update, so a member never gets more than they allowed.
 */
@Entity('member_subscriptions')
// Reminder jobs page through one topic's subscribers by member id.
@Index('idx_member_subscriptions_topic', ['topic', 'memberId'])
export class MemberSubscriptionEntity {
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  topic!: SubscriptionTopic;

  @Column({ type: 'int', default: 0 })
  credits!: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
