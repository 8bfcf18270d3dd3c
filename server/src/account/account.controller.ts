import { Body, Controller, Get, HttpStatus, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberAuth, MemberPrincipal } from '../auth/auth.decorators';
import { AppHttpError, unwrap } from '../common/errors';
import { MyAccountResponse, UpdateProfileDto } from '../members/member.dto';
import { AccountService } from './account.service';

@ApiTags('members')
@Controller('api/members')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @MemberAuth()
  @Get('me')
  @ApiOkResponse({ type: MyAccountResponse })
  async me(@CurrentMember() principal: MemberPrincipal): Promise<MyAccountResponse> {
    const account = await this.account.myAccount(principal.memberId);
    if (!account) throw new AppHttpError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', '会员不存在，请重新登录');
    return account;
  }

  @MemberAuth()
  @Patch('me')
  @ApiOkResponse({ type: MyAccountResponse })
  async update(@CurrentMember() principal: MemberPrincipal, @Body() dto: UpdateProfileDto): Promise<MyAccountResponse> {
    unwrap(await this.account.updateProfile(principal.memberId, dto));
    return (await this.account.myAccount(principal.memberId))!;
  }
}
