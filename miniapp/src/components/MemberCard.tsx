import { Image, View, Text } from '@tarojs/components';
import { TIER_LABELS, type MemberProfile } from '@mall/shared';
import './MemberCard.scss';

/** The member's nickname, tier and points: the first thing a returning member sees. */
export function MemberCard({ member }: { member: MemberProfile }) {
  return (
    <View className={`member-card member-card--${member.tier}`}>
      <View className="member-card__row">
        {member.avatarUrl ? (
          <Image className="member-card__avatar" src={member.avatarUrl} />
        ) : (
          <View className="member-card__avatar member-card__avatar--empty">{member.nickname.slice(0, 1)}</View>
        )}
        <View className="member-card__who">
          <Text className="member-nickname">{member.nickname}</Text>
          <Text className="member-tier">{TIER_LABELS[member.tier]}</Text>
        </View>
      </View>
      <View className="member-card__points">
        <Text className="member-card__label">我的积分</Text>
        <Text className="member-points">{member.points}</Text>
      </View>
    </View>
  );
}
