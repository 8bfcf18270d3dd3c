import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { AdminMemberListQuery, AdminMemberListResponse } from './member-filters.dto';
import { toAdminMemberListRow } from './member-admin.mapper';
import { MemberSearchService } from './member-search.service';
import { MemberDetailService } from './member-detail.service';
import { AdminMemberDetailResponse } from './member-detail.dto';
import { CalendarQuery } from '../checkin/checkin.dto';

@ApiTags('admin')
@Controller('api/admin')
export class MemberAdminController {
  constructor(
    private readonly search: MemberSearchService,
    private readonly details: MemberDetailService,
  ) {}

  @AdminAuth()
  @Get('members')
  @ApiOkResponse({ type: AdminMemberListResponse })
  async list(@Query() query: AdminMemberListQuery): Promise<AdminMemberListResponse> {
    const { page, pageSize, sort, order, ...filters } = query;
    const resolved = unwrap(await this.search.resolve(filters));
    const result = await this.search.page(resolved, { page, pageSize, sort, order });
    return { ...result, items: result.items.map(toAdminMemberListRow) };
  }

  @AdminAuth()
  @Get('members/:memberId')
  @ApiOkResponse({ type: AdminMemberDetailResponse })
  async detail(@Param('memberId', ParseUUIDPipe) memberId: string, @Query() query: CalendarQuery): Promise<AdminMemberDetailResponse> {
    return unwrap(await this.details.detail(memberId, query.month));
  }
}
