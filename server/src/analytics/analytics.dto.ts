import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ANALYTICS_EVENT_TYPES, SEGMENT_KEYS, TIER_CODES } from '@mall/shared';
import type { SegmentKey, TierCode } from '@mall/shared';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class AnalyticsDeviceDto {
  @ApiPropertyOptional({ maxLength: 64 }) brand?: string;
  @ApiPropertyOptional({ maxLength: 64 }) model?: string;
  @ApiPropertyOptional({ maxLength: 16, example: 'ios', description: 'ios, android, windows, mac, devtools, h5 …' }) platform?: string;
  @ApiPropertyOptional({ maxLength: 64, example: 'iOS 17.1' }) system?: string;
  @ApiPropertyOptional({ maxLength: 32, description: 'WeChat version' }) version?: string;
  @ApiPropertyOptional({ maxLength: 32 }) SDKVersion?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) screenWidth?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) screenHeight?: number;
  @ApiPropertyOptional({ exclusiveMinimum: 0, maximum: 10 } as never) pixelRatio?: number;
  @ApiPropertyOptional({ maxLength: 16, example: 'wifi' }) networkType?: string;
}

export class AnalyticsEventDto {
  @ApiProperty({ description: 'Client-made unique id (8–64 of A–Z a–z 0–9 _ -); a resent id is stored once' }) id!: string;
  @ApiProperty({ enum: ANALYTICS_EVENT_TYPES }) type!: string;
  @ApiProperty({ description: 'ms since epoch; at most 72 hours old and 10 minutes ahead of the server' }) ts!: number;
  @ApiPropertyOptional({ maxLength: 128, description: 'Page path; required for page_view' }) page?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 86400000, description: 'page_view only: time on the page' }) dwellMs?: number;
  @ApiPropertyOptional({ description: 'WeChat scene value (launch)' }) scene?: number;
  @ApiPropertyOptional({ type: AnalyticsDeviceDto }) device?: AnalyticsDeviceDto;
}

/** Documents the body only: the events are checked one by one so an error can name its index. */
export class IngestEventsDto {
  @ApiProperty({ type: [AnalyticsEventDto], maxItems: 100 }) events!: AnalyticsEventDto[];
}

export class IngestEventsResponse {
  @ApiProperty({ description: 'Events accepted in this batch (duplicates included, stored once)' }) received!: number;
}

export class DateRangeQuery {
  @ApiPropertyOptional({ example: '2026-10-24', description: 'First store day; defaults to 30 days before `to`' })
  @IsOptional() @IsString() @Matches(DATE, { message: 'from must be YYYY-MM-DD' }) from?: string;

  @ApiPropertyOptional({ example: '2026-11-22', description: 'Last store day; defaults to yesterday (today is rolled up tomorrow)' })
  @IsOptional() @IsString() @Matches(DATE, { message: 'to must be YYYY-MM-DD' }) to?: string;
}

export class DeviceQuery extends DateRangeQuery {
  @ApiPropertyOptional({ enum: TIER_CODES, description: 'Only members of this tier (their tier on the day)' })
  @IsOptional() @IsIn(TIER_CODES) tier?: TierCode;
}

export class CountItem {
  @ApiProperty() value!: string;
  @ApiProperty({ description: 'Distinct members' }) members!: number;
}

export class DevicesResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'Distinct members active in the range' }) members!: number;
  @ApiProperty({ type: [CountItem] }) platforms!: CountItem[];
  @ApiProperty({ type: [CountItem] }) brands!: CountItem[];
  @ApiProperty({ type: [CountItem] }) models!: CountItem[];
  @ApiProperty({ type: [CountItem] }) systems!: CountItem[];
  @ApiProperty({ type: [CountItem] }) wechatVersions!: CountItem[];
  @ApiProperty({ type: [CountItem] }) networkTypes!: CountItem[];
}

export class ActiveDay {
  @ApiProperty() day!: string;
  @ApiProperty() dau!: number;
  @ApiProperty() wau!: number;
  @ApiProperty() mau!: number;
}

export class SceneItem {
  @ApiProperty() scene!: number;
  @ApiProperty() launches!: number;
}

export class PageItem {
  @ApiProperty() page!: string;
  @ApiProperty() views!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean dwellMs of the page views that reported one' }) avgDwellMs!: number | null;
  @ApiProperty({ description: 'Sessions that began on this page' }) entries!: number;
  @ApiProperty({ description: 'Sessions that ended on this page' }) exits!: number;
}

export class VisitsResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [Number], description: '24 values: mean distinct members active in each store hour, per day of the range' }) byHour!: number[];
  @ApiProperty({ type: [Number], description: '7 values, Sunday first: mean DAU on that weekday in the range' }) byWeekday!: number[];
  @ApiProperty({ type: [ActiveDay] }) trend!: ActiveDay[];
  @ApiProperty({ type: [SceneItem] }) scenes!: SceneItem[];
  @ApiProperty({ type: [PageItem] }) pages!: PageItem[];
}

export class CheckinRateFigure {
  @ApiProperty({ description: 'Members with a check-in in the last 30 store days' }) checkedIn!: number;
  @ApiProperty({ description: 'Members active in the last 30 days (last_active_at) or with a check-in in those 30 store days' }) active!: number;
  @ApiProperty({ type: Number, nullable: true }) rate!: number | null;
}

export class PointsUsageFigure {
  @ApiProperty() issued!: number;
  @ApiProperty() spent!: number;
  @ApiProperty({ type: Number, nullable: true }) rate!: number | null;
}

export class OrderFiguresDto {
  @ApiProperty() paidOrders!: number;
  @ApiProperty() purchasers!: number;
  @ApiProperty({ type: Number, nullable: true }) repurchaseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) aovFen!: number | null;
  @ApiProperty({ type: Number, nullable: true }) purchaseFrequency!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lifespanYears!: number | null;
  @ApiProperty({ type: Number, nullable: true }) clvFen!: number | null;
}

export class CohortRowDto {
  @ApiProperty({ example: '2026-09' }) cohort!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ type: [Number], nullable: true, description: 'Share active in month +0, +1, …; null for months not reached' }) retention!: (number | null)[];
}

export class RetentionResponse {
  @ApiProperty({ type: CheckinRateFigure }) checkinRate!: CheckinRateFigure;
  @ApiProperty({ type: PointsUsageFigure }) pointsUsage!: PointsUsageFigure;
  @ApiProperty({ type: OrderFiguresDto }) orders!: OrderFiguresDto;
  @ApiProperty({ type: [CohortRowDto] }) cohorts!: CohortRowDto[];
}

export class SegmentItem {
  @ApiProperty({ enum: SEGMENT_KEYS }) key!: SegmentKey;
  @ApiProperty() label!: string;
  @ApiProperty() definition!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ example: '/admin/members?segment=active', description: 'The admin member list of the segment' }) membersUrl!: string;
  @ApiProperty({ example: '/api/admin/members/export.csv?segment=active', description: 'CSV export of the segment' }) exportUrl!: string;
}

export class SegmentsResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Smallest spend (fen) counted as high value' }) highValueThresholdFen!: number | null;
  @ApiProperty({ type: [SegmentItem] }) items!: SegmentItem[];
}
