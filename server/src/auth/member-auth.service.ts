import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { MemberPlatform } from '@mall/shared';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { MembersService } from '../members/members.service';
import { toMemberSummary } from '../members/member.mapper';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WechatApiError, WechatUnavailableError } from '../wechat/wechat.errors';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TokenService } from './token.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { Inject } from '@nestjs/common';
import type { LoginResponse, TokenPairResponse } from './auth.dto';

/** WeChat answers meaning "this login code is no good" (invalid, used, or expired). */
const BAD_CODE_ERRCODES = new Set([40029, 40163, 40226]);

@Injectable()
export class MemberAuthService {
  private readonly logger = new Logger(MemberAuthService.name);

  constructor(
    private readonly wechat: WechatApiClient,
    private readonly members: MembersService,
    private readonly tokens: TokenService,
    private readonly clock: ClockService,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
  ) {}

  async wxLogin(code: string, inviteCode?: string, deviceFingerprint?: string, platform?: MemberPlatform): Promise<Outcome<LoginResponse>> {
    let session: Awaited<ReturnType<WechatApiClient['code2Session']>>;
    try {
      session = await this.wechat.code2Session(code);
    } catch (error) {
      if (error instanceof WechatApiError && BAD_CODE_ERRCODES.has(error.errcode)) {
        return fail('INVALID_LOGIN_CODE', '登录凭证无效或已过期，请重新登录', HttpStatus.BAD_REQUEST, { errcode: error.errcode });
      }
      if (error instanceof WechatUnavailableError) {
        return fail('WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试', HttpStatus.SERVICE_UNAVAILABLE);
      }
      if (error instanceof WechatApiError) {
        this.logger.error(`jscode2session failed with errcode ${error.errcode}`);
        return fail('WECHAT_ERROR', '微信登录失败，请稍后再试', HttpStatus.BAD_GATEWAY);
      }
      throw error;
    }
    const { member } = await this.members.loginWithWechat(
      { openid: session.openid, unionid: session.unionid, sessionKey: session.sessionKey, deviceFingerprint, platform },
      inviteCode,
    );
    const pair = await this.issuePair(member.id);
    return ok({ ...pair, member: toMemberSummary(member) });
  }

  /** Rotates the refresh token: each one works once, so a stolen, already-used token is worthless. */
  async refresh(refreshToken: string): Promise<Outcome<TokenPairResponse>> {
    const now = this.clock.now();
    const row = await this.refreshTokens.findOneBy({ tokenHash: TokenService.hashRefresh(refreshToken) });
    if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) {
      return fail('INVALID_REFRESH_TOKEN', '登录已过期，请重新登录', HttpStatus.UNAUTHORIZED);
    }
    const claimed = await this.tx.write((em) => em.update(RefreshTokenEntity, { id: row.id, usedAt: IsNull() }, { usedAt: now }));
    if (!claimed.affected) return fail('INVALID_REFRESH_TOKEN', '登录已过期，请重新登录', HttpStatus.UNAUTHORIZED);
    const member = await this.members.findById(row.memberId);
    if (!member) return fail('INVALID_REFRESH_TOKEN', '登录已过期，请重新登录', HttpStatus.UNAUTHORIZED);
    await this.members.touchActivity(member.id);
    return ok(await this.issuePair(member.id));
  }

  private async issuePair(memberId: string): Promise<TokenPairResponse> {
    const now = this.clock.now();
    const { token: refreshToken, hash } = this.tokens.newRefreshToken();
    const expiresAt = new Date(now.getTime() + this.config.auth.refreshTtlSeconds * 1000);
    await this.tx.write((em) => em.insert(RefreshTokenEntity, {
      id: newId(),
      tokenHash: hash,
      memberId,
      expiresAt,
      usedAt: null,
      createdAt: now,
    }));
    return {
      token: this.tokens.signAccess({ sub: memberId, typ: 'member' }),
      refreshToken,
      expiresIn: this.tokens.accessTtlSeconds,
    };
  }
}
