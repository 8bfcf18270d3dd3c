import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { loadAppConfig } from '../config/app-config';
import { startWechatSandbox, WechatSandbox } from '../../../scripts/wechat-sandbox/server';
import { WechatApiClient } from './wechat-api.client';
import { WechatApiError, WechatUnavailableError } from './wechat.errors';

describe('WechatApiClient against the WeChat stand-in', () => {
  let sandbox: WechatSandbox;
  const clientFor = (overrides: Record<string, string> = {}) =>
    new WechatApiClient(
      loadAppConfig({ WECHAT_APP_ID: 'wxclienttest', WECHAT_APP_SECRET: 'client-secret', WECHAT_API_BASE: sandbox.url, WECHAT_TIMEOUT_MS: '3000', ...overrides }),
    );

  beforeAll(async () => {
    sandbox = await startWechatSandbox({ appId: 'wxclienttest', appSecret: 'client-secret' });
  });
  afterAll(() => sandbox.close());
  afterEach(() => {
    sandbox.state.faults.down = false;
    sandbox.state.faults.delayMs = 0;
  });

  it('exchanges a login code for the openid and a session key', async () => {
    const session = await clientFor().code2Session('sandbox:user-1');
    expect(session).toEqual({ openid: 'user-1', sessionKey: expect.any(String), unionid: undefined });
  });

  it('accepts a stand-in issued code once, like WeChat', async () => {
    const code = sandbox.state.issueLoginCode('user-2');
    const client = clientFor();
    expect((await client.code2Session(code)).openid).toBe('user-2');
    await expect(client.code2Session(code)).rejects.toMatchObject({ errcode: 40163 });
  });

  it('reports an unknown code as errcode 40029 and a wrong secret as 40125', async () => {
    await expect(clientFor().code2Session('nope')).rejects.toEqual(expect.objectContaining({ errcode: 40029 }));
    await expect(clientFor({ WECHAT_APP_SECRET: 'wrong' }).code2Session('sandbox:x')).rejects.toBeInstanceOf(WechatApiError);
  });

  it('caches the access token and shares one request between concurrent callers', async () => {
    const client = clientFor();
    const before = sandbox.state.requestCounts['/cgi-bin/token'] ?? 0;
    const tokens = await Promise.all([client.getAccessToken(), client.getAccessToken(), client.getAccessToken()]);
    await client.getAccessToken();
    expect(new Set(tokens).size).toBe(1);
    expect(sandbox.state.requestCounts['/cgi-bin/token']).toBe(before + 1);
  });

  it('sends a subscribe message, renewing a token WeChat no longer accepts', async () => {
    const client = clientFor();
    const token = await client.getAccessToken();
    sandbox.state.accessTokens.delete(token);
    await client.sendSubscribeMessage({ toOpenid: 'user-3', templateId: 'tmpl-checkin', page: 'pages/checkin/index', data: { thing1: { value: '今天还没签到' } } });
    expect(sandbox.state.subscribeMessages.at(-1)).toMatchObject({ touser: 'user-3', template_id: 'tmpl-checkin', data: { thing1: { value: '今天还没签到' } } });
  });

  it('returns a PNG mini-program code whose QR holds the scene', async () => {
    const png = await clientFor().getUnlimitedQrCode({ scene: 'inv=ABCD2345', page: 'pages/index/index' });
    const image = PNG.sync.read(png);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe('inv=ABCD2345');
  });

  it('refuses a scene over 32 characters before calling WeChat, and the stand-in refuses it too', async () => {
    await expect(clientFor().getUnlimitedQrCode({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errcode: 40169 });
    const client = clientFor();
    const token = await client.getAccessToken();
    const res = await fetch(`${sandbox.url}/wxa/getwxacodeunlimit?access_token=${token}`, { method: 'POST', body: JSON.stringify({ scene: 'x'.repeat(33) }) });
    expect(await res.json()).toEqual({ errcode: 40169, errmsg: expect.any(String) });
  });

  it('turns an unreachable, failing or slow WeChat into WechatUnavailableError', async () => {
    sandbox.state.faults.down = true;
    await expect(clientFor().code2Session('sandbox:x')).rejects.toBeInstanceOf(WechatUnavailableError);
    sandbox.state.faults.down = false;
    sandbox.state.faults.delayMs = 1000;
    const started = Date.now();
    await expect(clientFor({ WECHAT_TIMEOUT_MS: '300' }).code2Session('sandbox:x')).rejects.toBeInstanceOf(WechatUnavailableError);
    expect(Date.now() - started).toBeLessThan(900);
    await expect(clientFor({ WECHAT_API_BASE: 'http://127.0.0.1:9' }).code2Session('sandbox:x')).rejects.toBeInstanceOf(WechatUnavailableError);
  });
});
