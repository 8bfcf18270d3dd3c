import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { WechatApiError, WechatUnavailableError } from './wechat.errors';

/** WeChat's `scene` rule for mini-program codes: ≤ 32 visible characters from this set. */
export const WXACODE_SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** Errcodes meaning the access token is stale: drop it and retry once. */
const STALE_TOKEN_ERRCODES = new Set([40001, 42001, 40014]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
/** Where instances share the access token (Redis): each new token WeChat issues retires the last one. */
const SHARED_TOKEN_KEY = 'wechat:access-token';

export interface Code2SessionResult {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

export interface SubscribeMessage {
  toOpenid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

/** WeChat's 发货信息录入 (upload_shipping_info) request, as sent. */
export interface ShippingInfoUpload {
  order_key: { order_number_type: 1; mchid: string; out_trade_no: string } | { order_number_type: 2; transaction_id: string };
  /** 1 express, 2 same-city, 3 virtual, 4 pick-up. */
  logistics_type: 1 | 2 | 3 | 4;
  /** 1 UNIFIED_DELIVERY (one waybill), 2 SPLIT_DELIVERY. */
  delivery_mode: 1 | 2;
  is_all_delivered?: boolean;
  shipping_list: { tracking_no?: string; express_company?: string; item_desc: string; contact?: { consignor_contact?: string; receiver_contact?: string } }[];
  /** RFC 3339, e.g. 2026-11-23T18:30:00.000+08:00. */
  upload_time: string;
  payer: { openid: string };
}

/**
 * The production client for WeChat's server APIs. The base URL comes from WECHAT_API_BASE, so
 * the demo and the tests run this same code against the local stand-in.
 */
@Injectable()
export class WechatApiClient {
  private cachedToken: { value: string; refreshAt: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly redis?: RedisService,
  ) {}

  async code2Session(code: string): Promise<Code2SessionResult> {
    const { appId, appSecret } = this.config.wechat;
    const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.requestJson('jscode2session', `/sns/jscode2session?${query}`, { method: 'GET' });
    if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
      throw new WechatUnavailableError('jscode2session', 'answer without openid');
    }
    return { openid: body.openid, sessionKey: body.session_key, unionid: typeof body.unionid === 'string' ? body.unionid : undefined };
  }

  /**
   * Cached until five minutes before expiry; concurrent callers share one request. With Redis the
   * token is shared by every instance, so they do not keep retiring each other's tokens.
   */
  async getAccessToken(): Promise<string> {
    if (this.cachedToken && Date.now() < this.cachedToken.refreshAt) return this.cachedToken.value;
    this.tokenInFlight ??= this.loadAccessToken().finally(() => (this.tokenInFlight = null));
    return this.tokenInFlight;
  }

  /** The token other instances stored (looked at again within a minute), else a new one from WeChat. */
  private async loadAccessToken(): Promise<string> {
    const shared = await this.redis?.get(SHARED_TOKEN_KEY);
    if (shared) {
      this.cachedToken = { value: shared, refreshAt: Date.now() + 60_000 };
      return shared;
    }
    const token = await this.fetchAccessToken();
    // Expires from Redis when this instance would refresh it (five minutes before WeChat's expiry).
    await this.redis?.setPx(SHARED_TOKEN_KEY, token, this.cachedToken!.refreshAt - Date.now());
    return token;
  }

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    await this.withToken('subscribe/send', (token) =>
      this.requestJson('subscribe/send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        json: {
          touser: message.toOpenid,
          template_id: message.templateId,
          page: message.page,
          data: message.data,
          miniprogram_state: message.miniprogramState ?? 'formal',
          lang: 'zh_CN',
        },
      }),
    );
  }

  /** A mini-program code (PNG) that opens `page` with `scene`; the scene rule is checked first. */
  async getUnlimitedQrCode(opts: { scene: string; page?: string; width?: number; checkPath?: boolean; envVersion?: 'release' | 'trial' | 'develop' }): Promise<Buffer> {
    if (!WXACODE_SCENE_PATTERN.test(opts.scene)) {
      throw new WechatApiError(40169, 'invalid length for scene, or the data is not json string', 'getwxacodeunlimit');
    }
    return this.withToken('getwxacodeunlimit', async (token) => {
      const res = await this.send('getwxacodeunlimit', `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        json: { scene: opts.scene, page: opts.page, width: opts.width ?? 430, check_path: opts.checkPath ?? false, env_version: opts.envVersion ?? 'release' },
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.subarray(0, 4).equals(PNG_SIGNATURE) || (res.headers.get('content-type') ?? '').startsWith('image/')) return bytes;
      this.throwIfErrcode('getwxacodeunlimit', this.parse('getwxacodeunlimit', bytes.toString('utf8')));
      throw new WechatUnavailableError('getwxacodeunlimit', 'answer was neither an image nor an error');
    });
  }

  /** Reports a paid order's shipment to WeChat (小程序发货信息管理); WeChat refuses with an errcode (e.g. 10060001 unknown payment). */
  async uploadShippingInfo(info: ShippingInfoUpload): Promise<void> {
    await this.withToken('upload_shipping_info', (token) =>
      this.requestJson('upload_shipping_info', `/wxa/sec/order/upload_shipping_info?access_token=${encodeURIComponent(token)}`, { method: 'POST', json: info }),
    );
  }

  private async fetchAccessToken(): Promise<string> {
    const { appId, appSecret } = this.config.wechat;
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret });
    const body = await this.requestJson('token', `/cgi-bin/token?${query}`, { method: 'GET' });
    if (typeof body.access_token !== 'string') throw new WechatUnavailableError('token', 'answer without access_token');
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 7200;
    this.cachedToken = { value: body.access_token, refreshAt: Date.now() + Math.max(60, ttl - 300) * 1000 };
    return body.access_token;
  }

  private async withToken<T>(api: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getAccessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !STALE_TOKEN_ERRCODES.has(error.errcode)) throw error;
      if (this.cachedToken?.value === token) this.cachedToken = null;
      await this.redis?.deleteIfEquals(SHARED_TOKEN_KEY, token);
      return call(await this.getAccessToken());
    }
  }

  private async requestJson(api: string, path: string, init: { method: string; json?: unknown }): Promise<Record<string, any>> {
    const res = await this.send(api, path, init);
    const body = this.parse(api, await res.text());
    this.throwIfErrcode(api, body);
    return body;
  }

  private async send(api: string, path: string, init: { method: string; json?: unknown }): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.config.wechat.apiBase + path, {
        method: init.method,
        headers: init.json !== undefined ? { 'content-type': 'application/json' } : undefined,
        body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
        signal: AbortSignal.timeout(this.config.wechat.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${this.config.wechat.timeoutMs} ms` : 'network error';
      throw new WechatUnavailableError(api, reason);
    }
    if (res.status >= 500) throw new WechatUnavailableError(api, `HTTP ${res.status}`);
    return res;
  }

  private parse(api: string, text: string): Record<string, any> {
    try {
      const body = JSON.parse(text);
      if (body && typeof body === 'object') return body;
    } catch {
      // fall through
    }
    throw new WechatUnavailableError(api, 'answer was not JSON');
  }

  private throwIfErrcode(api: string, body: Record<string, any>): void {
    if (typeof body.errcode === 'number' && body.errcode !== 0) throw new WechatApiError(body.errcode, String(body.errmsg ?? ''), api);
  }
}
