import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from './auth.decorators';
import { unwrap } from '../common/errors';
import { LoginResponse, RefreshTokenDto, TokenPairResponse, WxLoginDto } from './auth.dto';
import { MemberAuthService } from './member-auth.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: MemberAuthService) {}

  // Not throttled per IP: a WeChat login code is single-use proof issued by WeChat, and many real
  // members share carrier NAT addresses.
  @Public()
  @Post('wx-login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LoginResponse })
  async wxLogin(@Body() dto: WxLoginDto): Promise<LoginResponse> {
    return unwrap(await this.auth.wxLogin(dto.code, dto.inviteCode, dto.deviceFingerprint, dto.platform));
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokenPairResponse })
  async refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairResponse> {
    return unwrap(await this.auth.refresh(dto.refreshToken));
  }
}
