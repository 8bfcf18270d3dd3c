import { DEFAULT_TIER_BENEFITS, DEFAULT_TIER_THRESHOLDS, TierBenefits, TierCode, TierThresholds } from '@mall/shared';

export interface TierSettings {
  thresholds: TierThresholds;
  /** Share of a tier's threshold a member must earn in 12 months to keep it at review, in percent. */
  keepPct: number;
  benefits: Record<TierCode, TierBenefits>;
  /** Growth for activities other than paying (1 per yuan paid is fixed). */
  activityGrowth: { checkin: number; invite: number };
  /** Uploaded icon URL per tier. */
  icons: Partial<Record<TierCode, string>>;
}

export const DEFAULT_TIER_SETTINGS: TierSettings = {
  thresholds: DEFAULT_TIER_THRESHOLDS,
  keepPct: 50,
  benefits: DEFAULT_TIER_BENEFITS,
  activityGrowth: { checkin: 1, invite: 10 },
  icons: {},
};

export const TIER_SETTINGS_KEY = 'tiers';
