import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { unwrap } from '../common/errors';
import { CampaignOfferListResponse, ClaimCampaignOfferResponse } from './campaign-offers.dto';
import { CampaignOffersService } from './campaign-offers.service';

/** A member's campaign offers: list, claim (once), and "opened" for attribution. */
@ApiTags('campaign-offers')
@Controller('api/campaign-offers')
export class CampaignOffersController {
  constructor(private readonly offers: CampaignOffersService) {}

  @MemberAuth()
  @Get()
  @ApiOkResponse({ type: CampaignOfferListResponse })
  async list(@CurrentMember() me: MemberPrincipal): Promise<CampaignOfferListResponse> {
    return { items: await this.offers.list(me.memberId) };
  }

  @MemberAuth()
  @Post(':sendId/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimCampaignOfferResponse })
  async claim(@CurrentMember() me: MemberPrincipal, @Param('sendId', new ParseUUIDPipe()) sendId: string): Promise<ClaimCampaignOfferResponse> {
    return unwrap(await this.offers.claim(me.memberId, sendId));
  }

  /** The mini-program was opened from the campaign's message or notice. */
  @MemberAuth()
  @Post(':sendId/open')
  @HttpCode(204)
  @ApiNoContentResponse()
  async open(@CurrentMember() me: MemberPrincipal, @Param('sendId', new ParseUUIDPipe()) sendId: string): Promise<void> {
    unwrap(await this.offers.open(me.memberId, sendId));
  }
}
