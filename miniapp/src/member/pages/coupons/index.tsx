import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import type { WalletCoupon } from '@mall/shared';
import { api, ignoreApiError } from '../../../services/request';
import './index.scss';

const STATES = [
  { key: 'unused', label: '未使用' },
  { key: 'used', label: '已使用' },
  { key: 'expired', label: '已过期' },
] as const;
const yuan = (fen: number) => (fen / 100).toFixed(fen % 100 ? 2 : 0);

function describe(c: WalletCoupon): string {
  const off = c.kind === 'amount' ? `¥${yuan(c.amountOffFen)}` : `${c.percentPay / 10} 折`;
  return c.thresholdFen ? `满 ${yuan(c.thresholdFen)} 元可用 · ${off}` : `无门槛 · ${off}`;
}

export default function CouponsPage() {
  const [items, setItems] = useState<WalletCoupon[]>([]);
  const [state, setState] = useState<WalletCoupon['state']>('unused');
  useEffect(() => void api.get('/api/coupons').then((r) => setItems(r.items), ignoreApiError), []);
  const shown = items.filter((c) => c.state === state);
  return (
    <View className="page">
      <View className="coupon-tabs">
        {STATES.map((s) => (
          <Text key={s.key} className={`coupon-tab ${s.key === state ? 'coupon-tab--on' : ''}`} onClick={() => setState(s.key)}>
            {s.label}({items.filter((c) => c.state === s.key).length})
          </Text>
        ))}
      </View>
      {shown.length === 0 && <View className="card muted">暂无优惠券</View>}
      {shown.map((c) => (
        <View key={c.id} className={`card coupon coupon--${c.state}`}>
          <Text className="coupon__name">{c.name}</Text>
          <Text>{describe(c)}</Text>
          <Text className="muted">有效期至 {new Date(c.validTo).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Text>
        </View>
      ))}
    </View>
  );
}
