import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';
import type { PaymentParams, PayOutcome } from './pay';

/**
 * A browser has no wx.requestPayment: the WeChat stand-in (demos and browser tests only) shows a
 * pay page for the order's prepay_id and comes back to the order's page afterwards.
 */
export async function payOrder(orderId: string, payment: PaymentParams): Promise<PayOutcome> {
  let base: string | undefined;
  try {
    const res = await fetch(`${API_BASE}/api/app-config`);
    base = ((await res.json()) as { wechatSandboxBase?: string }).wechatSandboxBase;
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  if (!base) throw new ApiError(0, 'H5_PAY_UNAVAILABLE', '浏览器版暂不支持支付，请在微信中打开');
  const prepayId = payment.package.replace(/^prepay_id=/, '');
  const back = `${window.location.origin}${window.location.pathname}${window.location.search}#/mall/pages/order/index?id=${encodeURIComponent(orderId)}`;
  window.location.assign(`${base}/__sandbox/pay-page?prepay_id=${encodeURIComponent(prepayId)}&return=${encodeURIComponent(back)}`);
  return 'left';
}
