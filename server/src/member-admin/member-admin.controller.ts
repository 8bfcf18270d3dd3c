import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { AdminMemberListQuery, AdminMemberListResponse } from './member-filters.dto';
import { toAdminMemberListRow } from './member-admin.mapper';
import { MemberSearchService } from './member-search.service';

@ApiTags('admin')
@Controller('api/admin')
export class MemberAdminController {
  constructor(private readonly search: MemberSearchService) {}

  @AdminAuth()
  @Get('members')
  @ApiOkResponse({ type: AdminMemberListResponse })
  async list(@Query() query: AdminMemberListQuery): Promise<AdminMemberListResponse> {
    const { page, pageSize, sort, order, ...filters } = query;
    const resolved = unwrap(await this.search.resolve(filters));
    const result = await this.search.page(resolved, { page, pageSize, sort, order });
    return { ...result, items: result.items.map(toAdminMemberListRow) };
  }
}
