import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AdminRole } from '../admin-users/admin-user.entity';

export const ACCESS_KEY = 'access';

/** Every route declares who may call it; a route without a declaration is refused (fail closed). */
export type AccessRule = { kind: 'public' } | { kind: 'member' } | { kind: 'admin'; roles: AdminRole[] };

export interface MemberPrincipal {
  kind: 'member';
  memberId: string;
}
export interface AdminPrincipal {
  kind: 'admin';
  adminId: string;
  role: AdminRole;
  username: string;
}
export type Principal = MemberPrincipal | AdminPrincipal;

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

export const MemberAuth = () =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'member' } satisfies AccessRule),
    ApiBearerAuth('member'),
    ApiUnauthorizedResponse({ description: 'Missing or invalid member token' }),
  );

/** Admin routes; with no roles listed any admin role may call. */
export const AdminAuth = (...roles: AdminRole[]) =>
  applyDecorators(
    SetMetadata(ACCESS_KEY, { kind: 'admin', roles } satisfies AccessRule),
    ApiBearerAuth('admin'),
    ApiUnauthorizedResponse({ description: 'Missing or invalid admin token' }),
    ApiForbiddenResponse({ description: 'Not an admin, or the role may not do this' }),
  );

export const CurrentMember = createParamDecorator((_: unknown, ctx: ExecutionContext): MemberPrincipal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (req.principal?.kind !== 'member') throw new Error('CurrentMember used on a route without MemberAuth');
  return req.principal;
});

export const CurrentAdmin = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (req.principal?.kind !== 'admin') throw new Error('CurrentAdmin used on a route without AdminAuth');
  return req.principal;
});
