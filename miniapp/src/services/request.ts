import Taro from '@tarojs/taro';
import type { paths } from '@mall/shared';
import type { BodyOf, HttpMethod, PathParamsOf, PathsWith, QueryOf, ResponseOf } from './api-types';
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';
import { getLoginCode } from './auth';
import { launchInviteCode } from './launch';
import { deviceFingerprint, devicePlatform } from './device';

export { ApiError };

export interface RequestOptions {
  /** Don't show the failure toast; the caller shows its own message. */
  silent?: boolean;
}

/** A path with `{id}`-style parameters must be given them: `api.get(path, query, { params: { id } })`. */
type OptionsArg<P extends keyof paths, M extends HttpMethod> = [PathParamsOf<P, M>] extends [never]
  ? [opts?: RequestOptions]
  : [opts: RequestOptions & { params: PathParamsOf<P, M> }];

type TokenPair = ResponseOf<'/api/auth/refresh', 'post'>;

const TOKEN_KEY = 'mall-token';
const REFRESH_KEY = 'mall-refresh-token';

export const tokens = {
  access: () => (Taro.getStorageSync(TOKEN_KEY) as string) || null,
  refresh: () => (Taro.getStorageSync(REFRESH_KEY) as string) || null,
  save(pair: Pick<TokenPair, 'token' | 'refreshToken'>) {
    Taro.setStorageSync(TOKEN_KEY, pair.token);
    Taro.setStorageSync(REFRESH_KEY, pair.refreshToken);
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

async function send(method: HttpMethod, url: string, data?: unknown, token?: string | null): Promise<RawResponse> {
  const hasBody = method !== 'get' && method !== 'delete';
  try {
    const res = await Taro.request({
      url: API_BASE + url,
      method: method.toUpperCase() as 'GET',
      // A JSON POST needs a JSON body, even an empty one (Fastify refuses an empty application/json body).
      data: (data ?? (method === 'get' || method === 'delete' ? undefined : {})) as Record<string, unknown>,
      // No content-type without a body: Fastify refuses a DELETE that announces JSON and sends none.
      header: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      timeout: 15000,
    });
    return { status: res.statusCode, data: res.data };
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
}

function toError(res: RawResponse): ApiError {
  const body = (res.data && typeof res.data === 'object' ? res.data : {}) as { code?: unknown; message?: unknown };
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : `HTTP_${res.status}`,
    typeof body.message === 'string' && body.message ? body.message : '服务开小差了，请稍后再试',
  );
}

/** One promise per job, so concurrent callers share a login or a refresh (refresh tokens are single-use). */
function shared(fn: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  return () => (inFlight ??= fn().finally(() => (inFlight = null)));
}

/** Logs in with a fresh WeChat code (carrying the inviter's code the app was opened with). */
export const login = shared(async () => {
  const code = await getLoginCode();
  const inviteCode = launchInviteCode();
  const fingerprint = deviceFingerprint();
  const body: BodyOf<'/api/auth/wx-login', 'post'> = { code, ...(inviteCode ? { inviteCode } : {}), ...(fingerprint ? { deviceFingerprint: fingerprint } : {}), platform: devicePlatform() };
  const res = await send('post', '/api/auth/wx-login', body);
  if (res.status !== 200) throw toError(res);
  tokens.save(res.data as ResponseOf<'/api/auth/wx-login', 'post'>);
});

/** Trades the refresh token for a new pair; when that fails, logs in again from scratch. */
const renewSession = shared(async () => {
  const refreshToken = tokens.refresh();
  if (refreshToken) {
    const body: BodyOf<'/api/auth/refresh', 'post'> = { refreshToken };
    const res = await send('post', '/api/auth/refresh', body).catch(() => null);
    if (res?.status === 200) return tokens.save(res.data as TokenPair);
  }
  tokens.clear();
  await login();
});

function fillPath(path: string, params?: Record<string, unknown>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new ApiError(0, 'CLIENT_ERROR', `缺少路径参数 ${name}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * The one request wrapper: adds the token (logging in first if needed), renews the session once on
 * 401, and shows one friendly toast on failure unless `silent`. It never turns an error into a
 * success: every failure rejects with an ApiError.
 */
async function request<T>(method: HttpMethod, path: string, data: unknown, opts: RequestOptions & { params?: object } = {}): Promise<T> {
  try {
    const url = fillPath(path, opts.params as Record<string, unknown> | undefined);
    if (!tokens.access()) await login();
    const used = tokens.access();
    let res = await send(method, url, data, used);
    if (res.status === 401) {
      // Another call may have renewed the session meanwhile; only renew if the token is still the one refused.
      if (tokens.access() === used) await renewSession();
      res = await send(method, url, data, tokens.access());
    }
    if (res.status < 200 || res.status >= 300) throw toError(res);
    return res.data as T;
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', '出错了，请稍后再试');
    if (!opts.silent) void Taro.showToast({ title: apiError.message, icon: 'none', duration: 2500 });
    throw apiError;
  }
}

/**
 * For fire-and-forget calls from effects and taps (`void load().catch(ignoreApiError)`): the
 * wrapper has already shown the member a toast, so an ApiError needs no more handling. Anything
 * else is a bug and is rethrown.
 */
export function ignoreApiError(error: unknown): void {
  if (!(error instanceof ApiError)) throw error;
}

/** Typed calls: the path picks the request and response types from the OpenAPI contract. */
export const api = {
  get<P extends PathsWith<'get'>>(path: P, query?: QueryOf<P, 'get'>, ...[opts]: OptionsArg<P, 'get'>) {
    return request<ResponseOf<P, 'get'>>('get', path, query, opts);
  },
  post<P extends PathsWith<'post'>>(path: P, body: BodyOf<P, 'post'>, ...[opts]: OptionsArg<P, 'post'>) {
    return request<ResponseOf<P, 'post'>>('post', path, body, opts);
  },
  put<P extends PathsWith<'put'>>(path: P, body: BodyOf<P, 'put'>, ...[opts]: OptionsArg<P, 'put'>) {
    return request<ResponseOf<P, 'put'>>('put', path, body, opts);
  },
  patch<P extends PathsWith<'patch'>>(path: P, body: BodyOf<P, 'patch'>, ...[opts]: OptionsArg<P, 'patch'>) {
    return request<ResponseOf<P, 'patch'>>('patch', path, body, opts);
  },
  delete<P extends PathsWith<'delete'>>(path: P, query?: QueryOf<P, 'delete'>, ...[opts]: OptionsArg<P, 'delete'>) {
    return request<ResponseOf<P, 'delete'>>('delete', path, query, opts);
  },
};

export type { paths };

/**
 * Downloads a file the API draws for the member (the invite poster) to a local temp path, with the
 * same login and one-renewal rules as the JSON calls.
 */
export async function downloadAuthed(path: PathsWith<'get'>): Promise<string> {
  const attempt = async () => {
    try {
      return await Taro.downloadFile({ url: API_BASE + path, header: { Authorization: `Bearer ${tokens.access()}` } });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
    }
  };
  if (!tokens.access()) await login();
  const used = tokens.access();
  let res = await attempt();
  if (res.statusCode === 401) {
    if (tokens.access() === used) await renewSession();
    res = await attempt();
  }
  if (res.statusCode !== 200) {
    // The error's { code, message } is in the downloaded file, which not every platform can read
    // back; ask once more as JSON so the member sees the server's own message.
    await request('get', path, undefined, {});
    throw new ApiError(res.statusCode, `HTTP_${res.statusCode}`, '服务开小差了，请稍后再试');
  }
  return res.tempFilePath;
}
