export interface ReferralSettings {
  /** What the invited friend gets at once. */
  welcomePack: { points: number; couponTemplateIds: string[] };
  /** What the inviter gets when the friend completes the qualifying action. */
  inviterRewardPoints: number;
  qualifyingAction: 'first_checkin' | 'first_paid_order';
  /** Most rewarded invitations per inviter per store day; more still bind but earn nothing. */
  dailyCapPerInviter: number;
  /** The invite poster's design: an uploaded background (`/media/…`, or none for the house gradient) and a slogan. */
  poster: { backgroundUrl: string | null; slogan: string };
}

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  welcomePack: { points: 50, couponTemplateIds: [] },
  inviterRewardPoints: 20,
  qualifyingAction: 'first_checkin',
  dailyCapPerInviter: 20,
  poster: { backgroundUrl: null, slogan: '邀好友一起签到，积分好礼天天领' },
};
export const REFERRAL_SETTINGS_KEY = 'referral';
