import { CheckinLadder, DEFAULT_CHECKIN_LADDER, DEFAULT_MAKEUP_RULES, MakeupRules } from '@mall/shared';

export interface CheckinSettings {
  ladder: CheckinLadder;
  /** Multiplier on member day, percent (200 = double points). */
  memberDayMultiplierPct: number;
  /** Listed holidays (YYYY-MM-DD) also multiply check-in points. */
  holidays: string[];
  holidayMultiplierPct: number;
  makeup: MakeupRules;
  /** Store-local hour after which members who opted in and have not checked in get one reminder. */
  reminderHour: number;
}

export const DEFAULT_CHECKIN_SETTINGS: CheckinSettings = {
  ladder: DEFAULT_CHECKIN_LADDER,
  memberDayMultiplierPct: 200,
  holidays: [],
  holidayMultiplierPct: 200,
  makeup: DEFAULT_MAKEUP_RULES,
  reminderHour: 20,
};
export const CHECKIN_SETTINGS_KEY = 'checkin';
