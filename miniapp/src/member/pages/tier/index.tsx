import { useEffect, useState } from 'react';
import { Image, View, Text } from '@tarojs/components';
import { TIER_LABELS, type MyTier } from '@mall/shared';
import { api, ApiError } from '../../../services/request';
import { TierProgress } from '../../../components/TierProgress';
import './index.scss';
import { useInviteShare } from '../../../services/share';

const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 ? 2 : 0);

export default function TierPage() {
  useInviteShare('会员等级越高，权益越多', '/pages/index/index');
  const [tier, setTier] = useState<MyTier | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get('/api/tiers/me').then(setTier, (e: ApiError) => setError(e.message));
  }, []);
  if (error) return <View className="page muted">{error}</View>;
  if (!tier) return <View className="page muted">加载中…</View>;
  return (
    <View className="page">
      <TierProgress tier={tier} />
      {tier.reviewAt && <View className="card muted">等级将于 {tier.reviewAt} 复审：过去 12 个月成长值达到保级要求即可保留当前等级。</View>}
      {tier.ladder.map((step) => (
        <View key={step.tier} className={`card tier-step ${step.tier === tier.tier ? 'tier-step--current' : ''}`}>
          <View className="tier-step__head">
            {step.iconUrl && <Image className="tier-step__icon" src={step.iconUrl} />}
            <Text className="tier-step__name">{TIER_LABELS[step.tier]}</Text>
            <Text className="muted">{step.threshold ? `成长值 ${step.threshold}` : '注册即享'}</Text>
          </View>
          <View className="tier-step__benefits">
            <Text>签到积分 ×{(step.benefits.checkinMultiplierPct / 100).toFixed(1)}</Text>
            <Text>会员日 {step.benefits.memberDayPricePct / 10} 折</Text>
            <Text>生日礼 {step.benefits.birthdayGiftPoints} 积分</Text>
            <Text>{step.benefits.freeShippingThresholdFen ? `满 ${yuan(step.benefits.freeShippingThresholdFen)} 元包邮` : '全场包邮'}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
