import { useCallback, useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { useReachBottom, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import type { PointsEntry } from '@mall/shared';
import { api, ignoreApiError } from '../../../services/request';
import { useMember } from '../../../stores/member-context';
import './index.scss';

const REASONS: Record<string, string> = {
  checkin: '每日签到', streak_bonus: '连续签到奖励', makeup: '补签', order_pay: '订单抵扣', refund: '退款返还', redeem: '积分兑换',
  referral: '邀请奖励', welcome: '新人礼', birthday: '生日礼', member_day: '会员日', expiry: '积分过期', admin_adjust: '商家调整',
  hold_release: '订单取消返还', campaign: '活动奖励',
};
const PAGE_SIZE = 20;

export default function PointsLedgerPage() {
  const { member } = useMember();
  const [items, setItems] = useState<PointsEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);

  const load = useCallback(async (p: number) => {
    const res = await api.get('/api/points/ledger', { page: p, pageSize: PAGE_SIZE });
    setItems((prev) => (p === 1 ? res.items : [...prev, ...res.items]));
    setTotal(res.total);
    setPage(p);
  }, []);
  useEffect(() => void load(1).catch(ignoreApiError), [load]);
  usePullDownRefresh(() => void load(1).catch(ignoreApiError).finally(() => stopPullDownRefresh()));
  useReachBottom(() => {
    if (items.length < total) void load(page + 1).catch(ignoreApiError);
  });

  return (
    <View className="page">
      <View className="card">
        <Text className="muted">当前积分</Text>
        <View className="member-points">{member?.points ?? '—'}</View>
        {member?.expiringPoints && <Text className="muted">{member.expiringPoints.points} 积分将于 {member.expiringPoints.date} 到期</Text>}
      </View>
      <View className="card">
        {items.length === 0 && <View className="muted">暂无积分记录</View>}
        {items.map((e, i) => (
          <View key={i} className="ledger-row">
            <View className="ledger-row__left">
              <Text>{e.note && e.reason === 'admin_adjust' ? e.note : (REASONS[e.reason] ?? e.reason)}</Text>
              <Text className="muted">{new Date(e.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Text>
            </View>
            <Text className={e.delta > 0 ? 'ledger-row__plus' : 'ledger-row__minus'}>{e.delta > 0 ? `+${e.delta}` : e.delta}</Text>
          </View>
        ))}
        {items.length > 0 && items.length >= total && <View className="muted ledger-end">没有更多了</View>}
      </View>
    </View>
  );
}
