import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { AdminPointsEntryResponse, AdminPointsLedgerResponse, PageQuery, PointsAdjustmentDto } from './points.dto';
import { toAdminPointsEntryResponse } from './points.mapper';
import { AdminPointsService } from './admin-points.service';

@ApiTags('admin')
@Controller('api/admin/members/:memberId/points')
export class AdminPointsController {
  constructor(private readonly adminPoints: AdminPointsService) {}

  @AdminAuth()
  @Get('ledger')
  @ApiOkResponse({ type: AdminPointsLedgerResponse })
  async ledger(@Param('memberId', new ParseUUIDPipe()) memberId: string, @Query() query: PageQuery): Promise<AdminPointsLedgerResponse> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = unwrap(await this.adminPoints.ledger(memberId, page, pageSize));
    return { items: result.items.map(toAdminPointsEntryResponse), total: result.total, balance: result.balance, page, pageSize };
  }

  /** Owners and operators may adjust; analysts only read. */
  @AdminAuth('owner', 'operator')
  @Post('adjustments')
  @ApiCreatedResponse({ type: AdminPointsEntryResponse })
  async adjust(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('memberId', new ParseUUIDPipe()) memberId: string,
    @Body() dto: PointsAdjustmentDto,
  ): Promise<AdminPointsEntryResponse> {
    return toAdminPointsEntryResponse(unwrap(await this.adminPoints.adjust(admin, memberId, dto.delta, dto.note)));
  }
}
