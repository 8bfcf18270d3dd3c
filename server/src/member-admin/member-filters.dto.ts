import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MEMBER_PLATFORMS, SEGMENT_KEYS, MemberPlatform, SegmentKey, TIER_CODES, TierCode } from '@mall/shared';
import { PageQuery } from '../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const STORE_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_INT = 2_000_000_000;

/** One optional non-negative integer query value (points, fen, order counts). */
function Count(description: string) {
  return (target: object, key: string) => {
    ApiPropertyOptional({ description, minimum: 0, type: Number })(target, key);
    IsOptional()(target, key);
    Type(() => Number)(target, key);
    IsInt()(target, key);
    Min(0)(target, key);
    Max(MAX_INT)(target, key);
  };
}

/** One optional store day (inclusive bound of a range). */
function StoreDay(description: string) {
  return (target: object, key: string) => {
    ApiPropertyOptional({ description, example: '2026-01-31' })(target, key);
    IsOptional()(target, key);
    IsString()(target, key);
    Matches(STORE_DAY, { message: `${key} must be a store day YYYY-MM-DD` })(target, key);
  };
}

/**
 * The member filters, shared by the admin list, the CSV export and export jobs. Every filter
 * combines with the others (AND); unknown keys and bad values are refused by the validation pipe.
 */
export class MemberFilterQuery {
  @ApiPropertyOptional({ description: 'Nickname fragment, exact member id or invite code', maxLength: 64 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: TIER_CODES })
  @IsOptional()
  @IsIn(TIER_CODES)
  tier?: TierCode;

  @StoreDay('Joined on or after this store day') joinedFrom?: string;
  @StoreDay('Joined on or before this store day') joinedTo?: string;
  @StoreDay('Last active on or after this store day') activeFrom?: string;
  @StoreDay('Last active on or before this store day') activeTo?: string;

  @ApiPropertyOptional({ enum: SEGMENT_KEYS, description: 'A member segment (definitions in shared/src/analytics/segments.ts)' })
  @IsOptional()
  @IsIn(SEGMENT_KEYS)
  segment?: SegmentKey;

  @Count('Points balance at least') pointsMin?: number;
  @Count('Points balance at most') pointsMax?: number;
  @Count('Total spend (fen) at least') spendMinFen?: number;
  @Count('Total spend (fen) at most') spendMaxFen?: number;
  @Count('Paid orders at least') ordersMin?: number;
  @Count('Paid orders at most') ordersMax?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Has a bound phone number' })
  @IsOptional()
  @IsIn(['true', 'false'])
  hasPhone?: 'true' | 'false';

  @ApiPropertyOptional({ description: "The inviter's member id" })
  @IsOptional()
  @IsUUID('all')
  inviterId?: string;

  @ApiPropertyOptional({ enum: MEMBER_PLATFORMS, description: 'Platform of the latest login' })
  @IsOptional()
  @IsIn(MEMBER_PLATFORMS)
  platform?: MemberPlatform;

  @ApiPropertyOptional({ description: 'Members of this saved audience (its rules as they evaluate now)' })
  @IsOptional()
  @IsUUID('all')
  audienceId?: string;
}

export const MEMBER_SORTS = ['joinedAt', 'lastActiveAt', 'points', 'spend', 'orders'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/** The filters plus the shared `?page=&pageSize=`. */
export class AdminMemberListQuery extends IntersectionType(MemberFilterQuery, PageQuery) {
  @ApiPropertyOptional({ enum: MEMBER_SORTS, default: 'joinedAt' })
  @IsOptional()
  @IsIn(MEMBER_SORTS)
  sort?: MemberSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class MemberExportQuery extends MemberFilterQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Full phone numbers (owners only; audited)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unmask?: 'true' | 'false';
}

export class AdminMemberListRow {
  @ApiProperty() id!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty() avatarUrl!: string;
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty({ description: 'Points balance' }) points!: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: '138****5678' }) phoneMasked!: string | null;
  @ApiProperty({ description: 'Paid, not refunded orders: cash total in fen' }) spendFen!: number;
  @ApiProperty() paidOrders!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) inviterId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: MEMBER_PLATFORMS }) platform!: MemberPlatform | null;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) lastActiveAt!: string | null;
}

export class AdminMemberListResponse {
  @ApiProperty({ type: [AdminMemberListRow] }) items!: AdminMemberListRow[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
