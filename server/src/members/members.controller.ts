import { Body, Controller, Get, HttpStatus, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { AppHttpError, unwrap } from '../common/errors';
import { MemberProfileResponse, UpdateProfileDto } from './member.dto';
import { toMemberProfileResponse } from './member.mapper';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('api/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @MemberAuth()
  @Get('me')
  @ApiOkResponse({ type: MemberProfileResponse })
  async me(@CurrentMember() principal: MemberPrincipal): Promise<MemberProfileResponse> {
    const member = await this.members.findById(principal.memberId);
    if (!member) throw new AppHttpError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', '会员不存在，请重新登录');
    return toMemberProfileResponse(member);
  }

  @MemberAuth()
  @Patch('me')
  @ApiOkResponse({ type: MemberProfileResponse })
  async update(@CurrentMember() principal: MemberPrincipal, @Body() dto: UpdateProfileDto): Promise<MemberProfileResponse> {
    return toMemberProfileResponse(unwrap(await this.members.updateProfile(principal.memberId, dto)));
  }
}
