import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorBody, defaultErrorFor } from './errors';

/** Maps anything thrown to `{ code, message, details? }`; stack traces stay in the log. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof ThrottlerException) {
    return { status: 429, body: defaultErrorFor(429) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const fallback = defaultErrorFor(status);
    if (typeof response === 'object' && response && 'code' in response && typeof (response as ErrorBody).code === 'string') {
      const r = response as ErrorBody;
      return { status, body: { code: r.code, message: r.message || fallback.message, ...(r.details !== undefined ? { details: r.details } : {}) } };
    }
    // Fastify's JSON parser failure arrives as a plain 400 whose message names JSON.
    if (status === 400 && typeof response === 'string' && /JSON/.test(response)) {
      return { status, body: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' } };
    }
    return { status, body: fallback };
  }
  // Fastify's own errors (body too large, malformed JSON, bad content type) carry a statusCode.
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (fastifyError && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fastifyError.code ?? '').startsWith('FST_ERR_CTP_EMPTY')) {
      return { status: 400, body: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' } };
    }
    return { status, body: defaultErrorFor(status) };
  }
  if (exception instanceof SyntaxError) {
    return { status: 400, body: { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' } };
  }
  // The database being away is a 503 (try again); any other failed query is a bug, so a 500.
  if (isConnectionError(exception) || (exception instanceof QueryFailedError && isConnectionError(exception.driverError))) {
    return { status: 503, body: defaultErrorFor(503) };
  }
  return { status: 500, body: defaultErrorFor(500) };
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'SQLITE_BUSY', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN'].includes(code);
}
