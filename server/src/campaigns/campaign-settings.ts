import { DEFAULT_SEND_POLICY } from '@mall/shared';

export const CAMPAIGN_SEND_POLICY_KEY = 'campaign_send_policy';

/** The merchant's part of the send policy (the time zone comes from the store config). */
export interface CampaignSendPolicySettings {
  maxPerWeek: number;
  quietStartHour: number;
  quietEndHour: number;
}

export const DEFAULT_CAMPAIGN_SEND_POLICY: CampaignSendPolicySettings = {
  maxPerWeek: DEFAULT_SEND_POLICY.maxPerWeek,
  quietStartHour: DEFAULT_SEND_POLICY.quietStartHour,
  quietEndHour: DEFAULT_SEND_POLICY.quietEndHour,
};
