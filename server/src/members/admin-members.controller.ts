import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators';
import { AdminMemberPageResponse, AdminMemberQuery, DashboardResponse } from './member.dto';
import { toAdminMemberRow } from './member.mapper';
import { MembersService } from './members.service';

@ApiTags('admin')
@Controller('api/admin')
export class AdminMembersController {
  constructor(private readonly members: MembersService) {}

  @AdminAuth()
  @Get('members')
  @ApiOkResponse({ type: AdminMemberPageResponse })
  async list(@Query() query: AdminMemberQuery): Promise<AdminMemberPageResponse> {
    const page = await this.members.listForAdmin(query);
    return { ...page, items: page.items.map(toAdminMemberRow) };
  }

  @AdminAuth()
  @Get('dashboard')
  @ApiOkResponse({ type: DashboardResponse })
  dashboard(): Promise<DashboardResponse> {
    return this.members.dashboard();
  }
}
