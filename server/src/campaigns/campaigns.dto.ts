import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { CAMPAIGN_STATUSES, OFFER_KINDS, OfferKind, TRIGGER_KINDS, TriggerKind } from './campaign.entities';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CampaignOfferDto {
  @ApiProperty({ enum: OFFER_KINDS }) @IsIn(OFFER_KINDS) kind!: OfferKind;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required for kind coupon' })
  @ValidateIf((o: CampaignOfferDto) => o.kind === 'coupon')
  @IsUUID()
  couponTemplateId?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Required for kind points: 1–100000' })
  @ValidateIf((o: CampaignOfferDto) => o.kind === 'points')
  @IsInt()
  @Min(1)
  @Max(100_000)
  points?: number | null;
}

export class CampaignMessageDto {
  @ApiProperty({ minLength: 1, maxLength: 20, description: 'Notice title (also the subscribe message thing1)' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(20) title!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) body!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 64, example: 'pages/index/index', description: 'Mini-program page without query' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9_\-/]+$/i, { message: 'page must be a mini-program page path without a query' })
  page?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: "Recommend the bought-together partner of the member's latest paid order: the notice names it and opens its item page (members without one get the plain message)",
  })
  @IsOptional()
  @IsBoolean()
  recommendPartnerItem?: boolean;
}

/** A trigger; each kind reads only its own parameters (defaults in brackets). */
export class CampaignTriggerDto {
  @ApiProperty({ enum: TRIGGER_KINDS }) @IsIn(TRIGGER_KINDS) kind!: TriggerKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'once: when it goes out (required)' })
  @ValidateIf((o: CampaignTriggerDto) => o.kind === 'once')
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ enum: ['memberDay'], description: "recurring: the calendar it repeats on ['memberDay', the store's member days]" })
  @IsOptional() @IsIn(['memberDay']) every?: 'memberDay';

  @ApiPropertyOptional({ description: 'pointsExpiring: points expiring within N days [30]' })
  @IsOptional() @IsInt() @Min(1) @Max(365) withinDays?: number;

  @ApiPropertyOptional({ description: 'redeemNudge: at most N points short of a points item [120]' })
  @IsOptional() @IsInt() @Min(1) @Max(100_000) pointsShort?: number;

  @ApiPropertyOptional({ description: 'tierNudge: at most N growth short of the next tier [300]' })
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) growthShort?: number;

  @ApiPropertyOptional({ description: 'replenishment: N days before the expected run-out [3]' })
  @IsOptional() @IsInt() @Min(0) @Max(60) daysBefore?: number;

  @ApiPropertyOptional({ type: [CampaignOfferDto], description: "winBack (required): step k fires after k of the member's purchase cycles without an order, with its own (growing) offer" })
  @ValidateIf((o: CampaignTriggerDto) => o.kind === 'winBack')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => CampaignOfferDto)
  steps?: CampaignOfferDto[];
}

export class CampaignDto {
  @ApiProperty({ minLength: 1, maxLength: 40 }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(40) name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Saved audience; null = every member' })
  @IsOptional()
  @IsUUID()
  audienceId?: string | null;

  @ApiProperty({ type: CampaignOfferDto, description: 'Ignored by winBack, whose steps carry the offers' })
  @ValidateNested()
  @Type(() => CampaignOfferDto)
  offer!: CampaignOfferDto;

  @ApiProperty({ type: CampaignMessageDto }) @ValidateNested() @Type(() => CampaignMessageDto) message!: CampaignMessageDto;

  @ApiProperty({ type: CampaignTriggerDto }) @ValidateNested() @Type(() => CampaignTriggerDto) trigger!: CampaignTriggerDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 50, default: 10 }) @IsOptional() @IsInt() @Min(0) @Max(50) holdoutPct?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, default: 7 }) @IsOptional() @IsInt() @Min(1) @Max(60) attributionDays?: number;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) startsAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) endsAt?: string | null;
}

export class CampaignResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) audienceId!: string | null;
  @ApiProperty({ type: CampaignOfferDto }) offer!: CampaignOfferDto;
  @ApiProperty({ type: CampaignMessageDto }) message!: CampaignMessageDto;
  @ApiProperty({ type: CampaignTriggerDto }) trigger!: CampaignTriggerDto;
  @ApiProperty() holdoutPct!: number;
  @ApiProperty() attributionDays!: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) startsAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) endsAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) activatedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CampaignListItemResponse extends CampaignResponse {
  @ApiProperty({ description: 'Sends delivered so far' }) sent!: number;
  @ApiProperty({ description: 'Holdout members recorded so far' }) holdout!: number;
}

export class CampaignListResponse {
  @ApiProperty({ type: [CampaignListItemResponse] }) items!: CampaignListItemResponse[];
}

export class CampaignGroupResults {
  @ApiProperty({ description: 'Distinct members in the group' }) members!: number;
  @ApiProperty({ description: 'Members with at least one paid order in an attribution window' }) convertedMembers!: number;
  @ApiProperty({ description: 'convertedMembers ÷ members; null for an empty group' , type: Number, nullable: true }) conversionRate!: number | null;
  @ApiProperty({ description: 'Paid orders within the attribution window after a send' }) orders!: number;
  @ApiProperty({ description: 'Their cash paid, fen' }) revenueFen!: number;
}

export class CampaignLiftResponse {
  @ApiProperty() treatedRate!: number;
  @ApiProperty() holdoutRate!: number;
  @ApiProperty({ description: 'treatedRate − holdoutRate' }) difference!: number;
  @ApiProperty({ type: [Number], description: '95% CI of the difference (Newcombe)' }) ci95!: number[];
  @ApiPropertyOptional({ type: Number, nullable: true }) relativeLift!: number | null;
  @ApiProperty() significant!: boolean;
}

export class CampaignResultsResponse {
  @ApiProperty() campaignId!: string;
  @ApiProperty({ description: 'Members in the audience now' }) audienceSize!: number;
  @ApiProperty({ description: 'Sends delivered (notice, and message when subscribed)' }) sent!: number;
  @ApiProperty({ description: 'Subscribe messages actually sent' }) messaged!: number;
  @ApiProperty({ description: 'Holdout rows (nothing delivered)' }) holdout!: number;
  @ApiProperty() opened!: number;
  @ApiProperty() offersClaimed!: number;
  @ApiProperty({ description: 'Claimed coupons used in an order' }) offersUsed!: number;
  @ApiProperty() attributionDays!: number;
  @ApiProperty({ type: CampaignGroupResults }) treated!: CampaignGroupResults;
  @ApiProperty({ type: CampaignGroupResults }) holdoutGroup!: CampaignGroupResults;
  @ApiPropertyOptional({ type: CampaignLiftResponse, nullable: true, description: 'Conversion lift against the holdout; null when a group is empty' })
  lift!: CampaignLiftResponse | null;
}

export class CampaignSendPolicyDto {
  @ApiProperty({ minimum: 1, maximum: 50, description: 'Messages a member may get in any rolling 7 days, all campaigns together' })
  @IsInt() @Min(1) @Max(50) maxPerWeek!: number;
  @ApiProperty({ minimum: 0, maximum: 23, description: 'Quiet hours start (store time); equal to the end = no quiet hours' })
  @IsInt() @Min(0) @Max(23) quietStartHour!: number;
  @ApiProperty({ minimum: 0, maximum: 23 }) @IsInt() @Min(0) @Max(23) quietEndHour!: number;
}
