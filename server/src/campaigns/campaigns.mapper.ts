import type { CampaignEntity } from './campaign.entities';
import type { CampaignOfferResponse } from './campaign-offers.dto';
import type { CampaignResponse } from './campaigns.dto';

/** A stored datetime as either driver returns it (SQLite: UTC text; MySQL: a Date). */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value.replace(' ', 'T') + 'Z');
}

export const iso = (value: Date | string | null): string | null => (value === null ? null : toDate(value).toISOString());

/** The page a send opens: the campaign's page (or the message centre) with the send id, for attribution. */
export function sendPage(page: string | null, sendId: string): string {
  const base = page || 'pages/index/index';
  return `${base}${base.includes('?') ? '&' : '?'}campaignSend=${sendId}`;
}

export interface CampaignOfferSqlRow {
  id: string;
  offer_kind: 'coupon' | 'points';
  offer_points: number;
  sent_at: Date | string;
  claimed_at: Date | string | null;
  campaign_name: string;
  message_title: string;
  message_body: string;
  message_page: string | null;
  coupon_title: string | null;
  coupon_kind: string | null;
  amount_off_fen: number | null;
}

export function toCampaignOfferResponse(r: CampaignOfferSqlRow): CampaignOfferResponse {
  const offer: CampaignOfferResponse['offer'] =
    r.offer_kind === 'points'
      ? { kind: 'points', points: Number(r.offer_points) }
      : { kind: 'coupon', couponTitle: r.coupon_title ?? '', ...(r.coupon_kind === 'amount' ? { couponValueFen: Number(r.amount_off_fen) } : {}) };
  return {
    sendId: r.id,
    campaignName: r.campaign_name,
    title: r.message_title,
    body: r.message_body,
    page: sendPage(r.message_page, r.id),
    offer,
    claimed: r.claimed_at !== null,
    claimedAt: iso(r.claimed_at),
    createdAt: iso(r.sent_at)!,
  };
}

export function toCampaignResponse(c: CampaignEntity): CampaignResponse {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    audienceId: c.audienceId,
    offer: c.offerKind === 'coupon' ? { kind: 'coupon', couponTemplateId: c.couponTemplateId } : c.offerKind === 'points' ? { kind: 'points', points: c.offerPoints } : { kind: 'none' },
    message: { title: c.messageTitle, body: c.messageBody, page: c.messagePage, recommendPartnerItem: c.messagePartnerItem },
    trigger: c.trigger,
    holdoutPct: c.holdoutPct,
    attributionDays: c.attributionDays,
    startsAt: iso(c.startsAt),
    endsAt: iso(c.endsAt),
    activatedAt: iso(c.activatedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
