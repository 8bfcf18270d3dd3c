import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../auth/auth.decorators';
import { PointsSettingsDto } from './points.dto';
import { PointsService } from './points.service';

@ApiTags('admin')
@Controller('api/admin/points/settings')
export class AdminPointsSettingsController {
  constructor(private readonly points: PointsService) {}

  @AdminAuth()
  @Get()
  @ApiOkResponse({ type: PointsSettingsDto })
  get(): Promise<PointsSettingsDto> {
    return this.points.pointsSettings();
  }

  /** Applies to points earned from now on; points already earned keep the expiry they were given. */
  @AdminAuth('owner', 'operator')
  @Put()
  @ApiOkResponse({ type: PointsSettingsDto })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: PointsSettingsDto): Promise<PointsSettingsDto> {
    return this.points.updateSettings(admin, { ...dto });
  }
}
