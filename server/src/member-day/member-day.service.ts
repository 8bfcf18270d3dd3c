import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isMemberDay, nextMemberDay } from '@mall/shared';
import { SettingsService } from '../settings/settings.service';
import { ClockService } from '../clock/clock.service';
import { DEFAULT_MEMBER_DAY_SETTINGS, MEMBER_DAY_SETTINGS_KEY, MemberDaySettings } from './member-day-settings';

/** The member-day calendar in the store's time zone, as the merchant set it. */
@Injectable()
export class MemberDayService {
  constructor(
    private readonly settingsStore: SettingsService,
    private readonly clock: ClockService,
  ) {}

  settings(em?: EntityManager): Promise<MemberDaySettings> {
    return this.settingsStore.get(MEMBER_DAY_SETTINGS_KEY, DEFAULT_MEMBER_DAY_SETTINGS, em);
  }

  async isMemberDay(day: string = this.clock.today(), em?: EntityManager): Promise<boolean> {
    return isMemberDay(day, (await this.settings(em)).schedule);
  }

  async nextMemberDay(from: string = this.clock.today()): Promise<string | null> {
    return nextMemberDay(from, (await this.settings()).schedule);
  }
}
