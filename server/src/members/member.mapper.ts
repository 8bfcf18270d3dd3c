import type { MemberEntity } from './member.entity';
import type { AdminMemberRow, MemberProfileResponse, MemberSummary } from './member.dto';

/** 13812345678 → 138****5678; anything else shorter is masked whole. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length >= 7) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return '*'.repeat(phone.length);
}

export function toMemberSummary(m: MemberEntity): MemberSummary {
  return { id: m.id, nickname: m.nickname, avatarUrl: m.avatarUrl, tier: m.tier, points: m.pointsBalance };
}

export function toMemberProfileResponse(m: MemberEntity): MemberProfileResponse {
  return {
    ...toMemberSummary(m),
    inviteCode: m.inviteCode,
    birthday: m.birthday,
    phoneMasked: maskPhone(m.phone),
    joinedAt: m.joinedAt.toISOString(),
  };
}

export function toAdminMemberRow(m: MemberEntity): AdminMemberRow {
  return {
    ...toMemberSummary(m),
    phoneMasked: maskPhone(m.phone),
    joinedAt: m.joinedAt.toISOString(),
    lastActiveAt: m.lastActiveAt ? m.lastActiveAt.toISOString() : null,
  };
}
