import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const OFFER_KINDS = ['none', 'coupon', 'points'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** One offer: a coupon from a template, points, or nothing (a message only). */
export interface CampaignOffer {
  kind: OfferKind;
  couponTemplateId?: string | null;
  points?: number | null;
}

export const TRIGGER_KINDS = [
  'once',
  'recurring',
  'pointsExpiring',
  'redeemNudge',
  'tierNudge',
  'birthday',
  'anniversary',
  'firstOrder',
  'winBack',
  'replenishment',
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** A trigger's kind with its parameters (only those of its kind are set; see campaigns.dto.ts). */
export interface CampaignTrigger {
  kind: TriggerKind;
  /** once: the instant it goes out (ISO). */
  at?: string;
  /** recurring: the calendar it repeats on (the store's member days). */
  every?: 'memberDay';
  /** pointsExpiring: points expiring within this many days (default 30). */
  withinDays?: number;
  /** redeemNudge: at most this many points short of an item (default 120). */
  pointsShort?: number;
  /** tierNudge: at most this much growth short of the next tier (default 300). */
  growthShort?: number;
  /** replenishment: this many days before the expected run-out (default 3). */
  daysBefore?: number;
  /** winBack: step k fires after k of the member's purchase cycles without an order; each its own offer. */
  steps?: CampaignOffer[];
}

/** An audience (or every member) + an offer + a message + a trigger, with a holdout for measuring lift. */
@Entity('campaigns')
@Index('idx_campaigns_status', ['status'])
export class CampaignEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status!: CampaignStatus;

  /** Null: every member. */
  @Column({ name: 'audience_id', type: 'varchar', length: 36, nullable: true })
  audienceId!: string | null;

  @Column({ name: 'offer_kind', type: 'varchar', length: 12, default: 'none' })
  offerKind!: OfferKind;

  @Column({ name: 'coupon_template_id', type: 'varchar', length: 36, nullable: true })
  couponTemplateId!: string | null;

  @Column({ name: 'offer_points', type: 'int', default: 0 })
  offerPoints!: number;

  @Column({ name: 'message_title', type: 'varchar', length: 20 })
  messageTitle!: string;

  @Column({ name: 'message_body', type: 'varchar', length: 200 })
  messageBody!: string;

  /** Mini-program page the message and the notice open (the send id is appended). */
  @Column({ name: 'message_page', type: 'varchar', length: 64, nullable: true })
  messagePage!: string | null;

  /** The message recommends the partner item of the member's latest order (bought-together) and opens it. */
  @Column({ name: 'message_partner_item', type: 'boolean', default: false })
  messagePartnerItem!: boolean;

  @Column({ name: 'trigger_kind', type: 'varchar', length: 16 })
  triggerKind!: TriggerKind;

  /** `trigger` is a reserved word in MySQL, hence the column name. */
  @Column({ name: 'trigger_params', type: 'simple-json' })
  trigger!: CampaignTrigger;

  @Column({ name: 'holdout_pct', type: 'int', default: 10 })
  holdoutPct!: number;

  @Column({ name: 'attribution_days', type: 'int', default: 7 })
  attributionDays!: number;

  @Column({ name: 'starts_at', type: 'datetime', nullable: true })
  startsAt!: Date | null;

  @Column({ name: 'ends_at', type: 'datetime', nullable: true })
  endsAt!: Date | null;

  /** Set at each activation: event triggers only react to events from then on (no back-fill of old history). */
  @Column({ name: 'activated_at', type: 'datetime', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/**
 * One trigger occurrence for one member: sent (notice, maybe a subscribe message, maybe an offer)
 * or held out (nothing at all). The unique (campaign, occurrence, member) key is what makes each
 * occurrence fire once, whatever the number of servers and retries.
 */
@Entity('campaign_sends')
@Index('uq_campaign_sends_occurrence', ['campaignId', 'occurrence', 'memberId'], { unique: true })
// The frequency cap counts a member's sends over the last week.
@Index('idx_campaign_sends_member', ['memberId', 'sentAt'])
@Index('idx_campaign_sends_results', ['campaignId', 'status'])
export class CampaignSendEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'campaign_id', type: 'varchar', length: 36 })
  campaignId!: string;

  @Column({ type: 'varchar', length: 80 })
  occurrence!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: 'sent' | 'holdout';

  /** The offer of this send (win-back steps grow it), copied so later edits of the campaign don't change it. */
  @Column({ name: 'offer_kind', type: 'varchar', length: 12, default: 'none' })
  offerKind!: OfferKind;

  @Column({ name: 'coupon_template_id', type: 'varchar', length: 36, nullable: true })
  couponTemplateId!: string | null;

  @Column({ name: 'offer_points', type: 'int', default: 0 })
  offerPoints!: number;

  /** The in-app notice's ref (kind 'campaign'); null for holdout rows. */
  @Column({ name: 'notice_ref', type: 'varchar', length: 64, nullable: true })
  noticeRef!: string | null;

  /** A WeChat subscribe message actually went out. */
  @Column({ type: 'boolean', default: false })
  messaged!: boolean;

  @Column({ name: 'sent_at', type: 'datetime' })
  sentAt!: Date;

  @Column({ name: 'opened_at', type: 'datetime', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'claimed_at', type: 'datetime', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'claimed_coupon_id', type: 'varchar', length: 36, nullable: true })
  claimedCouponId!: string | null;

  @Column({ name: 'claimed_points', type: 'int', nullable: true })
  claimedPoints!: number | null;

  /** When the claimed coupon was used in an order. */
  @Column({ name: 'offer_used_at', type: 'datetime', nullable: true })
  offerUsedAt!: Date | null;
}
