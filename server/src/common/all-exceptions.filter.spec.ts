import { HttpException, PayloadTooLargeException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { AppHttpError } from './errors';
import { toErrorResponse } from './all-exceptions.filter';

describe('toErrorResponse', () => {
  it.each([
    [new AppHttpError(409, 'NOT_ENOUGH_POINTS', '积分不足'), 409, { code: 'NOT_ENOUGH_POINTS', message: '积分不足' }],
    [new PayloadTooLargeException(), 413, { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' }],
    // How Nest hands over Fastify's JSON parser failure (mapExternalException).
    [new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400), 400, { code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' }],
    [new ThrottlerException(), 429, { code: 'TOO_MANY_REQUESTS', message: '请求太频繁，请稍后再试' }],
    [new QueryFailedError('SELECT 1', [], Object.assign(new Error('gone'), { code: 'PROTOCOL_CONNECTION_LOST' })), 503, { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }],
    [new QueryFailedError('SELEC 1', [], Object.assign(new Error('syntax'), { code: 'ER_PARSE_ERROR' })), 500, { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' }],
    [new TypeError('x is undefined at /srv/app.js:1'), 500, { code: 'INTERNAL_ERROR', message: '服务器开小差了，请稍后再试' }],
  ])('maps %s to %i without leaking internals', (error, status, body) => {
    const mapped = toErrorResponse(error);
    expect(mapped).toEqual({ status, body });
    expect(JSON.stringify(mapped)).not.toMatch(/\/srv|syntax|gone/);
  });
});
