"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.wxError = exports.BodyTooLarge = exports.MAX_BODY_BYTES = void 0;
exports.readBody = readBody;
exports.sendJson = sendJson;
exports.MAX_BODY_BYTES = 1024 * 1024;
class BodyTooLarge extends Error {
}
exports.BodyTooLarge = BodyTooLarge;
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size > exports.MAX_BODY_BYTES) {
                reject(new BodyTooLarge());
                req.destroy();
            }
            else
                chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}
function sendJson(res, body, status = 200, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
}
const wxError = (errcode, errmsg) => ({ errcode, errmsg });
exports.wxError = wxError;
//# sourceMappingURL=http-util.js.map