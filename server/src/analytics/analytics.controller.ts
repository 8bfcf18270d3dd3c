import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminAuth, CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import {
  DateRangeQuery, DeviceQuery, DevicesResponse, IngestEventsDto, IngestEventsResponse, RetentionResponse, SegmentsResponse, VisitsResponse,
} from './analytics.dto';
import { AnalyticsIngestService } from './analytics-ingest.service';
import { AnalyticsFiguresService } from './analytics-figures.service';
import { AnalyticsRetentionService } from './analytics-retention.service';

const ROLLUP_NOTE = 'Read from the daily roll-up (store days up to yesterday by default), never from raw events.';

@ApiTags('analytics')
@Controller('api')
export class AnalyticsController {
  constructor(
    private readonly ingestService: AnalyticsIngestService,
    private readonly figures: AnalyticsFiguresService,
    private readonly retentionService: AnalyticsRetentionService,
  ) {}

  @MemberAuth()
  @Post('analytics/events')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Report a batch of analytics events',
    description: 'At most 100 events and 64 KB a batch (else 413). Every event is validated; the first bad one refuses the batch with 400 `INVALID_EVENT` and `details.index` / `details.reason`. The member is the token\'s; an event id already stored for the member is skipped.',
  })
  @ApiBody({ type: IngestEventsDto })
  @ApiAcceptedResponse({ type: IngestEventsResponse })
  @ApiPayloadTooLargeResponse({ description: 'More than 100 events or 64 KB' })
  async ingest(@CurrentMember() me: MemberPrincipal, @Body() body: unknown, @Req() req: RawBodyRequest<FastifyRequest>): Promise<IngestEventsResponse> {
    return unwrap(await this.ingestService.ingest(me.memberId, body, req.rawBody?.length ?? 0));
  }

  @AdminAuth()
  @Get('admin/analytics/devices')
  @ApiOperation({
    summary: 'Device figures',
    description: `Distinct members active in the store-day range (and tier, their tier on the day), by platform, top 10 brands, models, OS versions (system), WeChat versions, and by network type. A member's device on a day is the last one reported that day; a member seen with two values in the range counts under both. ${ROLLUP_NOTE}`,
  })
  @ApiOkResponse({ type: DevicesResponse })
  async devices(@Query() query: DeviceQuery): Promise<DevicesResponse> {
    return unwrap(await this.figures.devices(query));
  }

  @AdminAuth()
  @Get('admin/analytics/visits')
  @ApiOperation({
    summary: 'Visit figures',
    description: `byHour: per store hour, distinct members active in that hour, averaged over the range's days. byWeekday: mean DAU per weekday (Sunday first). trend: DAU / WAU / MAU = distinct members active on the day / the 7 / the 30 store days ending on it. scenes: launches by WeChat scene value (top 20). pages: views, mean dwell (of views reporting one), entries and exits (a session starts at launch, or app_show after app_hide; its first and last page views). ${ROLLUP_NOTE}`,
  })
  @ApiOkResponse({ type: VisitsResponse })
  async visits(@Query() query: DateRangeQuery): Promise<VisitsResponse> {
    return unwrap(await this.figures.visits(query));
  }

  @AdminAuth()
  @Get('admin/analytics/retention')
  @ApiOperation({
    summary: 'Retention figures',
    description: 'checkinRate = members with a check-in in the last 30 store days ÷ members active then (last_active_at within 30 days, or a check-in in those days). pointsUsage = spent ÷ issued (issued: check-in, streak, referral, welcome, birthday, member-day, campaign and positive admin credits; spent: order, redeem and make-up spends less refunds and released holds). Over paid, not refunded orders: repurchaseRate = members with 2+ ÷ members with 1+; aovFen = cash ÷ orders; purchaseFrequency = orders in the last 365 days ÷ members who paid in them; lifespanYears = mean of first paid order → later of last paid order and last activity; clvFen = AOV × frequency × lifespan. cohorts: members by join month (last 6, store time), share active (any analytics activity) in each month since.',
  })
  @ApiOkResponse({ type: RetentionResponse })
  retention(): Promise<RetentionResponse> {
    return this.retentionService.retention();
  }

  @AdminAuth()
  @Get('admin/analytics/segments')
  @ApiOperation({
    summary: 'Member segments with counts and export links',
    description: 'active: last_active_at within 30 days. dormant_30/60/90: last_active_at null or older. high_value: spend (paid, not refunded cash) > 0 and ≥ the nearest-rank 90th percentile among spenders. at_risk: ≥ 4 check-ins in store days today−119 … today−30 and fewer than a sixth of that in today−29 … today. Definitions: shared/src/analytics/segments.ts.',
  })
  @ApiOkResponse({ type: SegmentsResponse })
  segments(): Promise<SegmentsResponse> {
    return this.retentionService.segments();
  }
}
