import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AUDIENCE_RULE_KINDS, CHURN_RISKS, MEMBER_PLATFORMS, TIER_CODES } from '@mall/shared';
import { PageQuery } from '../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The OpenAPI view of one rule; the server checks each rule by its kind (see parseAudienceRules). */
export class AudienceRuleDoc {
  @ApiProperty({ enum: AUDIENCE_RULE_KINDS }) kind!: string;
  @ApiPropertyOptional({ type: [String], description: `tier: ${TIER_CODES.join('/')}; churnRisk: ${CHURN_RISKS.join('/')}; platform (latest login): ${MEMBER_PLATFORMS.join('/')}` }) in?: string[];
  @ApiPropertyOptional({ description: 'joined / lastActive / lastOrder: store days ago, inclusive' }) daysAgoMin?: number;
  @ApiPropertyOptional() daysAgoMax?: number;
  @ApiPropertyOptional({ description: 'spend (fen) / orders / points / rfm (1–5) / expiringPoints (points)' }) min?: number;
  @ApiPropertyOptional() max?: number;
  @ApiPropertyOptional({ enum: ['r', 'f', 'm'] }) measure?: string;
  @ApiPropertyOptional({ description: 'replenishment: expected date from today + fromDays to today + toDays' }) fromDays?: number;
  @ApiPropertyOptional() toDays?: number;
  @ApiPropertyOptional({ description: 'expiringPoints: expiring within this many days' }) withinDays?: number;
  @ApiPropertyOptional({ description: 'inviter: invited by another member or not' }) invited?: boolean;
  @ApiPropertyOptional({ description: 'inviter (with invited: true): only members invited by the member with this invite code' }) inviteCode?: string;
}

export class AudienceRulesDto {
  @ApiProperty({ type: [AudienceRuleDoc], description: 'Members matching all rules' })
  @IsArray()
  rules!: unknown[];
}

export class AudienceDto extends AudienceRulesDto {
  @ApiProperty({ minLength: 1, maxLength: 40 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  name!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class AudienceResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [AudienceRuleDoc] }) rules!: AudienceRuleDoc[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AudienceWithCountResponse extends AudienceResponse {
  @ApiProperty({ description: 'Members matching now' }) memberCount!: number;
}

export class AudienceListResponse {
  @ApiProperty({ type: [AudienceWithCountResponse] }) items!: AudienceWithCountResponse[];
}

export class AudiencePreviewResponse {
  @ApiProperty() memberCount!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Store day of the predictions used (null before the first run)' })
  predictionsOn!: string | null;
}

export class AudienceMembersQuery extends PageQuery {}

export class AudienceMemberRow {
  @ApiProperty() id!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty({ enum: TIER_CODES }) tier!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) lastActiveAt!: string | null;
  @ApiProperty() orders!: number;
  @ApiProperty() spendFen!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastOrderOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '455', description: 'R, F and M scores 1–5' }) rfm!: string | null;
  @ApiProperty({ enum: CHURN_RISKS }) churnRisk!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '通常每 21 天购买一次，距上次下单已 48 天' }) churnExplanation!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) nextReplenishOn!: string | null;
}

export class AudienceMemberPageResponse {
  @ApiProperty({ type: [AudienceMemberRow] }) items!: AudienceMemberRow[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
