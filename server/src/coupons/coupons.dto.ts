import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { TIER_CODES, TierCode } from '@mall/shared';

export class CouponTemplateDto {
  @ApiProperty({ example: '满100减10' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  name!: string;

  @ApiProperty({ enum: ['amount', 'percent'] }) @IsIn(['amount', 'percent']) kind!: 'amount' | 'percent';

  @ApiPropertyOptional({ description: 'Amount off, fen (kind amount)' })
  @ValidateIf((o) => o.kind === 'amount')
  @IsInt()
  @Min(1)
  @Max(100_000_00)
  amountOffFen?: number;

  @ApiPropertyOptional({ description: 'Minimum order amount, fen' }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000) thresholdFen?: number;

  @ApiPropertyOptional({ description: 'Price paid in percent (kind percent): 90 = 10% off' })
  @ValidateIf((o) => o.kind === 'percent')
  @IsInt()
  @Min(1)
  @Max(99)
  percentPay?: number;

  @ApiPropertyOptional({ description: 'Most a percent coupon takes off, fen; 0 = no cap' }) @IsOptional() @IsInt() @Min(0) @Max(100_000_000) capFen?: number;

  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) validFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) validTo?: string;
  @ApiPropertyOptional({ description: 'Valid N days after issue, instead of a window' }) @IsOptional() @IsInt() @Min(1) @Max(3650) validDays?: number;

  @ApiPropertyOptional({ enum: TIER_CODES, isArray: true, description: 'Tiers that may receive it; empty = all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(TIER_CODES, { each: true })
  tiers?: TierCode[];

  @ApiPropertyOptional({ description: 'Total coupons that may be issued; omit for no limit' }) @IsOptional() @IsInt() @Min(1) @Max(100_000_000) totalLimit?: number;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(1000) perMemberLimit?: number;
  @ApiPropertyOptional({ enum: ['active', 'disabled'] }) @IsOptional() @IsIn(['active', 'disabled']) status?: 'active' | 'disabled';
}

export class CouponTemplateResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['amount', 'percent'] }) kind!: 'amount' | 'percent';
  @ApiProperty() amountOffFen!: number;
  @ApiProperty() thresholdFen!: number;
  @ApiProperty() percentPay!: number;
  @ApiProperty() capFen!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) validFrom!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) validDays!: number | null;
  @ApiProperty({ enum: TIER_CODES, isArray: true }) tiers!: TierCode[];
  @ApiPropertyOptional({ type: Number, nullable: true }) totalLimit!: number | null;
  @ApiProperty() perMemberLimit!: number;
  @ApiProperty() issuedCount!: number;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: 'active' | 'disabled';
}

export class IssueCouponDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ description: 'Why (kept in the audit log)' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  note!: string;
}

export class WalletCouponResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['amount', 'percent'] }) kind!: 'amount' | 'percent';
  @ApiProperty() amountOffFen!: number;
  @ApiProperty() thresholdFen!: number;
  @ApiProperty() percentPay!: number;
  @ApiProperty() capFen!: number;
  @ApiProperty({ enum: ['unused', 'used', 'expired'] }) state!: 'unused' | 'used' | 'expired';
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validTo!: string;
  @ApiProperty() source!: string;
}

export class WalletResponse {
  @ApiProperty({ type: [WalletCouponResponse] }) items!: WalletCouponResponse[];
}

export class CouponTemplateListResponse {
  @ApiProperty({ type: [CouponTemplateResponse] }) items!: CouponTemplateResponse[];
}
