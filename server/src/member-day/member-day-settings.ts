import { DEFAULT_MEMBER_DAY, MemberDaySchedule, TierCode } from '@mall/shared';

export interface MemberDaySettings {
  schedule: MemberDaySchedule;
  /** The coupon template each tier can claim on member day. */
  couponTemplates: Partial<Record<TierCode, string>>;
  /** Store-local hour of the member-day morning reminder. */
  reminderHour: number;
}

export const DEFAULT_MEMBER_DAY_SETTINGS: MemberDaySettings = { schedule: DEFAULT_MEMBER_DAY, couponTemplates: {}, reminderHour: 9 };
export const MEMBER_DAY_SETTINGS_KEY = 'member-day';
