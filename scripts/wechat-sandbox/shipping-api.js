"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.uploadShippingInfo = uploadShippingInfo;
const http_util_1 = require("./http-util");
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
function findPayment(pay, key) {
    if (key.order_number_type === 2 && typeof key.transaction_id === 'string')
        return [...pay.transactions.values()].find((t) => t.transactionId === key.transaction_id);
    if (key.order_number_type === 1 && key.mchid === pay.keys.mchId && typeof key.out_trade_no === 'string')
        return pay.transactions.get(key.out_trade_no);
    return undefined;
}
function uploadShippingInfo(state, pay, token, body, res) {
    if (!state.isValidToken(token))
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40001, 'invalid credential, access_token is invalid or not latest'));
    const list = body.shipping_list;
    if (!body.order_key || typeof body.order_key !== 'object' || !Array.isArray(list) || !body.payer || typeof body.payer !== 'object')
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(47001, 'data format error'));
    if (typeof body.upload_time !== 'string' || !RFC3339.test(body.upload_time))
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(268485216, '上传时间非法，请按照 RFC 3339 格式填写'));
    if (![1, 2, 3, 4].includes(body.logistics_type))
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060005, '物流模式有误'));
    if (![1, 2].includes(body.delivery_mode))
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(268485224, '发货模式非法'));
    if (body.delivery_mode === 1 && list.length !== 1)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(268485228, '统一发货模式下，物流信息列表长度必须为1'));
    if (list.length < 1 || list.length > 15)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060024, '物流信息列表过长'));
    for (const s of list) {
        if (!s || typeof s.item_desc !== 'string' || !s.item_desc)
            return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060008, '商品描述字段不能为空'));
        if (s.item_desc.length > 120)
            return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060009, '商品描述字段长度过长'));
        if (body.logistics_type === 1) {
            if (typeof s.tracking_no !== 'string' || !s.tracking_no || typeof s.express_company !== 'string' || !s.express_company)
                return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060014, '参数错误：物流单号与物流公司编码必填'));
            if (s.tracking_no.length > 128)
                return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060026, '物流单号过长'));
            if (s.express_company.length > 128)
                return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060025, '物流公司编码过长'));
            // SF requires a masked phone of the receiver or sender.
            if (s.express_company === 'SF' && !(s.contact && (s.contact.receiver_contact || s.contact.consignor_contact)))
                return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060014, '参数错误：顺丰快递需填写联系方式'));
        }
    }
    const t = findPayment(pay, body.order_key);
    if (!t)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060001, '支付单不存在'));
    if (t.state !== 'SUCCESS')
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060004, '支付单处于不可发货的状态'));
    if (body.payer.openid !== t.openid)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060031, '该笔支付单不属于 openid 所指定的用户'));
    const earlier = state.shipments.filter((s) => s.transactionId === t.transactionId);
    // The first upload ships; one more is allowed as the re-ship; after that WeChat refuses.
    if (earlier.length >= 2)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(10060003, '支付单已使用重新发货机会'));
    state.shipments.push({ transactionId: t.transactionId, outTradeNo: t.outTradeNo, body, receivedAt: new Date().toISOString() });
    (0, http_util_1.sendJson)(res, { errcode: 0, errmsg: 'ok' });
}
//# sourceMappingURL=shipping-api.js.map