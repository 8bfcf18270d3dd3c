import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { POINTS_REASONS, PointsReason } from './points.entities';
export { PageQuery } from '../common/pagination.dto';

export class PointsEntryResponse {
  @ApiProperty() delta!: number;
  @ApiProperty({ enum: POINTS_REASONS }) reason!: PointsReason;
  @ApiProperty() balanceAfter!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note?: string | null;
}

export class PointsLedgerResponse {
  @ApiProperty({ type: [PointsEntryResponse] }) items!: PointsEntryResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AdminPointsEntryResponse extends PointsEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'What the change refers to (order id, day, audit id…)' }) ref!: string;
}

export class AdminPointsLedgerResponse {
  @ApiProperty({ type: [AdminPointsEntryResponse] }) items!: AdminPointsEntryResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() balance!: number;
}

export class PointsAdjustmentDto {
  @ApiProperty({ description: 'Points to add (positive) or take away (negative)', example: 100 })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  delta!: number;

  @ApiProperty({ description: 'Why (required, kept in the audit log)', example: '客诉补偿' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  note!: string;
}

export class ExpiringPoints {
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'Last day the points can be used (store day)', example: '2027-12-31' }) date!: string;
}

export class PointsSettingsDto {
  @ApiProperty({ description: 'Points expire at the end of the Nth year after the year they were earned', example: 1 })
  @IsInt()
  @Min(0)
  @Max(10)
  expiryYears!: number;

  @ApiProperty({ description: 'Points worth 5 yuan when spent', example: 100 })
  @IsInt()
  @Min(1)
  @Max(100000)
  pointsPer5Yuan!: number;

  @ApiProperty({ description: 'Largest share of an order cash price points may pay, percent', example: 50 })
  @IsInt()
  @Min(0)
  @Max(100)
  maxShareOfCashPct!: number;
}

export class PointsEconomyMonthResponse {
  @ApiProperty({ description: 'Store month', example: '2026-06' }) month!: string;
  @ApiProperty({ description: 'Points handed out (check-in, streak, referral, welcome, birthday, member-day, campaign, positive admin credits)' }) issued!: number;
  @ApiProperty({ description: 'Points spent (orders, redemptions, make-ups) less refunds and released holds in the same month; can be negative' }) spent!: number;
  @ApiProperty({ description: 'Points expired' }) expired!: number;
}

export class PointsEconomyResponse {
  @ApiProperty({ type: [PointsEconomyMonthResponse], description: 'The last 12 store months, oldest first, the current month last' })
  months!: PointsEconomyMonthResponse[];
  @ApiProperty({ description: 'Points members hold now' }) outstandingPoints!: number;
  @ApiProperty({ description: 'Outstanding points valued at the redemption rate, fen, rounded down' }) liabilityFen!: number;
  @ApiProperty({ description: 'The redemption rate used: points worth 5 yuan' }) pointsPer5Yuan!: number;
  @ApiProperty({ description: 'Points issued over the 12 months shown' }) issued12m!: number;
  @ApiProperty({ description: 'Points expired over the 12 months shown' }) expired12m!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'expired12m ÷ issued12m; null when nothing was issued' }) breakageRate!: number | null;
}
