"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generatePayKeys = generatePayKeys;
exports.payEnvFor = payEnvFor;
exports.platformSignature = platformSignature;
exports.encryptResource = encryptResource;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const node_crypto_2 = require("node:crypto");
function rsaPair() {
    return (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}
const serial = () => (0, node_crypto_1.randomBytes)(20).toString('hex').toUpperCase();
function generatePayKeys(mchId = '1900000109') {
    const merchant = rsaPair();
    const platform = rsaPair();
    return {
        mchId,
        merchantSerial: serial(),
        merchantPrivateKeyPem: merchant.privateKey,
        merchantPublicKeyPem: merchant.publicKey,
        platformSerial: serial(),
        platformPrivateKeyPem: platform.privateKey,
        platformPublicKeyPem: platform.publicKey,
        // 32 visible characters, as the merchant platform issues them.
        apiV3Key: (0, node_crypto_1.randomBytes)(24).toString('base64').replace(/[+/=]/g, 'x').slice(0, 32),
    };
}
/** Writes the server's half of the keys to `dir` and returns the environment that points at them. */
function payEnvFor(keys, dir, apiBase, notifyUrl) {
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    const privateKeyFile = (0, node_path_1.join)(dir, 'apiclient_key.pem');
    const platformKeyFile = (0, node_path_1.join)(dir, 'platform_public_key.pem');
    (0, node_fs_1.writeFileSync)(privateKeyFile, keys.merchantPrivateKeyPem, { mode: 0o600 });
    (0, node_fs_1.writeFileSync)(platformKeyFile, keys.platformPublicKeyPem);
    return {
        WECHATPAY_MCH_ID: keys.mchId,
        WECHATPAY_MCH_SERIAL: keys.merchantSerial,
        WECHATPAY_PRIVATE_KEY_FILE: privateKeyFile,
        WECHATPAY_PLATFORM_SERIAL: keys.platformSerial,
        WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: platformKeyFile,
        WECHATPAY_APIV3_KEY: keys.apiV3Key,
        WECHATPAY_API_BASE: apiBase,
        WECHATPAY_NOTIFY_URL: notifyUrl,
    };
}
/** The platform's signature over an answer or a notification: `timestamp\nnonce\nbody\n`, SHA256-RSA, base64. */
function platformSignature(keys, timestamp, nonce, body) {
    return (0, node_crypto_2.createSign)('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(keys.platformPrivateKeyPem, 'base64');
}
/** AEAD_AES_256_GCM as WeChat encrypts notification resources: ciphertext with the 16-byte tag appended. */
function encryptResource(apiV3Key, plaintext, associatedData) {
    const nonce = (0, node_crypto_1.randomBytes)(6).toString('hex');
    const cipher = (0, node_crypto_1.createCipheriv)('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
    return { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce };
}
//# sourceMappingURL=pay-keys.js.map