import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AdminAuth, AdminPrincipal, CurrentAdmin, CurrentMember, MemberAuth, MemberPrincipal, Public } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { PageQuery } from '../common/pagination.dto';
import {
  AdminReferralPageResponse,
  FunnelResponse,
  InvitationListResponse,
  LeaderboardResponse,
  OpenEventDto,
  PosterPreviewDto,
  ReferralRulesResponse,
  ReferralSettingsDto,
  ShareEventDto,
  SuspiciousInviterResponse,
} from './referrals.dto';
import { ReferralPosterService } from './referral-poster.service';

function sendPng(reply: FastifyReply, png: Buffer, cache: string): void {
  void reply.header('content-type', 'image/png').header('cache-control', cache).send(png);
}
import { ReferralsService } from './referrals.service';
import { ReferralsAdminService } from './referrals-admin.service';

@ApiTags('referrals')
@Controller('api')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly admin: ReferralsAdminService,
    private readonly posters: ReferralPosterService,
  ) {}

  @MemberAuth()
  @Get('referrals/rules')
  @ApiOkResponse({ type: ReferralRulesResponse })
  rules(): Promise<ReferralRulesResponse> {
    return this.referrals.rules();
  }

  /** The member's invite poster (750×1334 PNG) with a mini-program code carrying their invite code. */
  @MemberAuth()
  @Get('referrals/poster')
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG, 750×1334' })
  async poster(@CurrentMember() me: MemberPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const png = unwrap(await this.posters.posterFor(me.memberId, await this.referrals.settings()));
    sendPng(reply, png, 'private, no-cache');
  }

  /** Public: WeChat fetches a shared message's image without our token. */
  @Public()
  @Get('referrals/share-card')
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG, 500×400' })
  async shareCard(@Res() reply: FastifyReply): Promise<void> {
    sendPng(reply, this.posters.shareCard(await this.referrals.settings()), 'public, max-age=300');
  }

  @MemberAuth()
  @Post('referrals/shares')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async share(@CurrentMember() me: MemberPrincipal, @Body() dto: ShareEventDto): Promise<void> {
    await this.referrals.recordShare(me.memberId, dto.channel);
  }

  /** Public: a shared invite is opened before the app has logged anyone in. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: { limit: 60, ttl: 60_000 } })
  @Post('referrals/opens')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async open(@Body() dto: OpenEventDto): Promise<void> {
    await this.referrals.recordOpen(dto.inviteCode, dto.page ?? '');
  }

  @MemberAuth()
  @Get('referrals')
  @ApiOkResponse({ type: InvitationListResponse })
  async mine(@CurrentMember() me: MemberPrincipal): Promise<InvitationListResponse> {
    const rows = await this.referrals.invitationsOf(me.memberId);
    return {
      items: rows.map(({ referral, friend }) => ({
        friendNickname: friend?.nickname ?? '',
        friendAvatarUrl: friend?.avatarUrl ?? '',
        boundAt: referral.boundAt.toISOString(),
        state: referral.state,
        rewardPoints: referral.rewardPoints,
      })),
    };
  }

  @MemberAuth()
  @Get('referrals/leaderboard')
  @ApiOkResponse({ type: LeaderboardResponse })
  async leaderboard(@CurrentMember() me: MemberPrincipal): Promise<LeaderboardResponse> {
    const rows = await this.referrals.leaderboard(me.memberId);
    return {
      items: rows.map((r) => ({ nickname: r.member.nickname, avatarUrl: r.member.avatarUrl, streak: r.streak, checkinsThisMonth: r.checkinsThisMonth, isMe: r.member.id === me.memberId })),
    };
  }

  @AdminAuth()
  @Get('admin/referrals/settings')
  @ApiOkResponse({ type: ReferralSettingsDto })
  settings(): Promise<ReferralSettingsDto> {
    return this.referrals.settings();
  }

  @AdminAuth('owner', 'operator')
  @Put('admin/referrals/settings')
  @ApiOkResponse({ type: ReferralSettingsDto })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Body() dto: ReferralSettingsDto): Promise<ReferralSettingsDto> {
    return unwrap(await this.admin.update(admin, dto));
  }

  @AdminAuth()
  @Get('admin/referrals')
  @ApiOkResponse({ type: AdminReferralPageResponse })
  async list(@Query() query: PageQuery): Promise<AdminReferralPageResponse> {
    const { items, total } = await this.admin.page(query.page ?? 1, query.pageSize ?? 20);
    return {
      items: items.map((r) => ({ inviterId: r.inviterId, inviterNickname: r.inviterNickname, inviteeId: r.inviteeId, inviteeNickname: r.inviteeNickname, qualifiedAt: r.qualifiedAt?.toISOString() ?? null, state: r.state, welcomePoints: r.welcomePoints, rewardPoints: r.rewardPoints, blockReason: r.blockReason, boundAt: r.boundAt.toISOString() })),
      total,
    };
  }

  @AdminAuth()
  @Get('admin/referrals/funnel')
  @ApiOkResponse({ type: FunnelResponse })
  funnel(): Promise<FunnelResponse> {
    return this.admin.funnel(30);
  }

  /** Draws the design being edited (not yet saved) with a sample member. */
  @AdminAuth('owner', 'operator')
  @Post('admin/referrals/poster-preview')
  @HttpCode(HttpStatus.OK)
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG, 750×1334' })
  async preview(@Body() dto: PosterPreviewDto, @Res() reply: FastifyReply): Promise<void> {
    const png = unwrap(await this.posters.preview(dto, await this.referrals.settings()));
    sendPng(reply, png, 'no-store');
  }

  @AdminAuth()
  @Get('admin/referrals/suspicious')
  @ApiOkResponse({ type: SuspiciousInviterResponse })
  async suspicious(): Promise<SuspiciousInviterResponse> {
    return { items: await this.admin.suspicious() };
  }
}
