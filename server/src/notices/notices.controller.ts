import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { AppHttpError } from '../common/errors';
import { PageQuery } from '../points/points.dto';
import { SUBSCRIPTION_TOPICS } from './notice.entities';
import { NoticePageResponse, SubscribeDto, SubscriptionCreditsResponse } from './notices.dto';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@Controller('api')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @MemberAuth()
  @Get('notices')
  @ApiOkResponse({ type: NoticePageResponse })
  async list(@CurrentMember() me: MemberPrincipal, @Query() query: PageQuery): Promise<NoticePageResponse> {
    const { items, total, unread } = await this.notices.list(me.memberId, query.page ?? 1, query.pageSize ?? 20);
    return {
      items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, page: n.page, createdAt: n.createdAt.toISOString(), read: !!n.readAt })),
      total,
      unread,
    };
  }

  @MemberAuth()
  @Post('notices/:id/read')
  @HttpCode(204)
  async read(@CurrentMember() me: MemberPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    // Another member's notice is as unknown as a missing one.
    if (!(await this.notices.markRead(me.memberId, id))) throw new AppHttpError(HttpStatus.NOT_FOUND, 'NOTICE_NOT_FOUND', '消息不存在');
  }

  @MemberAuth()
  @Get('subscriptions')
  @ApiOkResponse({ type: SubscriptionCreditsResponse })
  async credits(@CurrentMember() me: MemberPrincipal): Promise<SubscriptionCreditsResponse> {
    return { credits: await this.notices.credits(me.memberId), templates: this.templates() };
  }

  /** Called after the member tapped "allow" in wx.requestSubscribeMessage: one credit per topic. */
  @MemberAuth()
  @Post('subscriptions')
  @HttpCode(200)
  @ApiOkResponse({ type: SubscriptionCreditsResponse })
  async subscribe(@CurrentMember() me: MemberPrincipal, @Body() dto: SubscribeDto): Promise<SubscriptionCreditsResponse> {
    return { credits: await this.notices.optIn(me.memberId, [...new Set(dto.topics)]), templates: this.templates() };
  }

  private templates(): Record<string, string> {
    return Object.fromEntries(SUBSCRIPTION_TOPICS.map((t) => [t, this.notices.templateFor(t)]));
  }
}
