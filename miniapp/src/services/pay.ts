import type { Schemas } from '@mall/shared';

export type PaymentParams = Schemas['PaymentParamsResponse'];
/** `paid`: WeChat took the money (the order settles when the notification arrives); `left`: the app handed over to a pay page. */
export type PayOutcome = 'paid' | 'cancelled' | 'left';

/**
 * Pays an order's cash part with the parameters checkout returned. Platform versions sit beside
 * this file (`pay.weapp.ts`: wx.requestPayment; `pay.h5.ts`: the WeChat stand-in's pay page).
 */
export async function payOrder(_orderId: string, _payment: PaymentParams): Promise<PayOutcome> {
  throw new Error('No payment for this platform');
}
