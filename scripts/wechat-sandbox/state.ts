import { randomBytes, createHash } from 'node:crypto';
import type { RecordedShipment } from './shipping-api';

export interface RecordedSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  receivedAt: string;
}

/** Everything the stand-in remembers; tests read it in-process or through /__sandbox/*. */
export class SandboxState {
  readonly subscribeMessages: RecordedSubscribeMessage[] = [];
  /** upload_shipping_info calls WeChat accepted. */
  readonly shipments: RecordedShipment[] = [];
  readonly accessTokens = new Map<string, number>(); // token → expiry (ms)
  readonly loginCodes = new Map<string, { openid: string; used: boolean }>();
  readonly faults = { down: false, delayMs: 0 };
  readonly requestCounts: Record<string, number> = {};

  constructor(
    readonly appId: string,
    readonly appSecret: string,
  ) {}

  count(path: string): void {
    this.requestCounts[path] = (this.requestCounts[path] ?? 0) + 1;
  }

  issueAccessToken(): { access_token: string; expires_in: number } {
    const token = randomBytes(24).toString('base64url');
    this.accessTokens.set(token, Date.now() + 7200_000);
    return { access_token: token, expires_in: 7200 };
  }

  isValidToken(token: string | null): boolean {
    if (!token) return false;
    const expiry = this.accessTokens.get(token);
    return expiry !== undefined && expiry > Date.now();
  }

  issueLoginCode(openid: string): string {
    const code = randomBytes(16).toString('hex');
    this.loginCodes.set(code, { openid, used: false });
    return code;
  }

  /** Deterministic per openid, so repeated sandbox logins look like WeChat's stable session. */
  sessionKeyFor(openid: string): string {
    return createHash('sha256').update(`session:${openid}`).digest().subarray(0, 16).toString('base64');
  }
}
