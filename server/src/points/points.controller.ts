import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { PageQuery, PointsLedgerResponse } from './points.dto';
import { toPointsEntryResponse } from './points.mapper';
import { PointsService } from './points.service';

@ApiTags('points')
@Controller('api/points')
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @MemberAuth()
  @Get('ledger')
  @ApiOkResponse({ type: PointsLedgerResponse })
  async ledger(@CurrentMember() me: MemberPrincipal, @Query() query: PageQuery): Promise<PointsLedgerResponse> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.points.ledgerPage(me.memberId, page, pageSize);
    return { items: items.map(toPointsEntryResponse), total, page, pageSize };
  }
}
