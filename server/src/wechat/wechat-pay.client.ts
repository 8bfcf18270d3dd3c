import { Inject, Injectable, Logger } from '@nestjs/common';
import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import WxPay from 'wechatpay-node-v3';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const OFFICIAL_BASE = 'https://api.mch.weixin.qq.com';
const NOTIFY_MAX_SKEW_S = 300;

export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What `wx.requestPayment` / `Taro.requestPayment` needs. */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface WechatTransaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
  amount: { total: number; payer_total?: number; currency?: string };
  success_time?: string;
}

export interface WechatRefund {
  out_refund_no: string;
  out_trade_no: string;
  refund_id: string;
  status: 'SUCCESS' | 'PROCESSING' | 'ABNORMAL' | 'CLOSED';
  amount: { refund: number; total: number };
}

export interface VerifiedNotification {
  eventType: string;
  resource: Record<string, any>;
}

/**
 * WeChat Pay API v3 for the mall. Requests are signed by wechatpay-node-v3 and sent by our own
 * fetch-based transport to WECHATPAY_API_BASE (WeChat, or the local stand-in); answers and
 * notifications are verified against the pre-loaded platform key. Notification resources are
 * decrypted here with node's AES-256-GCM, checking the tag (the library's decipher does not).
 */
@Injectable()
export class WechatPayClient {
  private readonly logger = new Logger(WechatPayClient.name);
  private readonly pay: WxPay | null = null;
  private readonly privateKey: string = '';
  private readonly platformKey: string = '';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const c = config.wechatPay;
    if (!c) return;
    this.privateKey = readFileSync(c.privateKeyFile, 'utf8');
    this.platformKey = readFileSync(c.platformPublicKeyFile, 'utf8');
    // `publicKey` is only used to read a serial, which we give explicitly.
    this.pay = new WxPay({ appid: config.wechat.appId, mchid: c.mchId, serial_no: c.merchantSerial, publicKey: Buffer.from(this.platformKey), privateKey: Buffer.from(this.privateKey), key: c.apiV3Key });
    this.pay.createHttp({
      post: (url, params, headers) => this.send('POST', url, headers, JSON.stringify(params)),
      get: (url, headers) => this.send('GET', url, headers),
      upload: () => Promise.reject(new Error('upload is not used')),
    });
  }

  get enabled(): boolean {
    return this.pay !== null;
  }

  /** Creates (or, for the same out_trade_no and amount, returns) the JSAPI transaction; gives its prepay_id. */
  async createJsapi(req: { outTradeNo: string; description: string; totalFen: number; openid: string }): Promise<string> {
    const result = await this.client().transactions_jsapi({
      description: req.description.slice(0, 127),
      out_trade_no: req.outTradeNo,
      notify_url: this.config.wechatPay!.notifyUrl,
      amount: { total: req.totalFen, currency: 'CNY' },
      payer: { openid: req.openid },
    } as never);
    const data = this.expectOk(result, 'jsapi');
    const pkg = (data.package ?? `prepay_id=${data.prepay_id}`) as string;
    return pkg.replace(/^prepay_id=/, '');
  }

  /** Signs the mini-program's payment parameters for a prepay_id (fresh timestamp and nonce each time). */
  paymentParams(prepayId: string): PaymentParams {
    const timeStamp = Math.floor(Date.now() / 1000).toString();
    const nonceStr = randomBytes(16).toString('hex');
    const pkg = `prepay_id=${prepayId}`;
    const paySign = createSign('RSA-SHA256').update(`${this.config.wechat.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).sign(this.privateKey, 'base64');
    return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  /** The transaction as WeChat sees it, or null when WeChat has none (never created). */
  async query(outTradeNo: string): Promise<WechatTransaction | null> {
    const result = await this.client().query({ out_trade_no: outTradeNo });
    if (result.status === 404) return null;
    return this.expectOk(result, 'query') as unknown as WechatTransaction;
  }

  async close(outTradeNo: string): Promise<void> {
    const result = await this.client().close(outTradeNo);
    if (result.status === 404) return;
    this.expectOk(result, 'close');
  }

  async refund(req: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason: string }): Promise<{ status: string; refund_id: string }> {
    const result = await this.client().refunds({
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRefundNo,
      reason: req.reason.slice(0, 80),
      notify_url: this.config.wechatPay!.notifyUrl,
      amount: { refund: req.refundFen, total: req.totalFen, currency: 'CNY' },
    } as never);
    return this.expectOk(result, 'refund') as { status: string; refund_id: string };
  }

  /** A refund as WeChat sees it (status SUCCESS / PROCESSING / ABNORMAL / CLOSED), or null when WeChat has none. */
  async queryRefund(outRefundNo: string): Promise<WechatRefund | null> {
    const result = await this.client().find_refunds(outRefundNo);
    if (result.status === 404) return null;
    return this.expectOk(result, 'refund query') as unknown as WechatRefund;
  }

  /**
   * Checks a notification: the platform's signature over the raw body (known serial, fresh
   * timestamp), then decrypts its resource with AES-256-GCM, refusing a wrong tag.
   */
  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): VerifiedNotification {
    const c = this.config.wechatPay;
    if (!c) throw new WechatPayError(503, 'PAYMENT_UNAVAILABLE', 'WeChat Pay is not configured');
    const h = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const [timestamp, nonce, serial, signature] = [h('wechatpay-timestamp'), h('wechatpay-nonce'), h('wechatpay-serial'), h('wechatpay-signature')];
    if (!timestamp || !nonce || !serial || !signature) throw new WechatPayError(401, 'SIGN_MISSING', 'missing Wechatpay-* signature headers');
    if (serial !== c.platformSerial) throw new WechatPayError(401, 'UNKNOWN_SERIAL', 'unknown platform certificate serial');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > NOTIFY_MAX_SKEW_S) throw new WechatPayError(401, 'STALE', 'notification timestamp out of range');
    const message = `${timestamp}\n${nonce}\n${rawBody.toString('utf8')}\n`;
    if (!createVerify('RSA-SHA256').update(message).verify(this.platformKey, signature, 'base64')) throw new WechatPayError(401, 'BAD_SIGNATURE', 'signature verification failed');
    let envelope: { event_type?: string; resource?: { algorithm?: string; ciphertext?: string; associated_data?: string; nonce?: string } };
    try {
      envelope = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new WechatPayError(400, 'BAD_BODY', 'body is not JSON');
    }
    const r = envelope.resource;
    if (!envelope.event_type || !r || r.algorithm !== 'AEAD_AES_256_GCM' || !r.ciphertext || !r.nonce) throw new WechatPayError(400, 'BAD_BODY', 'not an encrypted notification');
    return { eventType: envelope.event_type, resource: this.decrypt(r.ciphertext, r.nonce, r.associated_data ?? '') };
  }

  private decrypt(ciphertextB64: string, nonce: string, associatedData: string): Record<string, any> {
    const data = Buffer.from(ciphertextB64, 'base64');
    if (data.length < 17) throw new WechatPayError(400, 'BAD_CIPHERTEXT', 'ciphertext too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(this.config.wechatPay!.apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
      return JSON.parse(plain);
    } catch {
      throw new WechatPayError(400, 'BAD_CIPHERTEXT', 'resource failed authentication');
    }
  }

  private client(): WxPay {
    if (!this.pay) throw new WechatPayError(503, 'PAYMENT_UNAVAILABLE', 'WeChat Pay is not configured');
    return this.pay;
  }

  private expectOk(result: { status: number; data?: any; error?: any }, api: string): Record<string, any> {
    if (result.status >= 200 && result.status < 300) return result.data ?? {};
    const detail = typeof result.error === 'string' ? result.error : JSON.stringify(result.error ?? result.data ?? {});
    this.logger.warn(`WeChat Pay ${api} answered ${result.status}: ${detail.slice(0, 200)}`);
    throw new WechatPayError(result.status || 502, 'WECHATPAY_ERROR', `WeChat Pay ${api} failed (${result.status})`);
  }

  /** The library's transport: our base URL, a timeout, and the platform's signature on every answer checked. */
  private async send(method: 'GET' | 'POST', officialUrl: string, headers: Record<string, string>, body?: string) {
    const url = this.config.wechatPay!.apiBase + officialUrl.slice(OFFICIAL_BASE.length);
    let res: Response;
    try {
      res = await fetch(url, { method, headers: { ...headers, 'Accept-Encoding': 'identity' }, body, signal: AbortSignal.timeout(this.config.wechat.timeoutMs) });
    } catch (error) {
      return { status: 0, error: `network: ${(error as Error).message}` };
    }
    const text = await res.text();
    const ts = res.headers.get('wechatpay-timestamp');
    const nonce = res.headers.get('wechatpay-nonce');
    const signature = res.headers.get('wechatpay-signature');
    const signed =
      ts && nonce && signature && res.headers.get('wechatpay-serial') === this.config.wechatPay!.platformSerial &&
      createVerify('RSA-SHA256').update(`${ts}\n${nonce}\n${text}\n`).verify(this.platformKey, signature, 'base64');
    if (!signed) return { status: 0, error: `answer ${res.status} was not signed by the platform` };
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      return { status: 0, error: 'answer is not JSON' };
    }
    return res.ok ? { status: res.status, data } : { status: res.status, error: data };
  }
}
