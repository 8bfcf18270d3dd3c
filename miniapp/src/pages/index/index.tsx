import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { MemberGate } from '../../components/MemberStatus';
import { MemberCard } from '../../components/MemberCard';
import { useMember } from '../../stores/member-context';
import './index.scss';

export default function HomePage() {
  const { member, reload } = useMember();
  useDidShow(() => {
    if (member) void reload();
  });
  useShareAppMessage(() => ({
    title: '一起来会员好物商城，签到领积分',
    path: member ? `/pages/index/index?inviteCode=${member.inviteCode}` : '/pages/index/index',
  }));

  return (
    <View className="page home">
      <MemberGate>
        {member && (
          <>
            <MemberCard member={member} />
            <View className="card home__links">
              <View className="home__link" onClick={() => void Taro.switchTab({ url: '/pages/checkin/index' })}>
                <Text className="home__link-title">每日签到</Text>
                <Text className="muted">连续签到得更多积分</Text>
              </View>
              <View className="home__link" onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>
                <Text className="home__link-title">积分商城</Text>
                <Text className="muted">积分当钱花</Text>
              </View>
            </View>
          </>
        )}
      </MemberGate>
    </View>
  );
}
