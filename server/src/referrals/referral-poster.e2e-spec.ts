import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { createCanvas } from '@napi-rs/canvas';
import { startTestApp, TestApp } from '../../test/harness';
import { POSTER_FONT, POSTER_LAYOUT, registerPosterFonts } from './poster-drawing';
import { WechatApiClient } from '../wechat/wechat-api.client';

jest.setTimeout(30_000);

/** A code point Noto Sans SC has no glyph for: drawn as the font's missing-glyph box. */
const MISSING = '\u{10FFFD}';

function crop(png: PNG, box: { x: number; y: number; w: number; h: number }): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(box.w * box.h * 4);
  for (let row = 0; row < box.h; row++) {
    const from = ((box.y + row) * png.width + box.x) * 4;
    data.set(png.data.subarray(from, from + box.w * 4), row * box.w * 4);
  }
  return { data, width: box.w, height: box.h };
}

/** Pixels of the box that differ clearly from its top-left pixel (the background there). */
function inkIn(png: PNG, box: { x: number; y: number; w: number; h: number }): number {
  const { data } = crop(png, box);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]) > 120) ink++;
  return ink;
}

function glyphPixels(text: string, font: string): Buffer {
  registerPosterFonts();
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 64, 64);
  ctx.fillStyle = '#000';
  ctx.font = `48px ${font}`;
  ctx.textBaseline = 'top';
  ctx.fillText(text, 4, 4);
  return Buffer.from(ctx.getImageData(0, 0, 64, 64).data);
}

describe('invite poster', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());
  afterEach(() => {
    t.sandbox.state.faults.down = false;
  });

  const fetchPoster = async (token: string) => {
    const res = await fetch(`${t.baseUrl}/api/referrals/poster`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('is a 750×1334 PNG whose mini-program code decodes to the member’s invite code, with Chinese text drawn', async () => {
    const { token } = await t.loginMember('poster-1');
    const { inviteCode } = (await t.request('GET', '/api/members/me', { token })).body;
    const poster = await fetchPoster(token);
    expect(poster.status).toBe(200);
    expect(poster.type).toBe('image/png');
    const png = PNG.sync.read(poster.bytes);
    expect([png.width, png.height]).toEqual([750, 1334]);

    const { x, y, size } = POSTER_LAYOUT.code;
    const code = crop(png, { x, y, w: size, h: size });
    expect(jsQR(code.data, code.width, code.height)?.data).toBe(inviteCode);

    // The slogan and the nickname are drawn (ink where they go)...
    expect(inkIn(png, POSTER_LAYOUT.slogan)).toBeGreaterThan(2000);
    expect(inkIn(png, POSTER_LAYOUT.nickname)).toBeGreaterThan(300);
    // ...with real glyphs: every character of the text differs from the font's missing-glyph box.
    const tofu = glyphPixels(MISSING, POSTER_FONT.bold);
    for (const ch of Array.from('邀好友一起签到积分好礼天天领会员')) expect(glyphPixels(ch, POSTER_FONT.bold).equals(tofu)).toBe(false);
    // (and the check can fail: a missing glyph does draw as the box)
    expect(glyphPixels('\u{10FFFC}', POSTER_FONT.bold).equals(tofu)).toBe(true);
  });

  it('is cached by content and redrawn when the nickname or the design changes', async () => {
    const { token } = await t.loginMember('poster-2');
    const first = await fetchPoster(token);
    const codeCalls = () => t.sandbox.state.requestCounts['/wxa/getwxacodeunlimit'] ?? 0;
    const before = codeCalls();
    const again = await fetchPoster(token);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(codeCalls()).toBe(before);

    expect((await t.request('PATCH', '/api/members/me', { token, body: { nickname: '新名字' } })).status).toBe(200);
    const renamed = await fetchPoster(token);
    expect(renamed.bytes.equals(first.bytes)).toBe(false);

    const admin = await t.adminToken();
    const settings = (await t.request('GET', '/api/admin/referrals/settings', { token: admin })).body;
    const put = await t.request('PUT', '/api/admin/referrals/settings', { token: admin, body: { ...settings, poster: { backgroundUrl: null, slogan: '周末签到双倍积分' } } });
    expect(put.status).toBe(200);
    const redesigned = await fetchPoster(token);
    expect(redesigned.bytes.equals(renamed.bytes)).toBe(false);
  });

  it('says so clearly when WeChat cannot draw the code, and never serves a poster without one', async () => {
    const { token } = await t.loginMember('poster-3');
    t.sandbox.state.faults.down = true;
    const res = await t.request('GET', '/api/referrals/poster', { token });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，海报稍后再试' });
    t.sandbox.state.faults.down = false;
    expect((await fetchPoster(token)).status).toBe(200);
  });

  it('refuses a scene longer than 32 characters, in the client and at WeChat', async () => {
    const client = t.app.get(WechatApiClient);
    await expect(client.getUnlimitedQrCode({ scene: 'A'.repeat(33) })).rejects.toMatchObject({ errcode: 40169 });
    await expect(client.getUnlimitedQrCode({ scene: 'A'.repeat(32) })).resolves.toBeInstanceOf(Buffer);
    // The stand-in enforces it on the wire too, as WeChat does.
    const token = (await (await fetch(`${t.sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=wxtestappid000001&secret=test-app-secret`)).json() as { access_token: string }).access_token;
    const raw = await fetch(`${t.sandbox.url}/wxa/getwxacodeunlimit?access_token=${token}`, { method: 'POST', body: JSON.stringify({ scene: 'B'.repeat(33) }) });
    expect(((await raw.json()) as { errcode: number }).errcode).toBe(40169);
    // An invite code that long never reaches login either.
    expect((await t.request('POST', '/api/auth/wx-login', { body: { code: 'sandbox:long-scene', inviteCode: 'C'.repeat(33) } })).status).toBe(400);
  });

  it('serves a public 5:4 share card for chat shares', async () => {
    const res = await fetch(`${t.baseUrl}/api/referrals/share-card`);
    expect(res.status).toBe(200);
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([500, 400]);
  });

  it('lets only admins preview a design, and validates it', async () => {
    const admin = await t.adminToken();
    const ok = await fetch(`${t.baseUrl}/api/admin/referrals/poster-preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ backgroundUrl: null, slogan: '好友同行，积分翻倍' }),
    });
    expect(ok.status).toBe(200);
    expect(PNG.sync.read(Buffer.from(await ok.arrayBuffer())).width).toBe(750);
    const bad = await t.request('POST', '/api/admin/referrals/poster-preview', { token: admin, body: { backgroundUrl: 'http://evil.example/x.png', slogan: '' } });
    expect(bad.status).toBe(400);
    const { token } = await t.loginMember('poster-4');
    expect((await t.request('POST', '/api/admin/referrals/poster-preview', { token, body: { backgroundUrl: null, slogan: 'x' } })).status).toBe(403);
  });
});
