import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { TIER_CODES, TierCode } from '@mall/shared';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class MemberSummary {
  @ApiProperty() id!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty() avatarUrl!: string;
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty({ description: 'Points balance' }) points!: number;
}

export class MemberProfileResponse extends MemberSummary {
  @ApiProperty() inviteCode!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'MM-DD' }) birthday?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '138****5678' }) phoneMasked?: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class ExpiringPointsSummary {
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'Last store day the points can be used', example: '2027-12-31' }) date!: string;
}

export class MyAccountResponse extends MemberProfileResponse {
  @ApiPropertyOptional({ type: ExpiringPointsSummary, nullable: true, description: 'The points expiring soonest' })
  expiringPoints!: ExpiringPointsSummary | null;
  @ApiProperty({ description: 'True during the birthday month (store time zone): the app shows a greeting' })
  isBirthdayMonth!: boolean;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 32 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  nickname?: string;

  @ApiPropertyOptional({ maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  avatarUrl?: string;

  @ApiPropertyOptional({ example: '05-20', description: 'Month and day, MM-DD; changeable once a year' })
  @IsOptional()
  @IsString()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'birthday must be MM-DD' })
  birthday?: string;
}

export class TierCounts {
  @ApiProperty() normal!: number;
  @ApiProperty() silver!: number;
  @ApiProperty() gold!: number;
  @ApiProperty() diamond!: number;
}

export class DashboardResponse {
  @ApiProperty() totalMembers!: number;
  @ApiProperty({ description: 'Joined during the current store day' }) joinedToday!: number;
  @ApiProperty() joinedLast7Days!: number;
  @ApiProperty() activeLast7Days!: number;
  @ApiProperty({ type: TierCounts }) byTier!: TierCounts;
}
