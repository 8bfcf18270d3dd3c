"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PayState = exports.NOTIFY_SCHEDULE_S = void 0;
exports.handlePayRoute = handlePayRoute;
exports.buildNotification = buildNotification;
exports.completePayment = completePayment;
const node_crypto_1 = require("node:crypto");
const http_util_1 = require("./http-util");
const pay_keys_1 = require("./pay-keys");
/** WeChat's retry intervals for a notification that was not acknowledged, in seconds (15 tries in all). */
exports.NOTIFY_SCHEDULE_S = [0, 15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600];
class PayState {
    constructor(keys, 
    /** Multiplies WeChat's retry schedule (1 = real time). */
    timeScale) {
        this.keys = keys;
        this.timeScale = timeScale;
        this.transactions = new Map();
        this.refunds = new Map();
        /** Every notification delivery attempt: out_trade_no / out_refund_no, the answer status. */
        this.deliveries = [];
        /** Test faults: refunds settle but their notifications are lost (the merchant must query). */
        this.faults = { loseRefundNotifies: false };
    }
}
exports.PayState = PayState;
function sendSigned(pay, res, status, body) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const nonce = (0, node_crypto_1.randomBytes)(16).toString('hex');
    res.writeHead(status, {
        ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        'request-id': (0, node_crypto_1.randomBytes)(8).toString('hex'),
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-serial': pay.keys.platformSerial,
        'wechatpay-signature': (0, pay_keys_1.platformSignature)(pay.keys, timestamp, nonce, text),
    });
    res.end(text);
}
const payError = (code, message) => ({ code, message });
/** Checks `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`. */
function checkSignature(pay, req, pathAndQuery, body) {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('WECHATPAY2-SHA256-RSA2048 '))
        return 'missing WECHATPAY2-SHA256-RSA2048 authorization';
    const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (fields.mchid !== pay.keys.mchId)
        return 'mchid does not match';
    if (fields.serial_no?.toUpperCase() !== pay.keys.merchantSerial)
        return 'unknown merchant certificate serial';
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300)
        return 'timestamp expired';
    const message = `${req.method}\n${pathAndQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const valid = (0, node_crypto_1.createVerify)('RSA-SHA256').update(message).verify(pay.keys.merchantPublicKeyPem, fields.signature ?? '', 'base64');
    return valid ? null : 'signature verification failed';
}
function transactionView(pay, t) {
    return {
        appid: t.appid,
        mchid: pay.keys.mchId,
        out_trade_no: t.outTradeNo,
        ...(t.state === 'NOTPAY' || t.state === 'CLOSED' ? {} : { transaction_id: t.transactionId, success_time: t.successTime, bank_type: 'OTHERS' }),
        trade_type: 'JSAPI',
        trade_state: t.state,
        trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }[t.state],
        payer: { openid: t.openid },
        amount: { total: t.totalFen, payer_total: t.state === 'NOTPAY' ? 0 : t.totalFen, currency: 'CNY', payer_currency: 'CNY' },
        attach: '',
    };
}
const jsapi = (pay, _req, _url, res, body) => {
    let p;
    try {
        p = JSON.parse(body);
    }
    catch {
        return sendSigned(pay, res, 400, payError('PARAM_ERROR', '请求体不是合法的 JSON'));
    }
    const bad = (typeof p.appid !== 'string' && 'appid') ||
        (p.mchid !== pay.keys.mchId && 'mchid') ||
        ((typeof p.description !== 'string' || !p.description || p.description.length > 127) && 'description') ||
        ((typeof p.out_trade_no !== 'string' || !/^[A-Za-z0-9_*|-]{6,32}$/.test(p.out_trade_no)) && 'out_trade_no') ||
        ((typeof p.notify_url !== 'string' || !/^https?:\/\//.test(p.notify_url)) && 'notify_url') ||
        ((!Number.isSafeInteger(p.amount?.total) || p.amount.total < 1) && 'amount.total') ||
        ((typeof p.payer?.openid !== 'string' || !p.payer.openid) && 'payer.openid');
    if (bad)
        return sendSigned(pay, res, 400, payError('PARAM_ERROR', `参数错误：${bad}`));
    const existing = pay.transactions.get(p.out_trade_no);
    if (existing) {
        if (existing.state !== 'NOTPAY')
            return sendSigned(pay, res, 400, payError('ORDERPAID', '该订单已支付或已关闭'));
        if (existing.totalFen !== p.amount.total || existing.openid !== p.payer.openid)
            return sendSigned(pay, res, 400, payError('INVALID_REQUEST', '201 商户订单号重复'));
        return sendSigned(pay, res, 200, { prepay_id: existing.prepayId });
    }
    const t = {
        outTradeNo: p.out_trade_no,
        transactionId: `4200${Date.now()}${(0, node_crypto_1.randomBytes)(4).toString('hex')}`.slice(0, 28),
        prepayId: `wx${Date.now()}${(0, node_crypto_1.randomBytes)(8).toString('hex')}`.slice(0, 36),
        appid: p.appid,
        description: p.description,
        notifyUrl: p.notify_url,
        totalFen: p.amount.total,
        openid: p.payer.openid,
        state: 'NOTPAY',
    };
    pay.transactions.set(t.outTradeNo, t);
    sendSigned(pay, res, 200, { prepay_id: t.prepayId });
};
async function handlePayRoute(pay, req, url, res) {
    const body = (await (0, http_util_1.readBody)(req)).toString('utf8');
    const denied = checkSignature(pay, req, url.pathname + url.search, body);
    if (denied)
        return sendSigned(pay, res, 401, payError('SIGN_ERROR', denied));
    const path = url.pathname;
    if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi')
        return jsapi(pay, req, url, res, body);
    let m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
        if (url.searchParams.get('mchid') !== pay.keys.mchId)
            return sendSigned(pay, res, 400, payError('PARAM_ERROR', 'mchid 不正确'));
        const t = pay.transactions.get(decodeURIComponent(m[1]));
        return t ? sendSigned(pay, res, 200, transactionView(pay, t)) : sendSigned(pay, res, 404, payError('ORDER_NOT_EXIST', '订单不存在'));
    }
    m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path);
    if (req.method === 'POST' && m) {
        const t = pay.transactions.get(decodeURIComponent(m[1]));
        if (!t)
            return sendSigned(pay, res, 404, payError('ORDER_NOT_EXIST', '订单不存在'));
        if (t.state === 'SUCCESS' || t.state === 'REFUND')
            return sendSigned(pay, res, 400, payError('ORDERPAID', '订单已支付'));
        t.state = 'CLOSED';
        return sendSigned(pay, res, 204, undefined);
    }
    if (req.method === 'POST' && path === '/v3/refund/domestic/refunds')
        return refund(pay, res, body);
    m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
        const r = pay.refunds.get(decodeURIComponent(m[1]));
        return r ? sendSigned(pay, res, 200, refundView(r)) : sendSigned(pay, res, 404, payError('RESOURCE_NOT_EXISTS', '退款单不存在'));
    }
    sendSigned(pay, res, 404, payError('NOT_FOUND', '接口不存在'));
}
function refundView(r) {
    return {
        refund_id: r.refundId,
        out_refund_no: r.outRefundNo,
        out_trade_no: r.outTradeNo,
        channel: 'ORIGINAL',
        status: r.status,
        amount: { refund: r.refundFen, total: r.totalFen, payer_refund: r.refundFen, payer_total: r.totalFen, currency: 'CNY' },
    };
}
function refund(pay, res, body) {
    let p;
    try {
        p = JSON.parse(body);
    }
    catch {
        return sendSigned(pay, res, 400, payError('PARAM_ERROR', '请求体不是合法的 JSON'));
    }
    const t = pay.transactions.get(p.out_trade_no);
    if (!t || (t.state !== 'SUCCESS' && t.state !== 'REFUND'))
        return sendSigned(pay, res, 404, payError('RESOURCE_NOT_EXISTS', '订单不存在或未支付'));
    const existing = pay.refunds.get(p.out_refund_no);
    if (existing)
        return sendSigned(pay, res, 200, refundView(existing));
    const refunded = [...pay.refunds.values()].filter((r) => r.outTradeNo === t.outTradeNo).reduce((s, r) => s + r.refundFen, 0);
    if (!Number.isSafeInteger(p.amount?.refund) || p.amount.refund < 1 || p.amount.total !== t.totalFen)
        return sendSigned(pay, res, 400, payError('PARAM_ERROR', '退款金额不正确'));
    if (refunded + p.amount.refund > t.totalFen)
        return sendSigned(pay, res, 403, payError('NOT_ENOUGH', '可退金额不足'));
    const r = { outRefundNo: p.out_refund_no, refundId: `5030${Date.now()}`, outTradeNo: t.outTradeNo, refundFen: p.amount.refund, totalFen: t.totalFen, notifyUrl: p.notify_url, status: 'PROCESSING' };
    pay.refunds.set(r.outRefundNo, r);
    t.state = 'REFUND';
    sendSigned(pay, res, 200, refundView(r));
    // The refund settles a moment later and is announced like a payment.
    setTimeout(() => {
        if (r.status !== 'PROCESSING')
            return;
        r.status = 'SUCCESS';
        if (r.notifyUrl && !pay.faults.loseRefundNotifies)
            void deliver(pay, r.notifyUrl, r.outRefundNo, buildNotification(pay, 'REFUND.SUCCESS', 'refund', { mchid: pay.keys.mchId, out_trade_no: r.outTradeNo, transaction_id: t.transactionId, out_refund_no: r.outRefundNo, refund_id: r.refundId, refund_status: 'SUCCESS', success_time: new Date().toISOString(), amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen } }));
    }, 20 * Math.max(pay.timeScale * 1000, 1));
}
/** A notification exactly as WeChat sends it: JSON body with an encrypted resource, and signed headers. */
function buildNotification(pay, eventType, originalType, resource) {
    const body = JSON.stringify({
        id: (0, node_crypto_1.randomBytes)(16).toString('hex'),
        create_time: new Date().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: eventType,
        summary: { 'TRANSACTION.SUCCESS': '支付成功', 'REFUND.SUCCESS': '退款成功', 'REFUND.ABNORMAL': '退款异常', 'REFUND.CLOSED': '退款关闭' }[eventType],
        resource: { original_type: originalType, ...(0, pay_keys_1.encryptResource)(pay.keys.apiV3Key, JSON.stringify(resource), originalType) },
    });
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const nonce = (0, node_crypto_1.randomBytes)(16).toString('hex');
    return {
        body,
        headers: {
            'content-type': 'application/json',
            'wechatpay-timestamp': timestamp,
            'wechatpay-nonce': nonce,
            'wechatpay-serial': pay.keys.platformSerial,
            'wechatpay-signature': (0, pay_keys_1.platformSignature)(pay.keys, timestamp, nonce, body),
            'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
        },
    };
}
/** The member paid (the demo's pay page or a test): mark the transaction paid and notify the merchant. */
function completePayment(pay, outTradeNo) {
    const t = pay.transactions.get(outTradeNo);
    if (!t || t.state !== 'NOTPAY')
        return null;
    t.state = 'SUCCESS';
    t.successTime = new Date().toISOString();
    void deliver(pay, t.notifyUrl, t.outTradeNo, buildNotification(pay, 'TRANSACTION.SUCCESS', 'transaction', transactionView(pay, t)));
    return t;
}
/** POSTs a notification until the merchant answers 2xx, on WeChat's retry schedule (scaled). */
async function deliver(pay, url, ref, notification) {
    const eventType = JSON.parse(notification.body).event_type;
    for (const waitS of exports.NOTIFY_SCHEDULE_S) {
        await new Promise((r) => setTimeout(r, waitS * 1000 * pay.timeScale));
        let status = 0;
        try {
            status = (await fetch(url, { method: 'POST', headers: notification.headers, body: notification.body, signal: AbortSignal.timeout(5000) })).status;
        }
        catch {
            status = 0;
        }
        pay.deliveries.push({ ref, eventType, status });
        if (status >= 200 && status < 300)
            return;
    }
}
//# sourceMappingURL=pay-api.js.map