import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { TIER_CODES, TierCode } from '@mall/shared';

export class MemberDayScheduleDto {
  @ApiProperty({ enum: ['monthDay', 'weekday'] }) @IsIn(['monthDay', 'weekday']) kind!: 'monthDay' | 'weekday';
  @ApiPropertyOptional({ description: 'Day of the month (monthDay)' }) @ValidateIf((o) => o.kind === 'monthDay') @IsInt() @Min(1) @Max(31) day?: number;
  @ApiPropertyOptional({ description: '0 = Sunday … 6 (weekday)' }) @ValidateIf((o) => o.kind === 'weekday') @IsInt() @Min(0) @Max(6) weekday?: number;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'extraDates must be YYYY-MM-DD' })
  extraDates?: string[];
}

export class TierCouponsDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() normal?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() silver?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() gold?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() diamond?: string;
}

export class MemberDaySettingsDto {
  @ApiProperty({ type: MemberDayScheduleDto }) @ValidateNested() @Type(() => MemberDayScheduleDto) schedule!: MemberDayScheduleDto;
  @ApiProperty({ type: TierCouponsDto }) @ValidateNested() @Type(() => TierCouponsDto) couponTemplates!: TierCouponsDto;
  @ApiProperty({ description: 'Store-local hour of the morning reminder' }) @IsInt() @Min(0) @Max(23) reminderHour!: number;
}

export class BannerDto {
  @ApiProperty({ description: 'URL returned by POST /api/admin/media' }) @IsString() @Matches(/^\/media\/[0-9a-f]{64}\.(png|jpg|webp)$/, { message: 'imageUrl must be an uploaded image' }) imageUrl!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(40) title!: string;
  @ApiProperty({ enum: ['item', 'page', 'coupon'] }) @IsIn(['item', 'page', 'coupon']) targetType!: 'item' | 'page' | 'coupon';
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) targetValue!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) endsAt!: string;
  @ApiPropertyOptional({ enum: TIER_CODES, isArray: true }) @IsOptional() @IsArray() @IsIn(TIER_CODES, { each: true }) tiers?: TierCode[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() memberDayOnly?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
}

export class BannerResponse {
  @ApiProperty() id!: string;
  @ApiProperty() imageUrl!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['item', 'page', 'coupon'] }) targetType!: 'item' | 'page' | 'coupon';
  @ApiProperty() targetValue!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: TIER_CODES, isArray: true }) tiers!: TierCode[];
  @ApiProperty() memberDayOnly!: boolean;
  @ApiProperty() sortOrder!: number;
}

export class BannerCouponClaimResponse {
  @ApiProperty() couponId!: string;
  @ApiProperty({ description: 'The member had claimed this banner\'s coupon before; nothing new was issued' }) alreadyClaimed!: boolean;
}

export class BannerListResponse {
  @ApiProperty({ type: [BannerResponse] }) items!: BannerResponse[];
}

export class MemberDayOffer {
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty({ description: 'Member-day price for this tier, percent of list price' }) pricePct!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) couponTemplateId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) couponName!: string | null;
  @ApiProperty({ description: 'The member already claimed today’s coupon' }) claimed!: boolean;
}

export class MemberDayResponse {
  @ApiProperty() today!: string;
  @ApiProperty() isMemberDay!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) nextMemberDay!: string | null;
  @ApiProperty({ description: 'Check-in multiplier on member day, percent' }) checkinMultiplierPct!: number;
  @ApiProperty({ type: [BannerResponse] }) banners!: BannerResponse[];
  @ApiProperty({ type: [MemberDayOffer] }) offers!: MemberDayOffer[];
}

export class MediaUploadResponse {
  @ApiProperty() url!: string;
  @ApiProperty() mime!: string;
  @ApiProperty() bytes!: number;
}
