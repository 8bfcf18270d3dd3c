import { fenToYuan } from '@mall/shared';
import type { CampaignOffer, CampaignStatus, CampaignTrigger, OfferKind, TriggerKind } from './service';

export const STATUS_LABELS: Record<CampaignStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  active: { label: '进行中', color: 'processing' },
  paused: { label: '已暂停', color: 'warning' },
  ended: { label: '已结束', color: 'default' },
};

/** Every trigger kind with its label (a Record, so a new server kind fails the type check here). */
export const TRIGGER_LABELS: Record<TriggerKind, string> = {
  once: '定时发送一次',
  recurring: '每个会员日（重复）',
  pointsExpiring: '积分即将过期',
  redeemNudge: '差一点可兑换',
  tierNudge: '差一点升级',
  birthday: '会员生日',
  anniversary: '入会周年',
  firstOrder: '首单之后',
  winBack: '流失挽回（按购买周期）',
  replenishment: '预计回购前提醒',
};
export const TRIGGER_KINDS = Object.keys(TRIGGER_LABELS) as TriggerKind[];

export const OFFER_LABELS: Record<OfferKind, string> = { none: '仅消息', coupon: '优惠券', points: '积分' };
export const OFFER_KINDS = Object.keys(OFFER_LABELS) as OfferKind[];

/** The server's defaults for the kinds' numbers (shown as the starting values). */
export const TRIGGER_DEFAULTS = { withinDays: 30, pointsShort: 120, growthShort: 300, daysBefore: 3 } as const;

export function describeTrigger(t: CampaignTrigger): string {
  switch (t.kind) {
    case 'once':
      return t.at ? `${TRIGGER_LABELS.once}：${new Date(t.at).toLocaleString('zh-CN')}` : TRIGGER_LABELS.once;
    case 'pointsExpiring':
      return `${t.withinDays ?? TRIGGER_DEFAULTS.withinDays} 天内有积分过期`;
    case 'redeemNudge':
      return `差 ≤ ${t.pointsShort ?? TRIGGER_DEFAULTS.pointsShort} 积分可兑换商品`;
    case 'tierNudge':
      return `差 ≤ ${t.growthShort ?? TRIGGER_DEFAULTS.growthShort} 成长值升级`;
    case 'replenishment':
      return `预计回购日前 ${t.daysBefore ?? TRIGGER_DEFAULTS.daysBefore} 天`;
    case 'winBack':
      return `${TRIGGER_LABELS.winBack}：${(t.steps ?? []).length} 步`;
    default:
      return TRIGGER_LABELS[t.kind];
  }
}

export function describeOffer(o: CampaignOffer, couponName?: (id: string) => string | undefined): string {
  if (o.kind === 'points') return `${o.points ?? 0} 积分`;
  if (o.kind === 'coupon') return `优惠券：${(o.couponTemplateId && couponName?.(o.couponTemplateId)) || '—'}`;
  return OFFER_LABELS.none;
}

export const pct = (rate: number | null | undefined, digits = 1) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`);
/** A difference of rates in percentage points, signed. */
export const pp = (diff: number) => `${diff >= 0 ? '+' : ''}${(diff * 100).toFixed(1)} 个百分点`;
export const yuan = (fen: number) => `¥${fenToYuan(fen)}`;
