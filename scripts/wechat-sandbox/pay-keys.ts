import { createCipheriv, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSign } from 'node:crypto';

/**
 * WeChat Pay v3 key material for one demo or test run, generated fresh (never committed): the
 * merchant's API key pair (the server signs requests with the private key; the stand-in checks them
 * with the public one), the platform's key pair (the stand-in signs answers and notifications; the
 * server verifies them), and the APIv3 key that encrypts notification resources.
 */
export interface PayKeys {
  mchId: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  platformSerial: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  apiV3Key: string;
}

function rsaPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

const serial = () => randomBytes(20).toString('hex').toUpperCase();

export function generatePayKeys(mchId = '1900000109'): PayKeys {
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
    apiV3Key: randomBytes(24).toString('base64').replace(/[+/=]/g, 'x').slice(0, 32),
  };
}

/** Writes the server's half of the keys to `dir` and returns the environment that points at them. */
export function payEnvFor(keys: PayKeys, dir: string, apiBase: string, notifyUrl: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const privateKeyFile = join(dir, 'apiclient_key.pem');
  const platformKeyFile = join(dir, 'platform_public_key.pem');
  writeFileSync(privateKeyFile, keys.merchantPrivateKeyPem, { mode: 0o600 });
  writeFileSync(platformKeyFile, keys.platformPublicKeyPem);
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
export function platformSignature(keys: PayKeys, timestamp: string, nonce: string, body: string): string {
  return createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(keys.platformPrivateKeyPem, 'base64');
}

/** AEAD_AES_256_GCM as WeChat encrypts notification resources: ciphertext with the 16-byte tag appended. */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string) {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce };
}
