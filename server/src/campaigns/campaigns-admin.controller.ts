import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { CampaignDto, CampaignListResponse, CampaignResponse, CampaignResultsResponse, CampaignSendPolicyDto } from './campaigns.dto';
import { toCampaignResponse } from './campaigns.mapper';
import { CampaignsAdminService } from './campaigns-admin.service';
import { CampaignResultsService } from './campaign-results.service';

/** Campaign definitions, lifecycle and results; analysts may read, owners and operators change. */
@ApiTags('admin')
@Controller('api/admin/campaigns')
export class CampaignsAdminController {
  constructor(
    private readonly campaigns: CampaignsAdminService,
    private readonly results: CampaignResultsService,
  ) {}

  @AdminAuth()
  @Get()
  @ApiOkResponse({ type: CampaignListResponse })
  async list(): Promise<CampaignListResponse> {
    return { items: (await this.campaigns.list()).map(({ campaign, sent, holdout }) => ({ ...toCampaignResponse(campaign), sent, holdout })) };
  }

  @AdminAuth('owner', 'operator')
  @Post()
  @ApiOkResponse({ type: CampaignResponse })
  async create(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: CampaignDto): Promise<CampaignResponse> {
    return toCampaignResponse(unwrap(await this.campaigns.create(admin, dto)));
  }

  @AdminAuth()
  @Get(':id')
  @ApiOkResponse({ type: CampaignResponse })
  async one(@Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return toCampaignResponse(unwrap(await this.campaigns.get(id)));
  }

  @AdminAuth('owner', 'operator')
  @Put(':id')
  @ApiOkResponse({ type: CampaignResponse })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CampaignDto): Promise<CampaignResponse> {
    return toCampaignResponse(unwrap(await this.campaigns.update(admin, id, dto)));
  }

  @AdminAuth('owner', 'operator')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    unwrap(await this.campaigns.remove(admin, id));
  }

  @AdminAuth('owner', 'operator')
  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignResponse })
  async activate(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return toCampaignResponse(unwrap(await this.campaigns.activate(admin, id)));
  }

  @AdminAuth('owner', 'operator')
  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignResponse })
  async pause(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return toCampaignResponse(unwrap(await this.campaigns.pause(admin, id)));
  }

  @AdminAuth('owner', 'operator')
  @Post(':id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: CampaignResponse })
  async end(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignResponse> {
    return toCampaignResponse(unwrap(await this.campaigns.end(admin, id)));
  }

  @AdminAuth()
  @Get(':id/results')
  @ApiOkResponse({ type: CampaignResultsResponse })
  async resultsOf(@Param('id', ParseUUIDPipe) id: string): Promise<CampaignResultsResponse> {
    return unwrap(await this.results.results(unwrap(await this.campaigns.get(id))));
  }
}

/** Frequency cap and quiet hours, shared by every campaign. */
@ApiTags('admin')
@Controller('api/admin/campaign-settings')
export class CampaignSettingsController {
  constructor(private readonly campaigns: CampaignsAdminService) {}

  @AdminAuth()
  @Get()
  @ApiOkResponse({ type: CampaignSendPolicyDto })
  get(): Promise<CampaignSendPolicyDto> {
    return this.campaigns.policySettings();
  }

  @AdminAuth('owner', 'operator')
  @Put()
  @ApiOkResponse({ type: CampaignSendPolicyDto })
  put(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: CampaignSendPolicyDto): Promise<CampaignSendPolicyDto> {
    return this.campaigns.updatePolicySettings(admin, dto);
  }
}
