import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class CheckinRewardResponse {
  @ApiProperty({ enum: ['points', 'coupon'] }) kind!: 'points' | 'coupon';
  @ApiPropertyOptional() points?: number;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['checkin', 'streak_bonus'] }) reason!: 'checkin' | 'streak_bonus';
  @ApiPropertyOptional({ description: 'Set when a ladder coupon could not be issued: why (e.g. 优惠券已领完)' }) unavailable?: string;
}

export class CheckinMultipliers {
  @ApiProperty({ description: 'Tier multiplier, percent' }) tierPct!: number;
  @ApiProperty({ description: 'Member day / holiday multiplier, percent' }) dayPct!: number;
  @ApiProperty() memberDay!: boolean;
  @ApiProperty() holiday!: boolean;
}

export class CheckinResponse {
  @ApiProperty({ example: '2026-11-23', description: 'Store day' }) date!: string;
  @ApiProperty() streak!: number;
  @ApiProperty() pointsAwarded!: number;
  @ApiProperty({ type: [CheckinRewardResponse] }) rewards!: CheckinRewardResponse[];
  @ApiProperty({ type: CheckinMultipliers }) multipliers!: CheckinMultipliers;
  @ApiProperty() alreadyCheckedIn!: boolean;
}

export class MakeupDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;
}

export class MakeupResponse {
  @ApiProperty() date!: string;
  @ApiProperty({ description: 'The live streak after the make-up' }) streak!: number;
  @ApiProperty() pointsSpent!: number;
}

export class CalendarQuery {
  @ApiPropertyOptional({ example: '2026-11', description: 'Defaults to the store\'s current month' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class CalendarDay {
  @ApiProperty() date!: string;
  @ApiProperty({ enum: ['checked', 'made_up', 'missed', 'today', 'future'] }) state!: 'checked' | 'made_up' | 'missed' | 'today' | 'future';
  @ApiProperty() memberDay!: boolean;
}

export class NextReward {
  @ApiProperty({ description: 'Check-ins still needed, counting the next one' }) inDays!: number;
  @ApiProperty() day!: number;
  @ApiProperty() points!: number;
  @ApiProperty() label!: string;
}

export class MakeupInfo {
  @ApiProperty() remaining!: number;
  @ApiProperty() costPoints!: number;
}

export class CalendarResponse {
  @ApiProperty() month!: string;
  @ApiProperty() today!: string;
  @ApiProperty() checkedInToday!: boolean;
  @ApiProperty() streak!: number;
  @ApiProperty({ type: [CalendarDay] }) days!: CalendarDay[];
  @ApiProperty({ type: [NextReward] }) nextRewards!: NextReward[];
  @ApiProperty({ type: MakeupInfo }) makeup!: MakeupInfo;
  @ApiProperty() basePoints!: number;
}

export class LadderStepDto {
  @ApiProperty() @IsInt() @Min(1) @Max(366) day!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) points?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() couponTemplateId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) label?: string;
}

export class LadderDto {
  @ApiProperty() @IsInt() @Min(0) @Max(100000) basePoints!: number;
  @ApiProperty({ type: [LadderStepDto] }) @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => LadderStepDto) steps!: LadderStepDto[];
  @ApiProperty({ description: 'Start again from day 1 after the last step' }) @IsBoolean() repeat!: boolean;
}

export class MakeupRulesDto {
  @ApiProperty() @IsInt() @Min(0) @Max(31) maxPerMonth!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) costPoints!: number;
}

export class CheckinSettingsDto {
  @ApiProperty({ type: LadderDto }) @ValidateNested() @Type(() => LadderDto) ladder!: LadderDto;
  @ApiProperty({ description: 'Member-day multiplier, percent' }) @IsInt() @Min(100) @Max(1000) memberDayMultiplierPct!: number;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays must be YYYY-MM-DD' })
  holidays!: string[];
  @ApiProperty() @IsInt() @Min(100) @Max(1000) holidayMultiplierPct!: number;
  @ApiProperty({ type: MakeupRulesDto }) @ValidateNested() @Type(() => MakeupRulesDto) makeup!: MakeupRulesDto;
  @ApiProperty({ description: 'Store-local hour for the daily reminder' }) @IsInt() @Min(0) @Max(23) reminderHour!: number;
}

export class CheckinStatsDay {
  @ApiProperty() date!: string;
  @ApiProperty() checkins!: number;
  @ApiProperty({ description: 'Members who had joined by that day' }) members!: number;
  @ApiProperty({ description: 'checkins / members, 0..1' }) rate!: number;
}

export class CheckinStatsResponse {
  @ApiProperty({ type: [CheckinStatsDay] }) days!: CheckinStatsDay[];
}
