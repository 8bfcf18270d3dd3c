import { maskPhone } from '@mall/shared';
import { dbInstant, MemberRawRow } from './member-search.sql';
import type { AdminMemberListRow } from './member-filters.dto';

const iso = (v: Date | string | null) => {
  const ms = dbInstant(v);
  return ms === null ? null : new Date(ms).toISOString();
};

export function toAdminMemberListRow(r: MemberRawRow): AdminMemberListRow {
  return {
    id: r.id,
    nickname: r.nickname,
    avatarUrl: r.avatar_url ?? '',
    tier: r.tier,
    points: Number(r.points_balance),
    phoneMasked: maskPhone(r.phone),
    spendFen: Number(r.spend_fen),
    paidOrders: Number(r.paid_orders),
    inviterId: r.inviter_id,
    platform: r.platform,
    joinedAt: iso(r.joined_at)!,
    lastActiveAt: iso(r.last_active_at),
  };
}
