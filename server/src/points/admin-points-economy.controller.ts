import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators';
import { PointsEconomyResponse } from './points.dto';
import { toPointsEconomyResponse } from './points.mapper';
import { PointsEconomyService } from './points-economy.service';

@ApiTags('admin')
@Controller('api/admin/points-economy')
export class AdminPointsEconomyController {
  constructor(private readonly economy: PointsEconomyService) {}

  /** Read-only figures: every admin role, analysts included. */
  @AdminAuth()
  @Get()
  @ApiOkResponse({ type: PointsEconomyResponse })
  async get(): Promise<PointsEconomyResponse> {
    return toPointsEconomyResponse(await this.economy.economy());
  }
}
