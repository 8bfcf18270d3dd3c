import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AdminAuth, AdminPrincipal, CurrentAdmin, Public } from '../auth/auth.decorators';
import { AppHttpError, unwrap } from '../common/errors';
import { AdminLoginDto, AdminLoginResponse, AdminResponse } from './admin-auth.dto';
import { AdminUsersService, toAdminResponse } from './admin-users.service';

@ApiTags('admin')
@Controller('api/admin')
export class AdminAuthController {
  constructor(private readonly admins: AdminUsersService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AdminLoginResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many login attempts from this address' })
  async login(@Body() dto: AdminLoginDto): Promise<AdminLoginResponse> {
    return unwrap(await this.admins.login(dto.username, dto.password));
  }

  @AdminAuth()
  @Get('me')
  @ApiOkResponse({ type: AdminResponse })
  async me(@CurrentAdmin() principal: AdminPrincipal): Promise<AdminResponse> {
    const admin = await this.admins.findActive(principal.adminId);
    if (!admin) throw new AppHttpError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', '账号不存在或已停用');
    return toAdminResponse(admin);
  }
}
