"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.safeReturnUrl = safeReturnUrl;
exports.renderPayPage = renderPayPage;
exports.submitPayPage = submitPayPage;
const http_util_1 = require("./http-util");
const pay_api_1 = require("./pay-api");
/**
 * The H5 stand-in for WeChat's payment sheet: a browser has no wx.requestPayment, so the H5 app sends
 * the member here with the order's prepay_id. 确认支付 pays the transaction exactly like
 * `POST /__sandbox/pay` (a real signed, encrypted TRANSACTION.SUCCESS notification to the merchant),
 * then returns to the app. Only return URLs on loopback hosts or the configured app hosts are
 * followed, so the page is no open redirect.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
function safeReturnUrl(raw, appHosts) {
    if (!raw || raw.length > 2000)
        return null;
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return null;
    if (url.username || url.password)
        return null;
    const host = url.hostname.toLowerCase();
    return LOOPBACK.has(host) || appHosts.includes(host) ? url.toString() : null;
}
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;
function findByPrepayId(pay, prepayId) {
    if (!prepayId)
        return null;
    for (const t of pay.transactions.values())
        if (t.prepayId === prepayId)
            return t;
    return null;
}
function sendHtml(res, status, title, body) {
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;color:#111}
.sheet{max-width:420px;margin:0 auto;padding:32px 20px;text-align:center}
.merchant{color:#666;font-size:15px}.amount{font-size:40px;font-weight:600;margin:16px 0 8px}
.desc{color:#888;font-size:14px;margin-bottom:32px}
button{display:block;width:100%;padding:14px;border:0;border-radius:8px;font-size:17px;margin-top:12px}
.pay{background:#07c160;color:#fff}.cancel{background:#fff;color:#111}.note{color:#999;font-size:12px;margin-top:24px}
</style></head><body><div class="sheet">${body}</div></body></html>`;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
    res.end(html);
}
/** GET /__sandbox/pay-page?prepay_id=…&return=<url> */
function renderPayPage(pay, url, res, appHosts) {
    const back = safeReturnUrl(url.searchParams.get('return'), appHosts);
    if (!back)
        return sendHtml(res, 400, '参数错误', '<p>返回地址无效</p>');
    const t = findByPrepayId(pay, url.searchParams.get('prepay_id'));
    if (!t)
        return sendHtml(res, 404, '订单不存在', `<p>支付订单不存在</p><a href="${escapeHtml(back)}">返回</a>`);
    if (t.state !== 'NOTPAY')
        return sendHtml(res, 409, '无法支付', `<p>该订单${t.state === 'CLOSED' ? '已关闭' : '已支付'}</p><a href="${escapeHtml(back)}">返回商家</a>`);
    sendHtml(res, 200, '微信支付', `<div class="merchant">会员好物商城 · 商户号 ${escapeHtml(pay.keys.mchId)}</div>
<div class="amount" data-testid="pay-amount">${yuan(t.totalFen)}</div>
<div class="desc">${escapeHtml(t.description)}</div>
<form method="post" action="/__sandbox/pay-page">
<input type="hidden" name="prepay_id" value="${escapeHtml(t.prepayId)}"><input type="hidden" name="return" value="${escapeHtml(back)}">
<button class="pay" name="action" value="pay" type="submit">确认支付</button>
<button class="cancel" name="action" value="cancel" type="submit">取消</button>
</form><div class="note">本地演示支付页，不会产生真实扣款</div>`);
}
/** POST /__sandbox/pay-page (the form above): pays or not, then back to the app. */
async function submitPayPage(pay, req, res, appHosts) {
    const form = new URLSearchParams((await (0, http_util_1.readBody)(req)).toString('utf8'));
    const back = safeReturnUrl(form.get('return'), appHosts);
    if (!back)
        return sendHtml(res, 400, '参数错误', '<p>返回地址无效</p>');
    if (form.get('action') === 'pay') {
        const t = findByPrepayId(pay, form.get('prepay_id'));
        if (!t || !(0, pay_api_1.completePayment)(pay, t.outTradeNo))
            return sendHtml(res, 409, '无法支付', `<p>该订单已支付、已关闭或不存在</p><a href="${escapeHtml(back)}">返回商家</a>`);
        // Like WeChat, the member lands back in the app after the merchant has usually heard of it.
        await waitForDelivery(pay, t.outTradeNo, 5000);
    }
    res.writeHead(303, { location: back, 'cache-control': 'no-store' });
    res.end();
}
async function waitForDelivery(pay, ref, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !pay.deliveries.some((d) => d.ref === ref && d.status >= 200 && d.status < 300)) {
        await new Promise((r) => setTimeout(r, 50));
    }
}
//# sourceMappingURL=pay-page.js.map