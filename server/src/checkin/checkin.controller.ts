import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AdminAuth, AdminPrincipal, CurrentAdmin, CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { CalendarQuery, CalendarResponse, CheckinResponse, CheckinSettingsDto, CheckinStatsResponse, MakeupDto, MakeupResponse } from './checkin.dto';
import { CheckinService } from './checkin.service';
import { CheckinAdminService } from './checkin-admin.service';

export class StatsQuery {
  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 90 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90) days?: number;
}

@ApiTags('checkins')
@Controller('api')
export class CheckinController {
  constructor(
    private readonly checkins: CheckinService,
    private readonly admin: CheckinAdminService,
  ) {}

  /** 200 both the first time and for a repeat the same day (`alreadyCheckedIn: true`, nothing awarded). */
  @MemberAuth()
  @Post('checkins')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CheckinResponse })
  async checkIn(@CurrentMember() me: MemberPrincipal): Promise<CheckinResponse> {
    return unwrap(await this.checkins.checkIn(me.memberId));
  }

  @MemberAuth()
  @Post('checkins/makeup')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MakeupResponse })
  async makeup(@CurrentMember() me: MemberPrincipal, @Body() dto: MakeupDto): Promise<MakeupResponse> {
    return unwrap(await this.checkins.makeup(me.memberId, dto.date));
  }

  @MemberAuth()
  @Get('checkins/calendar')
  @ApiOkResponse({ type: CalendarResponse })
  calendar(@CurrentMember() me: MemberPrincipal, @Query() query: CalendarQuery): Promise<CalendarResponse> {
    return this.checkins.calendar(me.memberId, query.month);
  }

  @AdminAuth()
  @Get('admin/checkins/settings')
  @ApiOkResponse({ type: CheckinSettingsDto })
  settings(): Promise<CheckinSettingsDto> {
    return this.checkins.settings();
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/checkins/settings')
  @ApiOkResponse({ type: CheckinSettingsDto })
  async updateSettings(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: CheckinSettingsDto): Promise<CheckinSettingsDto> {
    return unwrap(await this.admin.update(admin, dto));
  }

  @AdminAuth()
  @Get('admin/checkins/stats')
  @ApiOkResponse({ type: CheckinStatsResponse })
  stats(@Query() query: StatsQuery): Promise<CheckinStatsResponse> {
    return this.admin.stats(query.days ?? 30);
  }
}
