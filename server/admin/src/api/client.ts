import createClient, { type Middleware } from 'openapi-fetch';
import type { paths, components } from '@mall/shared';
import { session } from './session';

export type ApiErrorBody = components['schemas']['ErrorResponse'];

/** A failed call, carrying the server's `{ code, message, details? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => undefined;
export function setUnauthorizedHandler(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

/** Typed from the server's OpenAPI document: a renamed field breaks the build, not the page. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Unwraps an openapi-fetch result: data on success, an ApiError otherwise (never a silent success). */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (response.ok && data !== undefined) return data;
  const body = (error ?? {}) as Partial<ApiErrorBody>;
  if (response.status === 401 && !response.url.endsWith('/api/admin/auth/login')) onUnauthorized();
  throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? '请求失败，请稍后再试', body.details);
}
