import { View, Text } from '@tarojs/components';
import { MemberGate } from '../../components/MemberStatus';
import { useMember } from '../../stores/member-context';

export default function CheckinPage() {
  const { member } = useMember();
  return (
    <View className="page">
      <MemberGate>
        <View className="card">
          <Text className="muted">当前积分</Text>
          <View className="member-points">{member?.points}</View>
        </View>
        <View className="card muted">每日签到即将开放，连续签到可得额外积分与优惠券。</View>
      </MemberGate>
    </View>
  );
}
