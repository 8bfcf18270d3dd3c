import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { TIER_CODES, TierCode } from '@mall/shared';

export class TierThresholdsDto {
  @ApiProperty({ example: 1000 }) @IsInt() @Min(1) @Max(100_000_000) silver!: number;
  @ApiProperty({ example: 5000 }) @IsInt() @Min(1) @Max(100_000_000) gold!: number;
  @ApiProperty({ example: 20000 }) @IsInt() @Min(1) @Max(100_000_000) diamond!: number;
}

export class TierBenefitsDto {
  @ApiProperty({ description: 'Check-in points multiplier, percent (150 = ×1.5)' }) @IsInt() @Min(100) @Max(1000) checkinMultiplierPct!: number;
  @ApiProperty({ description: 'Member-day price, percent of list price (90 = 10% off)' }) @IsInt() @Min(1) @Max(100) memberDayPricePct!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000) birthdayGiftPoints!: number;
  @ApiProperty({ description: '0 = always free shipping' }) @IsInt() @Min(0) @Max(100_000_000) freeShippingThresholdFen!: number;
}

export class TierBenefitsByTierDto {
  @ApiProperty({ type: TierBenefitsDto }) @ValidateNested() @Type(() => TierBenefitsDto) normal!: TierBenefitsDto;
  @ApiProperty({ type: TierBenefitsDto }) @ValidateNested() @Type(() => TierBenefitsDto) silver!: TierBenefitsDto;
  @ApiProperty({ type: TierBenefitsDto }) @ValidateNested() @Type(() => TierBenefitsDto) gold!: TierBenefitsDto;
  @ApiProperty({ type: TierBenefitsDto }) @ValidateNested() @Type(() => TierBenefitsDto) diamond!: TierBenefitsDto;
}

export class ActivityGrowthDto {
  @ApiProperty() @IsInt() @Min(0) @Max(1000) checkin!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(1000) invite!: number;
}

export class UpdateTierSettingsDto {
  @ApiProperty({ type: TierThresholdsDto, description: 'Must increase strictly: silver < gold < diamond' })
  @ValidateNested()
  @Type(() => TierThresholdsDto)
  thresholds!: TierThresholdsDto;

  @ApiPropertyOptional({ description: 'Share of the threshold to earn in 12 months to keep a tier, percent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  keepPct?: number;

  @ApiPropertyOptional({ type: TierBenefitsByTierDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TierBenefitsByTierDto)
  benefits?: TierBenefitsByTierDto;

  @ApiPropertyOptional({ type: ActivityGrowthDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityGrowthDto)
  activityGrowth?: ActivityGrowthDto;
}

export class TierIconsDto {
  @ApiPropertyOptional() normal?: string;
  @ApiPropertyOptional() silver?: string;
  @ApiPropertyOptional() gold?: string;
  @ApiPropertyOptional() diamond?: string;
}

export class TierSettingsResponse {
  @ApiProperty({ type: TierThresholdsDto }) thresholds!: TierThresholdsDto;
  @ApiProperty() keepPct!: number;
  @ApiProperty({ type: TierBenefitsByTierDto }) benefits!: TierBenefitsByTierDto;
  @ApiProperty({ type: ActivityGrowthDto }) activityGrowth!: ActivityGrowthDto;
  @ApiProperty({ type: TierIconsDto }) icons!: TierIconsDto;
}

export class NextTier {
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty({ description: 'Growth still needed' }) needed!: number;
}

export class TierLadderStep {
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty() threshold!: number;
  @ApiProperty({ type: TierBenefitsDto }) benefits!: TierBenefitsDto;
  @ApiPropertyOptional({ type: String, nullable: true }) iconUrl!: string | null;
}

export class MyTierResponse {
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty({ description: 'Growth earned in the last 12 months' }) growth!: number;
  @ApiPropertyOptional({ type: NextTier, nullable: true }) next!: NextTier | null;
  @ApiProperty({ type: TierBenefitsDto }) benefits!: TierBenefitsDto;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Store day of the next yearly review' }) reviewAt!: string | null;
  @ApiProperty({ type: [TierLadderStep] }) ladder!: TierLadderStep[];
}
