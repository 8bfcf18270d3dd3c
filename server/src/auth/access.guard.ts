import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppHttpError } from '../common/errors';
import { ACCESS_KEY, AccessRule, Principal } from './auth.decorators';
import { TokenService } from './token.service';

/**
 * Global guard: reads the route's declared access rule and the bearer token. Routes that declare
 * nothing are refused, so a forgotten decorator fails closed instead of open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) throw new AppHttpError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '没有权限');
    if (rule.kind === 'public') return true;

    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header);
    const claims = match ? this.tokens.verifyAccess(match[1]) : null;
    if (!claims) throw new AppHttpError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', '登录已失效，请重新登录');

    if (rule.kind === 'member') {
      if (claims.typ !== 'member') throw new AppHttpError(HttpStatus.FORBIDDEN, 'MEMBER_ONLY', '仅限会员访问');
      req.principal = { kind: 'member', memberId: claims.sub };
      return true;
    }
    if (claims.typ !== 'admin' || !claims.role) throw new AppHttpError(HttpStatus.FORBIDDEN, 'ADMIN_ONLY', '仅限管理员访问');
    if (rule.roles.length > 0 && !rule.roles.includes(claims.role)) {
      throw new AppHttpError(HttpStatus.FORBIDDEN, 'ROLE_FORBIDDEN', '当前角色没有此权限');
    }
    req.principal = { kind: 'admin', adminId: claims.sub, role: claims.role, username: claims.usr ?? '' };
    return true;
  }
}
