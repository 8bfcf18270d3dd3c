import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { TIER_LABELS, type MyTier } from '@mall/shared';
import './TierProgress.scss';

/** "再得 1200 成长值升级金卡" with a bar: the pull towards the next tier. */
export function TierProgress({ tier }: { tier: MyTier }) {
  const nextStep = tier.next ? tier.ladder.find((s) => s.tier === tier.next!.tier) : null;
  const currentStep = tier.ladder.find((s) => s.tier === tier.tier);
  const span = nextStep && currentStep ? nextStep.threshold - currentStep.threshold : 1;
  const done = nextStep && currentStep ? Math.min(1, Math.max(0, (tier.growth - currentStep.threshold) / span)) : 1;
  return (
    <View className="card tier-progress" onClick={() => void Taro.navigateTo({ url: '/member/pages/tier/index' })}>
      <View className="tier-progress__head">
        <Text className="tier-progress__title">{TIER_LABELS[tier.tier]}</Text>
        <Text className="muted">成长值 {tier.growth}</Text>
      </View>
      <View className="tier-progress__bar">
        <View className="tier-progress__fill" style={{ width: `${Math.round(done * 100)}%` }} />
      </View>
      <Text className="tier-next muted">
        {tier.next ? `再得 ${tier.next.needed} 成长值升级${TIER_LABELS[tier.next.tier]}` : '您已是最高等级会员'}
      </Text>
    </View>
  );
}
