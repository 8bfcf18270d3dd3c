/**
 * A failed call: the server's `{ code, message }` for a 4xx/5xx, or a client-side failure.
 * `status` 0 means the request never got an HTTP answer (network down, login code unavailable).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR_MESSAGE = '网络异常，请检查网络后重试';
