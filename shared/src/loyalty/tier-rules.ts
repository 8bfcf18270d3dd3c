import { TIER_CODES, TIER_LABELS, TierCode } from '../tiers/tier-names';

/** Growth value needed for each tier above Normal. */
export interface TierThresholds {
  silver: number;
  gold: number;
  diamond: number;
}
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = { silver: 1000, gold: 5000, diamond: 20000 };

/** What a tier gives; percentages are integers so no floats reach points or money. */
export interface TierBenefits {
  /** Check-in points multiplier in percent (150 = ×1.5). */
  checkinMultiplierPct: number;
  /** Member-day price in percent of the list price (90 = 10% off). */
  memberDayPricePct: number;
  birthdayGiftPoints: number;
  /** Orders at or above this cash amount ship free; 0 = always free. */
  freeShippingThresholdFen: number;
}
export const DEFAULT_TIER_BENEFITS: Record<TierCode, TierBenefits> = {
  normal: { checkinMultiplierPct: 100, memberDayPricePct: 95, birthdayGiftPoints: 50, freeShippingThresholdFen: 9900 },
  silver: { checkinMultiplierPct: 120, memberDayPricePct: 90, birthdayGiftPoints: 100, freeShippingThresholdFen: 6900 },
  gold: { checkinMultiplierPct: 150, memberDayPricePct: 85, birthdayGiftPoints: 200, freeShippingThresholdFen: 0 },
  diamond: { checkinMultiplierPct: 200, memberDayPricePct: 80, birthdayGiftPoints: 500, freeShippingThresholdFen: 0 },
};

/** Null when usable; otherwise what is wrong (positive integers, strictly increasing). */
export function validateThresholds(t: TierThresholds): string | null {
  for (const tier of ['silver', 'gold', 'diamond'] as const) {
    if (!Number.isSafeInteger(t[tier]) || t[tier] <= 0) return `${TIER_LABELS[tier]}门槛必须是正整数`;
  }
  if (!(t.silver < t.gold && t.gold < t.diamond)) return '门槛必须逐级递增：银卡 < 金卡 < 钻石';
  return null;
}

/** Position of a tier in the ladder (normal 0 … diamond 3), for "is this an upgrade?" checks. */
export function tierRank(tier: TierCode): number {
  return TIER_CODES.indexOf(tier);
}

/** Sort comparator by rank: negative when `a` is below `b`, 0 when equal, positive when above. */
export function compareTiers(a: TierCode, b: TierCode): number {
  return tierRank(a) - tierRank(b);
}

/** Growth needed to reach a tier (normal needs 0). */
export function thresholdOf(tier: TierCode, t: TierThresholds): number {
  return tier === 'normal' ? 0 : t[tier];
}

/** The highest tier whose threshold the growth reaches. */
export function tierForGrowth(growth: number, t: TierThresholds): TierCode {
  if (growth >= t.diamond) return 'diamond';
  if (growth >= t.gold) return 'gold';
  if (growth >= t.silver) return 'silver';
  return 'normal';
}

/** The next tier up and the growth still needed ("再得 1200 成长值升级金卡"); null at the top. */
export function nextTierProgress(tier: TierCode, growth: number, t: TierThresholds): { tier: TierCode; needed: number } | null {
  const next = TIER_CODES[tierRank(tier) + 1];
  if (!next) return null;
  return { tier: next, needed: Math.max(0, thresholdOf(next, t) - growth) };
}

/** Growth a member must earn in 12 months to keep a tier at review (a share of its threshold). */
export function keepAmount(tier: TierCode, t: TierThresholds, keepPct = 50): number {
  return Math.ceil((thresholdOf(tier, t) * keepPct) / 100);
}

/** The yearly review: one tier down when the member earned less than the keep amount. */
export function reviewOutcome(tier: TierCode, growthLast12Months: number, t: TierThresholds, keepPct = 50): TierCode {
  if (tier === 'normal' || growthLast12Months >= keepAmount(tier, t, keepPct)) return tier;
  return TIER_CODES[tierRank(tier) - 1];
}

/** One growth point per whole yuan paid (fractions of a yuan, refunds and bad input earn nothing). */
export function growthForPayment(paidFen: number): number {
  if (!Number.isFinite(paidFen) || paidFen <= 0) return 0;
  return Math.floor(paidFen / 100);
}

/** Applies an integer percentage to points, rounding down, so multipliers never produce fractional points. */
export function applyMultiplierPct(points: number, pct: number): number {
  return Math.floor((points * pct) / 100);
}

/** Same as {@link applyMultiplierPct}; kept for existing callers. */
export const applyPct = applyMultiplierPct;
