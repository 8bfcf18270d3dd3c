import { HttpException, HttpStatus } from '@nestjs/common';

/** The one error shape every 4xx/5xx answer has. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * An expected business outcome that maps to a 4xx (e.g. "not enough points").
 * Services return these as values (see `Outcome`); controllers turn failures into this exception.
 */
export class AppHttpError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
  }
}

export type Outcome<T, C extends string = string> =
  | { ok: true; value: T }
  | { ok: false; code: C; message: string; status?: number; details?: unknown };

export const ok = <T>(value: T): Outcome<T, never> => ({ ok: true, value });
export const fail = <C extends string>(code: C, message: string, status = 400, details?: unknown) =>
  ({ ok: false, code, message, status, details }) as const;

/** Unwraps an outcome at the edge: success gives the value, failure becomes a 4xx with its code. */
export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new AppHttpError(outcome.status ?? HttpStatus.BAD_REQUEST, outcome.code, outcome.message, outcome.details);
}

export const DEFAULT_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求有误' },
  401: { code: 'UNAUTHORIZED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限' },
  404: { code: 'NOT_FOUND', message: '资源不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' },
  409: { code: 'CONFLICT', message: '请求冲突' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  422: { code: 'UNPROCESSABLE', message: '无法处理的请求' },
  429: { code: 'TOO_MANY_REQUESTS', message: '请求太频繁，请稍后再试' },
  500: { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
};

export function defaultErrorFor(status: number): { code: string; message: string } {
  return DEFAULT_CODES[status] ?? (status >= 500 ? DEFAULT_CODES[500] : { code: 'HTTP_' + status, message: '请求失败' });
}
