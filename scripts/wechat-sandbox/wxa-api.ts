/** Mini-program login (jscode2session), access tokens, subscribe messages and mini-program codes. */
import type { ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { SandboxState } from './state';
import { sendJson, wxError } from './http-util';

/** WeChat's rule for getwxacodeunlimit's scene: ≤ 32 visible characters from this set. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function jscode2session(state: SandboxState, q: URLSearchParams, res: ServerResponse): void {
  if (q.get('appid') !== state.appId) return sendJson(res, wxError(40013, 'invalid appid'));
  if (q.get('secret') !== state.appSecret) return sendJson(res, wxError(40125, 'invalid appsecret'));
  if (q.get('grant_type') !== 'authorization_code') return sendJson(res, wxError(40002, 'invalid grant_type'));
  const code = q.get('js_code') ?? '';
  let openid: string | undefined;
  if (/^sandbox:[A-Za-z0-9_-]{1,64}$/.test(code)) openid = code.slice('sandbox:'.length);
  else {
    const issued = state.loginCodes.get(code);
    if (issued?.used) return sendJson(res, wxError(40163, 'code been used'));
    if (issued) {
      issued.used = true;
      openid = issued.openid;
    }
  }
  if (!openid) return sendJson(res, wxError(40029, 'invalid code'));
  sendJson(res, { openid, session_key: state.sessionKeyFor(openid) });
}

export function getAccessToken(state: SandboxState, params: { grant_type?: string; appid?: string; secret?: string }, res: ServerResponse): void {
  if (params.grant_type !== 'client_credential') return sendJson(res, wxError(40002, 'invalid grant_type'));
  if (params.appid !== state.appId) return sendJson(res, wxError(40013, 'invalid appid'));
  if (params.secret !== state.appSecret) return sendJson(res, wxError(40125, 'invalid appsecret'));
  sendJson(res, state.issueAccessToken());
}

const INVALID_TOKEN = wxError(40001, 'invalid credential, access_token is invalid or not latest');

export function sendSubscribeMessage(state: SandboxState, token: string | null, body: Record<string, unknown>, res: ServerResponse): void {
  if (!state.isValidToken(token)) return sendJson(res, INVALID_TOKEN);
  if (typeof body.touser !== 'string' || !body.touser) return sendJson(res, wxError(40003, 'invalid openid'));
  if (typeof body.template_id !== 'string' || !body.template_id) return sendJson(res, wxError(40037, 'invalid template_id'));
  const data = body.data as Record<string, { value?: unknown }> | undefined;
  const validData =
    data && typeof data === 'object' && Object.values(data).length > 0 && Object.values(data).every((v) => v && typeof v === 'object' && typeof v.value === 'string');
  if (!validData) return sendJson(res, wxError(47003, 'argument invalid! data.value invalid'));
  state.subscribeMessages.push({
    touser: body.touser,
    template_id: body.template_id,
    page: typeof body.page === 'string' ? body.page : undefined,
    data: data as Record<string, { value: string }>,
    miniprogram_state: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
    lang: typeof body.lang === 'string' ? body.lang : undefined,
    receivedAt: new Date().toISOString(),
  });
  sendJson(res, { errcode: 0, errmsg: 'ok' });
}

/** A real PNG whose QR code holds the scene, so tests can decode what a poster carries. */
export async function getUnlimitedCode(state: SandboxState, token: string | null, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  if (!state.isValidToken(token)) return sendJson(res, INVALID_TOKEN);
  const scene = body.scene;
  if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene)) {
    return sendJson(res, wxError(40169, 'invalid length for scene, or the data is not json string'));
  }
  if (body.page !== undefined && (typeof body.page !== 'string' || body.page.startsWith('/'))) {
    return sendJson(res, wxError(41030, 'invalid page rid'));
  }
  const width = typeof body.width === 'number' ? Math.min(1280, Math.max(280, Math.round(body.width))) : 430;
  const png = await QRCode.toBuffer(scene, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
  res.end(png);
}
