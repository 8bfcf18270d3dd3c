/**
 * A local stand-in for WeChat's servers that speaks their real protocol (paths, parameters, JSON
 * shapes, errcodes), so the server's production WeChat client runs unchanged against it, selected
 * only by WECHAT_API_BASE. `/__sandbox/*` are demo/test helpers that real WeChat does not have.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxState } from './state';
import { BodyTooLarge, readBody, sendJson, wxError } from './http-util';
import { getAccessToken, getUnlimitedCode, jscode2session, sendSubscribeMessage } from './wxa-api';
import { completePayment, handlePayRoute, PayState } from './pay-api';
import { generatePayKeys, PayKeys } from './pay-keys';
import { uploadShippingInfo } from './shipping-api';
import { renderPayPage, submitPayPage } from './pay-page';

export interface WechatSandbox {
  url: string;
  port: number;
  state: SandboxState;
  /** WeChat Pay v3: its keys (the server's half goes to the server's config) and transactions. */
  pay: PayState;
  close(): Promise<void>;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  appId: string;
  appSecret: string;
  /** WeChat Pay keys; generated for this run when not given. */
  payKeys?: PayKeys;
  /** Scales WeChat's notification retry schedule (15 s … 6 h); default 1/1000. */
  payTimeScale?: number;
  /** Hosts (besides loopback) the H5 pay page may return to: where the app is served. */
  appHosts?: string[];
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS', 'access-control-allow-headers': 'content-type' };

async function parseJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const raw = await readBody(req);
  try {
    const value = JSON.parse(raw.toString('utf8') || 'null');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

async function handleSandboxRoute(state: SandboxState, pay: PayState, req: IncomingMessage, url: URL, res: ServerResponse, appHosts: readonly string[]): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS);
    return void res.end();
  }
  switch (route) {
    case 'GET /__sandbox/health':
      return sendJson(res, { ok: true }, 200, CORS);
    case 'GET /__sandbox/login-code': {
      const openid = url.searchParams.get('openid') ?? '';
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid)) return sendJson(res, { error: 'openid must be 1-64 of [A-Za-z0-9_-]' }, 400, CORS);
      return sendJson(res, { code: state.issueLoginCode(openid) }, 200, CORS);
    }
    case 'GET /__sandbox/subscribe-messages':
      return sendJson(res, { items: state.subscribeMessages }, 200, CORS);
    case 'GET /__sandbox/shipments':
      return sendJson(res, { items: state.shipments }, 200, CORS);
    case 'DELETE /__sandbox/subscribe-messages':
      state.subscribeMessages.length = 0;
      return sendJson(res, { ok: true }, 200, CORS);
    case 'POST /__sandbox/pay': {
      // The member confirms payment (the demo's pay page, or a test): WeChat then notifies the merchant.
      const body = (await parseJson(req)) ?? {};
      const paid = typeof body.out_trade_no === 'string' ? completePayment(pay, body.out_trade_no) : null;
      return paid ? sendJson(res, { out_trade_no: paid.outTradeNo, trade_state: paid.state }, 200, CORS) : sendJson(res, { error: 'no unpaid transaction with that out_trade_no' }, 404, CORS);
    }
    case 'GET /__sandbox/pay-page':
      return renderPayPage(pay, url, res, appHosts);
    case 'POST /__sandbox/pay-page':
      return submitPayPage(pay, req, res, appHosts);
    case 'POST /__sandbox/faults': {
      const body = (await parseJson(req)) ?? {};
      if (typeof body.down === 'boolean') state.faults.down = body.down;
      if (typeof body.delayMs === 'number' && body.delayMs >= 0) state.faults.delayMs = body.delayMs;
      // WeChat Pay settles refunds but their REFUND.SUCCESS notifications never arrive.
      if (typeof body.loseRefundNotifies === 'boolean') pay.faults.loseRefundNotifies = body.loseRefundNotifies;
      return sendJson(res, { ...state.faults, ...pay.faults }, 200, CORS);
    }
    default:
      return sendJson(res, wxError(-1, 'not found'), 404, CORS);
  }
}

async function handleWechatRoute(state: SandboxState, pay: PayState, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
  const token = url.searchParams.get('access_token');
  const route = `${req.method} ${url.pathname}`;
  state.count(url.pathname);
  switch (route) {
    case 'GET /sns/jscode2session':
      return jscode2session(state, url.searchParams, res);
    case 'GET /cgi-bin/token':
      return getAccessToken(state, Object.fromEntries(url.searchParams), res);
    case 'POST /cgi-bin/stable_token':
    case 'POST /cgi-bin/message/subscribe/send':
    case 'POST /wxa/getwxacodeunlimit':
    case 'POST /wxa/sec/order/upload_shipping_info': {
      const body = await parseJson(req);
      if (!body) return sendJson(res, wxError(47001, 'data format error'));
      if (route === 'POST /wxa/sec/order/upload_shipping_info') return uploadShippingInfo(state, pay, token, body, res);
      if (route === 'POST /cgi-bin/stable_token') return getAccessToken(state, body as Record<string, string>, res);
      if (route === 'POST /cgi-bin/message/subscribe/send') return sendSubscribeMessage(state, token, body, res);
      return getUnlimitedCode(state, token, body, res);
    }
    default:
      return sendJson(res, wxError(-1, 'not found'), 404);
  }
}

export async function startWechatSandbox(opts: SandboxOptions): Promise<WechatSandbox> {
  const state = new SandboxState(opts.appId, opts.appSecret);
  const pay = new PayState(opts.payKeys ?? generatePayKeys(), opts.payTimeScale ?? 0.001);
  const appHosts = (opts.appHosts ?? []).map((h) => h.toLowerCase());
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const work = async () => {
      if (url.pathname.startsWith('/__sandbox/')) return handleSandboxRoute(state, pay, req, url, res, appHosts);
      if (state.faults.delayMs) await new Promise((r) => setTimeout(r, state.faults.delayMs));
      if (state.faults.down) {
        res.writeHead(503, { 'content-type': 'text/html' });
        return void res.end('<html><body>503 Service Temporarily Unavailable</body></html>');
      }
      if (url.pathname.startsWith('/v3/')) return handlePayRoute(pay, req, url, res);
      return handleWechatRoute(state, pay, req, url, res);
    };
    work().catch((error) => {
      if (res.headersSent) return void res.end();
      if (error instanceof BodyTooLarge) return sendJson(res, wxError(44002, 'empty post data or too large'), 413);
      sendJson(res, wxError(-1, 'system error'), 500);
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    state,
    pay,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
