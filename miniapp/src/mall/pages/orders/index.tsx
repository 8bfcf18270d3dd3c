import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import type { MallOrder } from '@mall/shared';
import { ORDER_STATUS_LABELS } from '../../../components/mall-format';
import { api, ignoreApiError } from '../../../services/request';
import { orderTotal } from '../../order-view';
import { usePageView } from '../../../services/analytics';
import './index.scss';

const TABS = [
  { label: '全部', status: '' },
  { label: '待支付', status: 'pending_payment' },
  { label: '待发货', status: 'to_ship' },
  { label: '待收货', status: 'shipped' },
  { label: '已完成', status: 'received,completed' },
  { label: '退款/关闭', status: 'refunding,refunded,closed' },
];
const PAGE_SIZE = 20;

export default function OrdersPage() {
  usePageView();
  const [tab, setTab] = useState(0);
  const [items, setItems] = useState<MallOrder[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);

  const load = useCallback(async (t: number, p: number) => {
    const status = TABS[t].status;
    const res = await api.get('/api/orders', { page: p, pageSize: PAGE_SIZE, ...(status ? { status } : {}) });
    setItems((prev) => (p === 1 ? res.items : [...(prev ?? []), ...res.items]));
    setTotal(res.total);
    setPage(p);
  }, []);
  useDidShow(() => void load(tab, 1).catch(ignoreApiError));
  usePullDownRefresh(() => void load(tab, 1).catch(ignoreApiError).finally(() => stopPullDownRefresh()));
  useReachBottom(() => {
    if (items && items.length < total) void load(tab, page + 1).catch(ignoreApiError);
  });
  const switchTab = (t: number) => {
    setTab(t);
    setItems(null);
    void load(t, 1).catch(ignoreApiError);
  };

  return (
    <View className="page">
      <View className="order-tabs">
        {TABS.map((t, i) => (
          <Text key={t.label} className={`order-tab ${i === tab ? 'order-tab--on' : ''}`} onClick={() => switchTab(i)}>
            {t.label}
          </Text>
        ))}
      </View>
      {items && items.length === 0 && <View className="card muted">暂无订单</View>}
      {(items ?? []).map((o) => (
        <View key={o.id} className="card order-card" data-order-id={o.id} onClick={() => void Taro.navigateTo({ url: `/mall/pages/order/index?id=${o.id}` })}>
          <View className="order-card__head">
            <Text className="muted">{new Date(o.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Text>
            <Text className={`order-status order-status--${o.status}`}>{ORDER_STATUS_LABELS[o.status]}</Text>
          </View>
          {o.lines.map((l) => (
            <Text key={l.itemId} className="order-card__line">{l.name} × {l.quantity}</Text>
          ))}
          <Text className="order-card__total">合计 {orderTotal(o)}</Text>
        </View>
      ))}
      {items && items.length > 0 && items.length >= total && <View className="muted order-end">没有更多了</View>}
    </View>
  );
}
