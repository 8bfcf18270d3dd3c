import { MemberEntity, MemberWechatSessionEntity } from '../members/member.entity';
import { AdminUserEntity } from '../admin-users/admin-user.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';

/** Every entity, listed once, for the app, the migration generator and the tests. */
export const ALL_ENTITIES = [MemberEntity, MemberWechatSessionEntity, AdminUserEntity, RefreshTokenEntity];
