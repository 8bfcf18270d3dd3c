import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators';
import { DashboardResponse } from './member.dto';
import { MembersService } from './members.service';

@ApiTags('admin')
@Controller('api/admin')
export class AdminMembersController {
  constructor(private readonly members: MembersService) {}

  @AdminAuth()
  @Get('dashboard')
  @ApiOkResponse({ type: DashboardResponse })
  dashboard(): Promise<DashboardResponse> {
    return this.members.dashboard();
  }
}
