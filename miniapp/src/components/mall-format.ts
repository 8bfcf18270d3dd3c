import { TIER_CODES, TIER_LABELS, isTierCode, type MallItem, type MallOrder, type TierCode } from '@mall/shared';

/** Fen as yuan for display: 12900 → "129", 990 → "9.90". */
export const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 ? 2 : 0);

/** An item's price as shoppers read it: "200积分", "¥129" or "200积分 + ¥9.90". */
export function priceText(cashFen: number, points: number): string {
  const parts = [points > 0 ? `${points}积分` : '', cashFen > 0 ? `¥${yuan(cashFen)}` : ''].filter(Boolean);
  return parts.join(' + ') || '免费';
}

/** "金卡专享" for an item only some tiers may buy: the lowest tier named. */
export function tierBadge(item: Pick<MallItem, 'tiersAllowed'>): string | null {
  const tiers = item.tiersAllowed.filter(isTierCode);
  if (!tiers.length) return null;
  const short = (t: TierCode) => TIER_LABELS[t].replace('会员', '');
  const lowest = TIER_CODES.find((t) => tiers.includes(t))!;
  if (tiers.length === 1) return `${short(lowest)}专享`;
  if (TIER_CODES.slice(TIER_CODES.indexOf(lowest)).every((t) => tiers.includes(t))) return `${short(lowest)}及以上专享`;
  return `${TIER_CODES.filter((t) => tiers.includes(t)).map(short).join('/')}专享`;
}

export const KIND_LABELS: Record<string, string> = { coupon: '优惠券', goods: '实物', product: '商品' };

export const ORDER_STATUS_LABELS: Record<MallOrder['status'], string> = {
  pending_payment: '待支付',
  to_ship: '已支付/待发货',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};

/** Server media paths are relative; the mini-program needs the API host in front. */
export const mediaUrl = (url: string) => (url.startsWith('/') ? API_BASE + url : url);
