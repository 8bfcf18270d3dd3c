import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import {
  AudienceDto, AudienceListResponse, AudienceMemberPageResponse, AudienceMembersQuery, AudiencePreviewResponse, AudienceResponse, AudienceRulesDto,
} from './audiences.dto';
import { toAudienceMemberRow, toAudienceResponse } from './audiences.mapper';
import { AudiencesService } from './audiences.service';

@ApiTags('admin')
@Controller('api/admin/audiences')
export class AudiencesController {
  constructor(private readonly audiences: AudiencesService) {}

  @AdminAuth()
  @Get()
  @ApiOkResponse({ type: AudienceListResponse })
  async list(): Promise<AudienceListResponse> {
    return { items: (await this.audiences.list()).map((a) => ({ ...toAudienceResponse(a), memberCount: a.memberCount })) };
  }

  /** Live size of rules being edited. */
  @AdminAuth()
  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: AudiencePreviewResponse })
  async preview(@Body() dto: AudienceRulesDto): Promise<AudiencePreviewResponse> {
    return unwrap(await this.audiences.preview(dto.rules));
  }

  @AdminAuth('owner', 'operator')
  @Post()
  @ApiOkResponse({ type: AudienceResponse })
  async create(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: AudienceDto): Promise<AudienceResponse> {
    return toAudienceResponse(unwrap(await this.audiences.create(admin, dto)));
  }

  @AdminAuth()
  @Get(':id')
  @ApiOkResponse({ type: AudienceResponse })
  async one(@Param('id', ParseUUIDPipe) id: string): Promise<AudienceResponse> {
    return toAudienceResponse(unwrap(await this.audiences.get(id)));
  }

  @AdminAuth('owner', 'operator')
  @Put(':id')
  @ApiOkResponse({ type: AudienceResponse })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AudienceDto): Promise<AudienceResponse> {
    return toAudienceResponse(unwrap(await this.audiences.update(admin, id, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    unwrap(await this.audiences.remove(admin, id));
  }

  @AdminAuth()
  @Get(':id/members')
  @ApiOkResponse({ type: AudienceMemberPageResponse })
  async members(@Param('id', ParseUUIDPipe) id: string, @Query() query: AudienceMembersQuery): Promise<AudienceMemberPageResponse> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = unwrap(await this.audiences.members(id, page, pageSize));
    return { items: rows.map(toAudienceMemberRow), total, page, pageSize };
  }
}
