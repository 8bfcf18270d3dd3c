import { View, Text } from '@tarojs/components';
import { MemberGate } from '../../components/MemberStatus';
import { useMember } from '../../stores/member-context';
import { usePageView } from '../../services/analytics';

export default function MallPage() {
  usePageView();
  const { member } = useMember();
  return (
    <View className="page">
      <MemberGate>
        <View className="card">
          <Text className="muted">可用积分</Text>
          <View className="member-points">{member?.points}</View>
          <Text className="muted">100 积分可抵 5 元</Text>
        </View>
        <View className="card muted">积分商城即将上新，敬请期待。</View>
      </MemberGate>
    </View>
  );
}
