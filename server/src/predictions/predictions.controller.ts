import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MemberAuth } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { MallItemsService } from '../mall/mall-items.service';
import { BoughtTogetherQuery, BoughtTogetherResponse } from './predictions.dto';
import { PredictionsService } from './predictions.service';

@ApiTags('mall')
@Controller('api')
export class PredictionsController {
  constructor(
    private readonly predictions: PredictionsService,
    private readonly items: MallItemsService,
  ) {}

  /** "常一起购买" on the item page: partner items by lift, from yesterday's predictions. */
  @MemberAuth()
  @Get('mall/items/:id/bought-together')
  @ApiOkResponse({ type: BoughtTogetherResponse })
  async boughtTogether(@Param('id', ParseUUIDPipe) id: string, @Query() query: BoughtTogetherQuery): Promise<BoughtTogetherResponse> {
    unwrap(await this.items.listedOne(id));
    return { items: await this.predictions.boughtTogether(id, query.limit ?? 6) };
  }
}
