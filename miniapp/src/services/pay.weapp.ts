import Taro from '@tarojs/taro';
import type { PaymentParams, PayOutcome } from './pay';

/** The WeChat payment sheet; closing it is a cancel, anything else a failure the caller shows. */
export async function payOrder(_orderId: string, payment: PaymentParams): Promise<PayOutcome> {
  try {
    await Taro.requestPayment({ timeStamp: payment.timeStamp, nonceStr: payment.nonceStr, package: payment.package, signType: payment.signType, paySign: payment.paySign });
    return 'paid';
  } catch (error) {
    if (/cancel/i.test((error as { errMsg?: string }).errMsg ?? '')) return 'cancelled';
    throw error;
  }
}
