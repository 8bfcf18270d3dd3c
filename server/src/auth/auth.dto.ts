import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MEMBER_PLATFORMS, MemberPlatform } from '@mall/shared';
import { MemberSummary } from '../members/member.dto';

export class WxLoginDto {
  @ApiProperty({ description: 'The code from wx.login()', maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  code!: string;

  @ApiPropertyOptional({ description: "The inviter's code, from a share path or a scanned code's scene" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'inviteCode must be 1-32 letters or digits' })
  inviteCode?: string;

  @ApiPropertyOptional({ description: "A hash of the device's system info (brand, model, OS, screen), for referral abuse checks" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'deviceFingerprint must be 8-64 letters, digits, - or _' })
  deviceFingerprint?: string;

  @ApiPropertyOptional({ enum: MEMBER_PLATFORMS, description: "The device's platform (wx system info), shown to the merchant" })
  @IsOptional()
  @IsIn(MEMBER_PLATFORMS)
  platform?: MemberPlatform;
}

export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(128)
  refreshToken!: string;
}

export class TokenPairResponse {
  @ApiProperty({ description: 'Bearer access token (JWT)' }) token!: string;
  @ApiProperty({ description: 'Single-use token for POST /api/auth/refresh' }) refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}

export class LoginResponse extends TokenPairResponse {
  @ApiProperty({ type: MemberSummary }) member!: MemberSummary;
}
