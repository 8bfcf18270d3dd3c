import Taro from '@tarojs/taro';
import type { paths } from '@mall/shared';
import type { BodyOf, HttpMethod, PathsWith, QueryOf, ResponseOf } from './api-types';
import { getLoginCode } from './login-code';
import { launchInviteCode } from './launch';

/** A failed call with the server's `{ code, message }`; status 0 means the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  /** Don't show the failure toast; the caller shows its own message. */
  silent?: boolean;
}

const TOKEN_KEY = 'mall-token';
const REFRESH_KEY = 'mall-refresh-token';
let loginInFlight: Promise<void> | null = null;

export const tokens = {
  access: () => (Taro.getStorageSync(TOKEN_KEY) as string) || null,
  refresh: () => (Taro.getStorageSync(REFRESH_KEY) as string) || null,
  save(access: string, refresh: string) {
    Taro.setStorageSync(TOKEN_KEY, access);
    Taro.setStorageSync(REFRESH_KEY, refresh);
  },
  clear() {
    Taro.removeStorageSync(TOKEN_KEY);
    Taro.removeStorageSync(REFRESH_KEY);
  },
};

interface RawResponse {
  status: number;
  data: any;
}

async function send(method: string, path: string, data?: unknown, token?: string | null): Promise<RawResponse> {
  try {
    const res = await Taro.request({
      url: API_BASE + path,
      method: method.toUpperCase() as 'GET',
      // A JSON POST needs a JSON body, even an empty one (Fastify refuses an empty application/json body).
      data: (data ?? (method === 'get' ? undefined : {})) as Record<string, unknown>,
      header: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      timeout: 15000,
    });
    return { status: res.statusCode, data: res.data };
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络异常，请检查网络后重试');
  }
}

function toError(res: RawResponse): ApiError {
  const body = (res.data ?? {}) as { code?: string; message?: string };
  return new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? '服务开小差了，请稍后再试');
}

/** Logs in with a fresh WeChat code; concurrent callers share one login. */
export function login(): Promise<void> {
  loginInFlight ??= (async () => {
    const code = await getLoginCode();
    const inviteCode = launchInviteCode();
    const res = await send('post', '/api/auth/wx-login', { code, ...(inviteCode ? { inviteCode } : {}) });
    if (res.status !== 200) throw toError(res);
    tokens.save(res.data.token, res.data.refreshToken);
  })().finally(() => (loginInFlight = null));
  return loginInFlight;
}

async function renewSession(): Promise<void> {
  const refreshToken = tokens.refresh();
  if (refreshToken) {
    const res = await send('post', '/api/auth/refresh', { refreshToken });
    if (res.status === 200) return tokens.save(res.data.token, res.data.refreshToken);
  }
  tokens.clear();
  await login();
}

/**
 * The one request wrapper: adds the token (logging in first if needed), renews it once on 401,
 * and shows one friendly toast on failure unless `silent`. It never turns an error into a success.
 */
async function request<T>(method: HttpMethod, path: string, data: unknown, opts: RequestOptions = {}): Promise<T> {
  try {
    if (!tokens.access()) await login();
    let res = await send(method, path, data, tokens.access());
    if (res.status === 401) {
      await renewSession();
      res = await send(method, path, data, tokens.access());
    }
    if (res.status < 200 || res.status >= 300) throw toError(res);
    return res.data as T;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', '出错了，请稍后再试');
    if (!opts.silent) void Taro.showToast({ title: apiError.message, icon: 'none', duration: 2500 });
    throw apiError;
  }
}

export const api = {
  get<P extends PathsWith<'get'>>(path: P, query?: QueryOf<P, 'get'>, opts?: RequestOptions) {
    return request<ResponseOf<P, 'get'>>('get', path as string, query, opts);
  },
  post<P extends PathsWith<'post'>>(path: P, body: BodyOf<P, 'post'>, opts?: RequestOptions) {
    return request<ResponseOf<P, 'post'>>('post', path as string, body, opts);
  },
  patch<P extends PathsWith<'patch'>>(path: P, body: BodyOf<P, 'patch'>, opts?: RequestOptions) {
    return request<ResponseOf<P, 'patch'>>('patch', path as string, body, opts);
  },
};

export type { paths };
