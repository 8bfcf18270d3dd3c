"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SCENE_PATTERN = void 0;
exports.jscode2session = jscode2session;
exports.getAccessToken = getAccessToken;
exports.sendSubscribeMessage = sendSubscribeMessage;
exports.getUnlimitedCode = getUnlimitedCode;
const qrcode_1 = __importDefault(require("qrcode"));
const http_util_1 = require("./http-util");
/** WeChat's rule for getwxacodeunlimit's scene: ≤ 32 visible characters from this set. */
exports.SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
function jscode2session(state, q, res) {
    if (q.get('appid') !== state.appId)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40013, 'invalid appid'));
    if (q.get('secret') !== state.appSecret)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40125, 'invalid appsecret'));
    if (q.get('grant_type') !== 'authorization_code')
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40002, 'invalid grant_type'));
    const code = q.get('js_code') ?? '';
    let openid;
    if (/^sandbox:[A-Za-z0-9_-]{1,64}$/.test(code))
        openid = code.slice('sandbox:'.length);
    else {
        const issued = state.loginCodes.get(code);
        if (issued?.used)
            return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40163, 'code been used'));
        if (issued) {
            issued.used = true;
            openid = issued.openid;
        }
    }
    if (!openid)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40029, 'invalid code'));
    (0, http_util_1.sendJson)(res, { openid, session_key: state.sessionKeyFor(openid) });
}
function getAccessToken(state, params, res) {
    if (params.grant_type !== 'client_credential')
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40002, 'invalid grant_type'));
    if (params.appid !== state.appId)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40013, 'invalid appid'));
    if (params.secret !== state.appSecret)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40125, 'invalid appsecret'));
    (0, http_util_1.sendJson)(res, state.issueAccessToken());
}
const INVALID_TOKEN = (0, http_util_1.wxError)(40001, 'invalid credential, access_token is invalid or not latest');
function sendSubscribeMessage(state, token, body, res) {
    if (!state.isValidToken(token))
        return (0, http_util_1.sendJson)(res, INVALID_TOKEN);
    if (typeof body.touser !== 'string' || !body.touser)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40003, 'invalid openid'));
    if (typeof body.template_id !== 'string' || !body.template_id)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40037, 'invalid template_id'));
    const data = body.data;
    const validData = data && typeof data === 'object' && Object.values(data).length > 0 && Object.values(data).every((v) => v && typeof v === 'object' && typeof v.value === 'string');
    if (!validData)
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(47003, 'argument invalid! data.value invalid'));
    state.subscribeMessages.push({
        touser: body.touser,
        template_id: body.template_id,
        page: typeof body.page === 'string' ? body.page : undefined,
        data: data,
        miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
        lang: typeof body.lang === 'string' ? body.lang : undefined,
        receivedAt: new Date().toISOString(),
    });
    (0, http_util_1.sendJson)(res, { errcode: 0, errmsg: 'ok' });
}
/** A real PNG whose QR code holds the scene, so tests can decode what a poster carries. */
async function getUnlimitedCode(state, token, body, res) {
    if (!state.isValidToken(token))
        return (0, http_util_1.sendJson)(res, INVALID_TOKEN);
    const scene = body.scene;
    if (typeof scene !== 'string' || !exports.SCENE_PATTERN.test(scene)) {
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(40169, 'invalid length for scene, or the data is not json string'));
    }
    if (body.page !== undefined && (typeof body.page !== 'string' || body.page.startsWith('/'))) {
        return (0, http_util_1.sendJson)(res, (0, http_util_1.wxError)(41030, 'invalid page rid'));
    }
    const width = typeof body.width === 'number' ? Math.min(1280, Math.max(280, Math.round(body.width))) : 430;
    const png = await qrcode_1.default.toBuffer(scene, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
    res.end(png);
}
//# sourceMappingURL=wxa-api.js.map