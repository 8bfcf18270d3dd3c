import Taro from '@tarojs/taro';
import type { MallOrder } from '@mall/shared';
import { api } from '../services/request';
import { payOrder } from '../services/pay';

/** The order's points and cash as one line: "200积分 + ¥9.90". */
export function orderTotal(o: MallOrder): string {
  const parts = [o.pointsUsed > 0 ? `${o.pointsUsed}积分` : '', o.cashDueFen > 0 ? `¥${(o.cashDueFen / 100).toFixed(2)}` : ''].filter(Boolean);
  return parts.join(' + ') || '¥0';
}

/** Pays an unpaid order again (fresh wx.requestPayment parameters); true when the member paid here. */
export async function payAgain(orderId: string): Promise<boolean> {
  const order = await api.post('/api/orders/{id}/payment', undefined as never, { params: { id: orderId } });
  if (!order.payment) return false;
  const outcome = await payOrder(order.id, order.payment).catch(() => {
    void Taro.showToast({ title: '支付未完成，请稍后重试', icon: 'none' });
    return 'cancelled' as const;
  });
  return outcome === 'paid';
}

/** Confirms receipt of shipped goods (only the owner, only a shipped order). */
export function confirmReceipt(orderId: string): Promise<MallOrder> {
  return api.post('/api/orders/{id}/receive', undefined as never, { params: { id: orderId } });
}
