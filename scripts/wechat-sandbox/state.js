"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SandboxState = void 0;
const node_crypto_1 = require("node:crypto");
/** Everything the stand-in remembers; tests read it in-process or through /__sandbox/*. */
class SandboxState {
    constructor(appId, appSecret) {
        this.appId = appId;
        this.appSecret = appSecret;
        this.subscribeMessages = [];
        /** upload_shipping_info calls WeChat accepted. */
        this.shipments = [];
        this.accessTokens = new Map(); // token → expiry (ms)
        this.loginCodes = new Map();
        this.faults = { down: false, delayMs: 0 };
        this.requestCounts = {};
    }
    count(path) {
        this.requestCounts[path] = (this.requestCounts[path] ?? 0) + 1;
    }
    issueAccessToken() {
        const token = (0, node_crypto_1.randomBytes)(24).toString('base64url');
        this.accessTokens.set(token, Date.now() + 7200_000);
        return { access_token: token, expires_in: 7200 };
    }
    isValidToken(token) {
        if (!token)
            return false;
        const expiry = this.accessTokens.get(token);
        return expiry !== undefined && expiry > Date.now();
    }
    issueLoginCode(openid) {
        const code = (0, node_crypto_1.randomBytes)(16).toString('hex');
        this.loginCodes.set(code, { openid, used: false });
        return code;
    }
    /** Deterministic per openid, so repeated sandbox logins look like WeChat's stable session. */
    sessionKeyFor(openid) {
        return (0, node_crypto_1.createHash)('sha256').update(`session:${openid}`).digest().subarray(0, 16).toString('base64');
    }
}
exports.SandboxState = SandboxState;
//# sourceMappingURL=state.js.map