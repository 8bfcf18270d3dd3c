import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin, CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { CouponTemplateDto, CouponTemplateListResponse, CouponTemplateResponse, IssueCouponDto, WalletCouponResponse, WalletResponse } from './coupons.dto';
import { toCouponTemplateResponse, toWalletCouponResponse } from './coupons.mapper';
import { CouponsService } from './coupons.service';
import { CouponTemplatesService } from './coupon-templates.service';

@ApiTags('coupons')
@Controller('api')
export class CouponsController {
  constructor(
    private readonly coupons: CouponsService,
    private readonly templates: CouponTemplatesService,
  ) {}

  @MemberAuth()
  @Get('coupons')
  @ApiOkResponse({ type: WalletResponse })
  async wallet(@CurrentMember() me: MemberPrincipal): Promise<WalletResponse> {
    const rows = await this.coupons.wallet(me.memberId);
    return { items: rows.map((r) => toWalletCouponResponse(r.coupon, r.template, r.state)) };
  }

  @AdminAuth()
  @Get('admin/coupon-templates')
  @ApiOkResponse({ type: CouponTemplateListResponse })
  async list(): Promise<CouponTemplateListResponse> {
    return { items: (await this.templates.list()).map(toCouponTemplateResponse) };
  }

  @AdminAuth('owner', 'operator')
  @Post('admin/coupon-templates')
  @ApiCreatedResponse({ type: CouponTemplateResponse })
  async create(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: CouponTemplateDto): Promise<CouponTemplateResponse> {
    return toCouponTemplateResponse(unwrap(await this.templates.create(admin, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/coupon-templates/:id')
  @ApiOkResponse({ type: CouponTemplateResponse })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CouponTemplateDto): Promise<CouponTemplateResponse> {
    return toCouponTemplateResponse(unwrap(await this.templates.update(admin, id, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Post('admin/coupon-templates/:id/issue')
  @ApiCreatedResponse({ type: WalletCouponResponse })
  async issue(@CurrentAdmin() admin: AdminPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: IssueCouponDto): Promise<{ id: string }> {
    const coupon = unwrap(await this.templates.issueManually(admin, id, dto.memberId, dto.note));
    return { id: coupon.id };
  }
}
