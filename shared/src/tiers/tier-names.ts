export const TIER_CODES = ['normal', 'silver', 'gold', 'diamond'] as const;
export type TierCode = (typeof TIER_CODES)[number];

/** Display names shown to shoppers and merchants. */
export const TIER_LABELS: Record<TierCode, string> = {
  normal: '普通会员',
  silver: '银卡会员',
  gold: '金卡会员',
  diamond: '钻石会员',
};

export function isTierCode(value: unknown): value is TierCode {
  return typeof value === 'string' && (TIER_CODES as readonly string[]).includes(value);
}
