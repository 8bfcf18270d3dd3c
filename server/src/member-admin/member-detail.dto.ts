import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_PLATFORMS, TIER_CODES, TierCode } from '@mall/shared';
import { AdminPointsEntryResponse } from '../points/points.dto';
import { WalletCouponResponse } from '../coupons/coupons.dto';
import { OrderResponse } from '../mall/mall.dto';
import { CalendarResponse } from '../checkin/checkin.dto';

export class MemberDetailProfile {
  @ApiProperty() id!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty() avatarUrl!: string;
  @ApiProperty({ enum: TIER_CODES }) tier!: TierCode;
  @ApiProperty() points!: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: '138****5678' }) phoneMasked!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'MM-DD' }) birthday!: string | null;
  @ApiProperty() inviteCode!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) inviterId!: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) lastActiveAt!: string | null;
}

export class TierChangeResponse {
  @ApiProperty({ enum: TIER_CODES }) fromTier!: TierCode;
  @ApiProperty({ enum: TIER_CODES }) toTier!: TierCode;
  @ApiProperty({ enum: ['upgrade', 'review_downgrade', 'admin'] }) reason!: string;
  @ApiProperty({ description: 'Growth over the 12 months before the change' }) growth12m!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MemberInvitationResponse {
  @ApiProperty() friendId!: string;
  @ApiProperty() friendNickname!: string;
  @ApiProperty({ format: 'date-time' }) boundAt!: string;
  @ApiProperty({ enum: ['bound', 'qualified', 'capped', 'blocked'] }) state!: string;
  @ApiProperty() rewardPoints!: number;
}

export class MemberDeviceResponse {
  @ApiPropertyOptional({ type: String, nullable: true, enum: MEMBER_PLATFORMS }) platform!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Hash of the device system info' }) deviceFingerprint!: string | null;
  @ApiProperty({ format: 'date-time' }) lastLoginAt!: string;
}

export class AdminMemberDetailResponse {
  @ApiProperty({ type: MemberDetailProfile }) profile!: MemberDetailProfile;
  @ApiProperty({ type: [TierChangeResponse] }) tierHistory!: TierChangeResponse[];
  @ApiProperty({ type: [AdminPointsEntryResponse], description: 'The latest 20 entries' }) pointsLedger!: AdminPointsEntryResponse[];
  @ApiProperty() pointsLedgerTotal!: number;
  @ApiProperty({ type: [WalletCouponResponse] }) coupons!: WalletCouponResponse[];
  @ApiProperty({ type: [OrderResponse], description: 'The latest 20 orders' }) orders!: OrderResponse[];
  @ApiProperty() ordersTotal!: number;
  @ApiProperty({ type: CalendarResponse, description: "This month's check-in calendar" }) checkinCalendar!: CalendarResponse;
  @ApiProperty({ type: [MemberInvitationResponse] }) invitations!: MemberInvitationResponse[];
  @ApiProperty({ type: [MemberDeviceResponse], description: 'The device of the latest login' }) devices!: MemberDeviceResponse[];
}
