import { Body, Controller, Get, HttpStatus, Param, ParseEnumPipe, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { TIER_CODES, TierCode } from '@mall/shared';
import { AdminAuth, AdminPrincipal, CurrentAdmin, CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { AppHttpError, unwrap } from '../common/errors';
import { readUploadedFile } from '../media/upload';
import { MyTierResponse, TierSettingsResponse, UpdateTierSettingsDto } from './tiers.dto';
import { TiersAdminService } from './tiers-admin.service';

@ApiTags('tiers')
@Controller('api')
export class TiersController {
  constructor(private readonly tiers: TiersAdminService) {}

  @MemberAuth()
  @Get('tiers/me')
  @ApiOkResponse({ type: MyTierResponse })
  async me(@CurrentMember() me: MemberPrincipal): Promise<MyTierResponse> {
    const overview = await this.tiers.overviewFor(me.memberId);
    if (!overview) throw new AppHttpError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', '会员不存在，请重新登录');
    return overview;
  }

  @AdminAuth()
  @Get('admin/tiers')
  @ApiOkResponse({ type: TierSettingsResponse })
  settings(): Promise<TierSettingsResponse> {
    return this.tiers.settings();
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/tiers')
  @ApiOkResponse({ type: TierSettingsResponse })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: UpdateTierSettingsDto): Promise<TierSettingsResponse> {
    return unwrap(await this.tiers.updateSettings(admin, dto));
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/tiers/:tier/icon')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: TierSettingsResponse })
  async uploadIcon(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('tier', new ParseEnumPipe(TIER_CODES)) tier: TierCode,
    @Req() req: FastifyRequest,
  ): Promise<TierSettingsResponse> {
    return unwrap(await this.tiers.uploadIcon(admin, tier, await readUploadedFile(req)));
  }
}
