import type { MemberEntity } from './member.entity';
import { maskPhone } from '@mall/shared';
import type { MemberProfileResponse, MemberSummary } from './member.dto';

export { maskPhone };

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
