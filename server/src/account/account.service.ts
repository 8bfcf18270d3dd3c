import { Injectable } from '@nestjs/common';
import { ClockService } from '../clock/clock.service';
import { MembersService } from '../members/members.service';
import { toMemberProfileResponse } from '../members/member.mapper';
import type { MyAccountResponse, UpdateProfileDto } from '../members/member.dto';
import { PointsService } from '../points/points.service';

/** The member's own view of their account: profile, balance, and what expires soonest. */
@Injectable()
export class AccountService {
  constructor(
    private readonly members: MembersService,
    private readonly points: PointsService,
    private readonly clock: ClockService,
  ) {}

  async myAccount(memberId: string): Promise<MyAccountResponse | null> {
    const member = await this.members.findById(memberId);
    if (!member) return null;
    const today = this.clock.today();
    return {
      ...toMemberProfileResponse(member),
      expiringPoints: await this.points.soonestExpiring(memberId, today),
      isBirthdayMonth: !!member.birthday && member.birthday.slice(0, 2) === today.slice(5, 7),
    };
  }

  updateProfile(memberId: string, dto: UpdateProfileDto) {
    return this.members.updateProfile(memberId, dto);
  }
}
