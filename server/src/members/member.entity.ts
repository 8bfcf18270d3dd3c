import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TierCode } from '@mall/shared';

@Entity('members')
@Index('idx_members_joined', ['joinedAt', 'id'])
@Index('idx_members_last_active', ['lastActiveAt'])
@Index('idx_members_tier', ['tier'])
// The birthday-gift job finds a month's birthdays by prefix ('MM-%').
@Index('idx_members_birthday', ['birthday'])
export class MemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_members_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid!: string | null;

  @Column({ type: 'varchar', length: 64 })
  nickname!: string;

  @Column({ name: 'avatar_url', type: 'varchar', length: 512, default: '' })
  avatarUrl!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  /** Month and day, `MM-DD`; the year is not asked for. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  birthday!: string | null;

  @Column({ name: 'birthday_changed_at', type: 'datetime', nullable: true })
  birthdayChangedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'normal' })
  tier!: TierCode;

  /** When the current tier was reached; its anniversary is the yearly review. */
  @Column({ name: 'tier_reached_at', type: 'datetime', nullable: true })
  tierReachedAt!: Date | null;

  /** The store day of the next yearly review (YYYY-MM-DD); null for Normal. */
  @Index('idx_members_tier_review')
  @Column({ name: 'tier_review_on', type: 'varchar', length: 10, nullable: true })
  tierReviewOn!: string | null;

  /** Cached balance; the points ledger is the source of truth and keeps it in step. */
  @Column({ name: 'points_balance', type: 'int', default: 0 })
  pointsBalance!: number;

  @Index('uq_members_invite_code', { unique: true })
  @Column({ name: 'invite_code', type: 'varchar', length: 16 })
  inviteCode!: string;

  @Index('idx_members_inviter')
  @Column({ name: 'inviter_id', type: 'varchar', length: 36, nullable: true })
  inviterId!: string | null;

  @Column({ name: 'joined_at', type: 'datetime' })
  joinedAt!: Date;

  @Column({ name: 'last_active_at', type: 'datetime', nullable: true })
  lastActiveAt!: Date | null;
}

/** The WeChat session_key never leaves the server; kept apart from the member row on purpose. */
@Entity('member_wechat_sessions')
export class MemberWechatSessionEntity {
  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ name: 'session_key', type: 'varchar', length: 128 })
  sessionKey!: string;

  /** The device the member last logged in from (a hash of its system info), for referral abuse checks. */
  @Column({ name: 'device_fingerprint', type: 'varchar', length: 64, nullable: true })
  deviceFingerprint!: string | null;

  /** The platform of the latest login (ios, android, …, h5), as the mini-program reports it. */
  @Index('idx_member_wechat_sessions_platform')
  @Column({ type: 'varchar', length: 16, nullable: true })
  platform!: string | null;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
