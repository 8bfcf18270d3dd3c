import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminAuth, AdminPrincipal, CurrentAdmin, CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { AppHttpError, unwrap } from '../common/errors';
import { MediaService } from '../media/media.service';
import { readUploadedFile } from '../media/upload';
import { BannerCouponClaimResponse, BannerDto, BannerListResponse, BannerResponse, MediaUploadResponse, MemberDayResponse, MemberDaySettingsDto } from './member-day.dto';
import { toBannerResponse } from './banner.mapper';
import { MemberDayOverviewService } from './member-day-overview.service';
import { MemberDayAdminService } from './member-day-admin.service';
import { MemberDayService } from './member-day.service';

@ApiTags('member-day')
@Controller('api')
export class MemberDayController {
  constructor(
    private readonly overview: MemberDayOverviewService,
    private readonly admin: MemberDayAdminService,
    private readonly memberDay: MemberDayService,
    private readonly media: MediaService,
  ) {}

  @MemberAuth()
  @Get('member-day')
  @ApiOkResponse({ type: MemberDayResponse })
  async get(@CurrentMember() me: MemberPrincipal): Promise<MemberDayResponse> {
    const result = await this.overview.overview(me.memberId);
    if (!result) throw new AppHttpError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', '会员不存在，请重新登录');
    return result;
  }

  @MemberAuth()
  @Post('member-day/coupon')
  @ApiCreatedResponse({ description: 'The member-day coupon was put in the wallet' })
  async claim(@CurrentMember() me: MemberPrincipal): Promise<{ couponId: string }> {
    return unwrap(await this.overview.claim(me.memberId));
  }

  @MemberAuth()
  @Post('member-day/banners/:id/coupon')
  @ApiCreatedResponse({ type: BannerCouponClaimResponse, description: 'The banner\'s coupon is in the wallet (claimed now or before)' })
  async claimBanner(@CurrentMember() me: MemberPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<BannerCouponClaimResponse> {
    return unwrap(await this.overview.claimBanner(me.memberId, id));
  }

  @AdminAuth()
  @Get('admin/member-day')
  @ApiOkResponse({ type: MemberDaySettingsDto })
  settings(): Promise<MemberDaySettingsDto> {
    return this.memberDay.settings() as Promise<MemberDaySettingsDto>;
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/member-day')
  @ApiOkResponse({ type: MemberDaySettingsDto })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: MemberDaySettingsDto): Promise<MemberDaySettingsDto> {
    return unwrap(await this.admin.update(admin, dto as never)) as MemberDaySettingsDto;
  }

  @AdminAuth()
  @Get('admin/member-day/banners')
  @ApiOkResponse({ type: BannerListResponse })
  async banners(): Promise<BannerListResponse> {
    return { items: (await this.admin.list()).map(toBannerResponse) };
  }

  @AdminAuth('owner', 'operator')
  @Post('admin/member-day/banners')
  @ApiCreatedResponse({ type: BannerResponse })
  async create(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: BannerDto): Promise<BannerResponse> {
    return toBannerResponse(unwrap(await this.admin.save(admin, null, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/member-day/banners/:id')
  @ApiOkResponse({ type: BannerResponse })
  async updateBanner(@CurrentAdmin() admin: AdminPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: BannerDto): Promise<BannerResponse> {
    return toBannerResponse(unwrap(await this.admin.save(admin, id, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Delete('admin/member-day/banners/:id')
  @HttpCode(204)
  async remove(@CurrentAdmin() admin: AdminPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    unwrap(await this.admin.remove(admin, id));
  }

  /** Image upload for banners (PNG/JPEG/WebP ≤ 512 KB, checked by content); returns its URL. */
  @AdminAuth('owner', 'operator')
  @Post('admin/media')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: MediaUploadResponse })
  async upload(@Req() req: FastifyRequest): Promise<MediaUploadResponse> {
    return unwrap(await this.media.saveImage(await readUploadedFile(req)));
  }
}
