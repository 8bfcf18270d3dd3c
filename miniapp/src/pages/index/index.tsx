import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { MyTier, components } from '@mall/shared';
import { MemberGate } from '../../components/MemberStatus';
import { MemberCard } from '../../components/MemberCard';
import { TierProgress } from '../../components/TierProgress';
import { MemberDayBanner } from '../../components/MemberDayBanner';
import { useMember } from '../../stores/member-context';
import { api } from '../../services/request';
import { useInviteShare } from '../../services/share';
import './index.scss';
import { usePageView } from '../../services/analytics';
import { useUnreadNotices } from '../../services/notices';

export default function HomePage() {
  usePageView();
  const { member, reload } = useMember();
  const [tier, setTier] = useState<MyTier | null>(null);
  const [memberDay, setMemberDay] = useState<components['schemas']['MemberDayResponse'] | null>(null);
  const loadTier = () => {
    void api.get('/api/tiers/me', undefined, { silent: true }).then(setTier, () => setTier(null));
    void api.get('/api/member-day', undefined, { silent: true }).then(setMemberDay, () => setMemberDay(null));
  };
  useEffect(() => {
    if (member) loadTier();
  }, [member?.id]);
  useDidShow(() => {
    if (!member) return;
    void reload();
    loadTier();
  });
  useInviteShare('一起来会员好物商城，签到领积分', '/pages/index/index');
  // The first tab the member sees puts the unread count on the 我的 tab.
  useUnreadNotices();

  return (
    <View className="page home">
      <MemberGate>
        {member && (
          <>
            {member.isBirthdayMonth && <View className="card birthday-greeting">🎂 生日快乐！生日月专属积分已为您备好</View>}
            <MemberCard member={member} />
            {memberDay && <MemberDayBanner memberDay={memberDay} tier={member.tier} onClaimed={loadTier} />}
            {member.expiringPoints && (
              <View className="card expiring-points muted">
                {member.expiringPoints.points} 积分将于 {member.expiringPoints.date} 到期，记得使用哦
              </View>
            )}
            {tier && <TierProgress tier={tier} />}
            <View className="card home__links">
              <View className="home__link" onClick={() => void Taro.switchTab({ url: '/pages/checkin/index' })}>
                <Text className="home__link-title">每日签到</Text>
                <Text className="muted">连续签到得更多积分</Text>
              </View>
              <View className="home__link" onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>
                <Text className="home__link-title">积分商城</Text>
                <Text className="muted">积分当钱花</Text>
              </View>
              <View className="home__link home__link--invite" onClick={() => void Taro.navigateTo({ url: '/referral/pages/invite/index' })}>
                <Text className="home__link-title">邀请有礼</Text>
                <Text className="muted">好友得新人礼，你得积分</Text>
              </View>
            </View>
          </>
        )}
      </MemberGate>
    </View>
  );
}
