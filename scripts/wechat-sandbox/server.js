"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startWechatSandbox = startWechatSandbox;
/**
 * A local stand-in for WeChat's servers that speaks their real protocol (paths, parameters, JSON
 * shapes, errcodes), so the server's production WeChat client runs unchanged against it, selected
 * only by WECHAT_API_BASE. `/__sandbox/*` are demo/test helpers that real WeChat does not have.
 */
const node_http_1 = require("node:http");
const state_1 = require("./state");
const http_util_1 = require("./http-util");
const wxa_api_1 = require("./wxa-api");
const pay_api_1 = require("./pay-api");
const pay_keys_1 = require("./pay-keys");
const shipping_api_1 = require("./shipping-api");
const pay_page_1 = require("./pay-page");
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS', 'access-control-allow-headers': 'content-type' };
async function parseJson(req) {
    const raw = await (0, http_util_1.readBody)(req);
    try {
        const value = JSON.parse(raw.toString('utf8') || 'null');
        return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
    }
    catch {
        return null;
    }
}
async function handleSandboxRoute(state, pay, req, url, res, appHosts) {
    const route = `${req.method} ${url.pathname}`;
    if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS);
        return void res.end();
    }
    switch (route) {
        case 'GET /__sandbox/health':
            return (0, http_util_1.sendJson)(res, { ok: true }, 200, CORS);
        case 'GET /__sandbox/login-code': {
            const openid = url.searchParams.get('openid') ?? '';
            if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid))
                return (0, http_util_1.sendJson)(res, { error: 'openid must be 1-64 of [A-Za-z0-9_-]' }, 400, CORS);
            return (0, http_util_1.sendJson)(res, { code: state.issueLoginCode(openid) }, 200, CORS);
        }
        case 'GET /__sandbox/subscribe-messages':
            return (0, http_util_1.sendJson)(res, { items: state.subscribeMessages }, 200, CORS);
        case 'GET /__sandbox/shipments':
            return (0, http_util_1.sendJson)(res, { items: state.shipments }, 200, CORS);
        case 'DELETE /__sandbox/subscribe-messages':
            state.subscribeMessages.length = 0;
            return (0, http_util_1.sendJson)(res, { ok: true }, 200, CORS);
        case 'POST /__sandbox/pay': {
            // The member confirms payment (the demo's pay page, or a test): WeChat then notifies the merchant.
            const body = (await parseJson(req)) ?? {};
            const paid = typeof body.out_trade_no === 'string' ? (0, pay_api_1.completePayment)(pay, body.out_trade_no) : null;
            return paid ? (0, http_util_1.sendJson)(res, { out_trade_no: paid.outTradeNo, trade_state: paid.state }, 200, CORS) : (0, http_util_1.sendJson)(res, { error: 'no unpaid transaction with that out_trade_no' }, 404, CORS);
        }
        case 'GET /__sandbox/pay-page':
            return (0, pay_page_1.renderPayPage)(pay, url, res, appHosts);
        case 'POST /__sandbox/pay-page':
            return (0, pay_page_1.submitPayPage)(pay, req, res, appHosts);
        case 'POST /__sandbox/faults': {
            const body = (await parseJson(req)) ?? {};
            if (typeof body.down === 'boolean')
                state.faults.down = body.down;
            if (typeof body.delayMs === 'number' && body.delayMs >= 0)
                state.faults.delayMs = body.delayMs;
            // WeChat Pay settles refunds but their REFUND.SUCCESS notifications never arrive.
            if (typeof body.loseRefundNotifies === 'boolean')
                pay.faults.loseRefundNotifies = body.loseRefundNotifies;
            return (0, http_util_1.sendJson)(res, { ...state.faults, ...pay.faults }, 200, CORS);
        }
        default:
            return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(-1, 'not found'), 404, CORS);
    }
}
async function handleWechatRoute(state, pay, req, url, res) {
    const token = url.searchParams.get('access_token');
    const route = `${req.method} ${url.pathname}`;
    state.count(url.pathname);
    switch (route) {
        case 'GET /sns/jscode2session':
            return (0, wxa_api_1.jscode2session)(state, url.searchParams, res);
        case 'GET /cgi-bin/token':
            return (0, wxa_api_1.getAccessToken)(state, Object.fromEntries(url.searchParams), res);
        case 'POST /cgi-bin/stable_token':
        case 'POST /cgi-bin/message/subscribe/send':
        case 'POST /wxa/getwxacodeunlimit':
        case 'POST /wxa/sec/order/upload_shipping_info': {
            const body = await parseJson(req);
            if (!body)
                return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(47001, 'data format error'));
            if (route === 'POST /wxa/sec/order/upload_shipping_info')
                return (0, shipping_api_1.uploadShippingInfo)(state, pay, token, body, res);
            if (route === 'POST /cgi-bin/stable_token')
                return (0, wxa_api_1.getAccessToken)(state, body, res);
            if (route === 'POST /cgi-bin/message/subscribe/send')
                return (0, wxa_api_1.sendSubscribeMessage)(state, token, body, res);
            return (0, wxa_api_1.getUnlimitedCode)(state, token, body, res);
        }
        default:
            return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(-1, 'not found'), 404);
    }
}
async function startWechatSandbox(opts) {
    const state = new state_1.SandboxState(opts.appId, opts.appSecret);
    const pay = new pay_api_1.PayState(opts.payKeys ?? (0, pay_keys_1.generatePayKeys)(), opts.payTimeScale ?? 0.001);
    const appHosts = (opts.appHosts ?? []).map((h) => h.toLowerCase());
    const server = (0, node_http_1.createServer)((req, res) => {
        const url = new URL(req.url ?? '/', 'http://sandbox');
        const work = async () => {
            if (url.pathname.startsWith('/__sandbox/'))
                return handleSandboxRoute(state, pay, req, url, res, appHosts);
            if (state.faults.delayMs)
                await new Promise((r) => setTimeout(r, state.faults.delayMs));
            if (state.faults.down) {
                res.writeHead(503, { 'content-type': 'text/html' });
                return void res.end('<html><body>503 Service Temporarily Unavailable</body></html>');
            }
            if (url.pathname.startsWith('/v3/'))
                return (0, pay_api_1.handlePayRoute)(pay, req, url, res);
            return handleWechatRoute(state, pay, req, url, res);
        };
        work().catch((error) => {
            if (res.headersSent)
                return void res.end();
            if (error instanceof http_util_1.BodyTooLarge)
                return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(44002, 'empty post data or too large'), 413);
            (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(-1, 'system error'), 500);
        });
    });
    const sockets = new Set();
    server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address();
    return {
        url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
        port,
        state,
        pay,
        close: () => new Promise((resolve) => {
            for (const s of sockets)
                s.destroy();
            server.close(() => resolve());
        }),
    };
}
//# sourceMappingURL=server.js.map