import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';

export class InvitationResponse {
  @ApiProperty() friendNickname!: string;
  @ApiProperty() friendAvatarUrl!: string;
  @ApiProperty({ format: 'date-time' }) boundAt!: string;
  @ApiProperty({ enum: ['bound', 'qualified', 'capped', 'blocked'], description: 'bound: waiting for the qualifying action' }) state!: string;
  @ApiProperty({ description: 'Points the inviter got for this friend' }) rewardPoints!: number;
}

export class InvitationListResponse {
  @ApiProperty({ type: [InvitationResponse] }) items!: InvitationResponse[];
}

export class LeaderboardEntry {
  @ApiProperty() nickname!: string;
  @ApiProperty() avatarUrl!: string;
  @ApiProperty() streak!: number;
  @ApiProperty() checkinsThisMonth!: number;
  @ApiProperty() isMe!: boolean;
}

export class LeaderboardResponse {
  @ApiProperty({ type: [LeaderboardEntry] }) items!: LeaderboardEntry[];
}

export class WelcomePackDto {
  @ApiProperty() @IsInt() @Min(0) @Max(100000) points!: number;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(5) @IsUUID('all', { each: true }) couponTemplateIds!: string[];
}

export class PosterDesignDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'An uploaded image (/media/…), or null for the house gradient' })
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\/media\/[0-9a-f]{64}\.(png|jpg|webp)$/, { message: '背景图须是上传的图片' })
  backgroundUrl!: string | null;

  @ApiProperty({ minLength: 1, maxLength: 30 }) @IsString() @MinLength(1) @MaxLength(30) slogan!: string;
}

export class ReferralSettingsDto {
  @ApiProperty({ type: WelcomePackDto }) @ValidateNested() @Type(() => WelcomePackDto) welcomePack!: WelcomePackDto;
  @ApiProperty() @IsInt() @Min(0) @Max(100000) inviterRewardPoints!: number;
  @ApiProperty({ enum: ['first_checkin', 'first_paid_order'] }) @IsIn(['first_checkin', 'first_paid_order']) qualifyingAction!: 'first_checkin' | 'first_paid_order';
  @ApiProperty() @IsInt() @Min(0) @Max(10000) dailyCapPerInviter!: number;
  @ApiProperty({ type: PosterDesignDto }) @ValidateNested() @Type(() => PosterDesignDto) poster!: PosterDesignDto;
}

export class ReferralRulesResponse {
  @ApiProperty({ description: 'Points the friend gets at once' }) welcomePoints!: number;
  @ApiProperty({ type: [String], description: "Names of the friend's welcome coupons" }) welcomeCoupons!: string[];
  @ApiProperty() inviterRewardPoints!: number;
  @ApiProperty({ enum: ['first_checkin', 'first_paid_order'] }) qualifyingAction!: string;
  @ApiProperty() dailyCapPerInviter!: number;
  @ApiProperty() slogan!: string;
}

export class ShareEventDto {
  @ApiProperty({ enum: ['chat', 'timeline', 'poster'] }) @IsIn(['chat', 'timeline', 'poster']) channel!: 'chat' | 'timeline' | 'poster';
}

export class OpenEventDto {
  @ApiProperty({ description: "The inviter's code from the share path or scene" })
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'inviteCode must be 1-32 letters or digits' })
  inviteCode!: string;

  @ApiPropertyOptional({ description: 'The page that was opened' })
  @IsOptional()
  @Matches(/^[a-z0-9/_-]{1,64}$/, { message: 'page must be a mini-program page path' })
  page?: string;
}

export class FunnelDay {
  @ApiProperty({ example: '2026-03-01' }) day!: string;
  @ApiProperty() shares!: number;
  @ApiProperty() opens!: number;
  @ApiProperty() registrations!: number;
  @ApiProperty() qualified!: number;
}

export class FunnelResponse {
  @ApiProperty({ type: [FunnelDay] }) days!: FunnelDay[];
  @ApiProperty({ type: FunnelDay, description: 'Sums over the days (day is the first one)' }) totals!: FunnelDay;
}

export class PosterPreviewDto extends PosterDesignDto {}

export class AdminReferralRow {
  @ApiProperty() inviterId!: string;
  @ApiProperty() inviterNickname!: string;
  @ApiProperty() inviteeId!: string;
  @ApiProperty() inviteeNickname!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) qualifiedAt!: string | null;
  @ApiProperty() state!: string;
  @ApiProperty() welcomePoints!: number;
  @ApiProperty() rewardPoints!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) blockReason!: string | null;
  @ApiProperty({ format: 'date-time' }) boundAt!: string;
}

export class AdminReferralPageResponse {
  @ApiProperty({ type: [AdminReferralRow] }) items!: AdminReferralRow[];
  @ApiProperty() total!: number;
}

export class SuspiciousInviter {
  @ApiProperty() inviterId!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty() invitations!: number;
  @ApiProperty() capped!: number;
  @ApiProperty() blocked!: number;
}

export class SuspiciousInviterResponse {
  @ApiProperty({ type: [SuspiciousInviter] }) items!: SuspiciousInviter[];
}
