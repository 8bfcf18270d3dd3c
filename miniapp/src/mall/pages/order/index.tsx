import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { MallOrder } from '@mall/shared';
import { ORDER_STATUS_LABELS, priceText, yuan } from '../../../components/mall-format';
import { api, ApiError, ignoreApiError } from '../../../services/request';
import { useMember } from '../../../stores/member-context';
import { confirmReceipt, orderTotal, payAgain } from '../../order-view';
import { usePageView } from '../../../services/analytics';
import './index.scss';

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '');
const STATUS_HINTS: Partial<Record<MallOrder['status'], string>> = {
  pending_payment: '请尽快完成支付，超时订单将自动关闭',
  to_ship: '商家正在备货，发货后可在此查看',
  shipped: '商品已发出，收到后请确认收货',
  completed: '订单已完成',
  closed: '订单已关闭，积分、优惠券与库存已退回',
  refunding: '退款处理中',
  refunded: '已退款，积分已退回',
};
/** After returning from payment the notification may still be on its way: look again for a while. */
const POLL_MS = 1500;
const POLL_TIMES = 12;

export default function OrderPage() {
  usePageView();
  const { params } = useRouter();
  const { reload } = useMember();
  const [order, setOrder] = useState<MallOrder | null>(null);
  const [busy, setBusy] = useState(false);
  const polls = useRef(0);

  const load = useCallback(async () => {
    if (!params.id) return;
    setOrder(await api.get('/api/orders/{id}', undefined, { params: { id: params.id } }));
  }, [params.id]);
  useDidShow(() => {
    polls.current = 0;
    void load().catch(ignoreApiError);
  });
  useEffect(() => {
    if (order?.status !== 'pending_payment' || polls.current >= POLL_TIMES) return;
    const timer = setTimeout(() => {
      polls.current++;
      void api
        .get('/api/orders/{id}', undefined, { params: { id: order.id }, silent: true })
        .then(setOrder)
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [order]);

  if (!order) return <View className="page muted">加载中…</View>;
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      await load();
      void reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消订单', content: '取消后积分、优惠券与库存将退回', confirmText: '确定取消', cancelText: '再想想' });
    if (confirm) await act(() => api.post('/api/orders/{id}/cancel', undefined as never, { params: { id: order.id } }));
  };
  const receive = async () => {
    const { confirm } = await Taro.showModal({ title: '确认收货', content: '请确认已收到商品', confirmText: '确认收货', cancelText: '取消' });
    if (confirm) await act(() => confirmReceipt(order.id));
  };

  return (
    <View className="page order-detail">
      <View className={`card order-head order-head--${order.status}`}>
        <Text className="order-head__status">{ORDER_STATUS_LABELS[order.status]}</Text>
        <Text className="order-head__hint">{STATUS_HINTS[order.status] ?? ''}</Text>
        {order.status === 'pending_payment' && order.expiresAt && <Text className="order-head__hint">请在 {fmt(order.expiresAt)} 前支付</Text>}
      </View>
      {order.address && (
        <View className="card order-address">
          <Text className="order-address__who">{order.address.name} {order.address.phone}</Text>
          <Text className="muted">{order.address.region} {order.address.detail}</Text>
        </View>
      )}
      <View className="card">
        {order.lines.map((l) => (
          <View key={l.itemId} className="order-row">
            <Text>{l.name} × {l.quantity}</Text>
            <Text className="muted">{priceText(l.unitCashFen, l.unitPoints)}</Text>
          </View>
        ))}
      </View>
      <View className="card">
        {order.cashSubtotalFen > 0 && <View className="order-row"><Text>商品金额</Text><Text>¥{yuan(order.cashSubtotalFen)}</Text></View>}
        {order.memberDayDiscountFen > 0 && <View className="order-row"><Text>会员日优惠</Text><Text className="order-minus">-¥{yuan(order.memberDayDiscountFen)}</Text></View>}
        {order.couponDiscountFen > 0 && <View className="order-row"><Text>优惠券</Text><Text className="order-minus">-¥{yuan(order.couponDiscountFen)}</Text></View>}
        {order.pointsValueFen > 0 && <View className="order-row"><Text>积分抵扣</Text><Text className="order-minus">-¥{yuan(order.pointsValueFen)}</Text></View>}
        <View className="order-row order-row--total"><Text>合计</Text><Text className="order-total">{orderTotal(order)}</Text></View>
      </View>
      <View className="card order-meta muted">
        <Text>订单号 {order.id}</Text>
        <Text>下单时间 {fmt(order.createdAt)}</Text>
        {order.paidAt && <Text>支付时间 {fmt(order.paidAt)}</Text>}
        {order.refundReason && <Text>退款原因 {order.refundReason}</Text>}
      </View>
      <View className="order-actions">
        {order.status === 'pending_payment' && (
          <>
            <Button className="order-btn" disabled={busy} onClick={() => void cancel()}>取消订单</Button>
            <Button className="btn-primary order-btn" disabled={busy} onClick={() => void act(() => payAgain(order.id))}>去支付</Button>
          </>
        )}
        {order.status === 'shipped' && <Button className="btn-primary order-btn" disabled={busy} onClick={() => void receive()}>确认收货</Button>}
        {order.status !== 'pending_payment' && <Button className="order-btn" onClick={() => void Taro.switchTab({ url: '/pages/mall/index' })}>继续逛逛</Button>}
      </View>
    </View>
  );
}
