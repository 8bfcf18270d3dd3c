import { GlobalFonts, Image, SKRSContext2D, createCanvas, loadImage } from '@napi-rs/canvas';

/**
 * The invite poster's drawing, apart from where its pieces come from. Chinese text uses Noto Sans
 * SC shipped in an npm package (@expo-google-fonts/noto-sans-sc, SIL OFL 1.1), so a fresh machine
 * needs no system fonts.
 */
export const POSTER_FONT = { regular: 'MallPosterRegular', bold: 'MallPosterBold' } as const;

/** Bump when the drawing changes, so every cached poster is redrawn. */
export const POSTER_DESIGN_VERSION = 1;

export const POSTER_LAYOUT = {
  width: 750,
  height: 1334,
  storeName: { x: 60, y: 80, w: 630, h: 40 },
  slogan: { x: 60, y: 150, w: 630, h: 260 },
  highlights: { x: 60, y: 450, w: 630, rowHeight: 72 },
  card: { x: 50, y: 700, w: 650, h: 580 },
  avatar: { x: 90, y: 740, size: 104 },
  nickname: { x: 220, y: 748, w: 450, h: 50 },
  code: { x: 215, y: 880, size: 320 },
  hint: { x: 50, y: 1215, w: 650, h: 40 },
} as const;

let fontsRegistered = false;
export function registerPosterFonts(): void {
  if (fontsRegistered) return;
  const file = (weight: string) => require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
  GlobalFonts.registerFromPath(file('400Regular'), POSTER_FONT.regular);
  GlobalFonts.registerFromPath(file('700Bold'), POSTER_FONT.bold);
  fontsRegistered = true;
}

export interface PosterContent {
  storeName: string;
  slogan: string;
  /** Short lines on what the friend gets (at most 3), drawn as pills under the slogan. */
  highlights: string[];
  nickname: string;
  /** The member's avatar, or null to draw their initial. */
  avatar: Image | null;
  /** The store's uploaded background, or null for the house gradient. */
  background: Image | null;
  /** The mini-program code WeChat drew for the member's invite code. */
  code: Image;
}

export function drawPoster(content: PosterContent): Buffer {
  registerPosterFonts();
  const L = POSTER_LAYOUT;
  const canvas = createCanvas(L.width, L.height);
  const ctx = canvas.getContext('2d');

  if (content.background) drawCover(ctx, content.background, L.width, L.height);
  else {
    const gradient = ctx.createLinearGradient(0, 0, 0, L.height);
    gradient.addColorStop(0, '#ff5a36');
    gradient.addColorStop(1, '#ffb347');
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, L.width, L.height);
  }

  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'top';
  ctx.font = `30px ${POSTER_FONT.regular}`;
  ctx.fillText(fit(ctx, content.storeName, L.storeName.w), L.storeName.x, L.storeName.y);
  ctx.font = `bold 56px ${POSTER_FONT.bold}`;
  wrap(ctx, content.slogan, L.slogan.w, 3).forEach((line, i) => ctx.fillText(line, L.slogan.x, L.slogan.y + i * 80));

  ctx.font = `28px ${POSTER_FONT.regular}`;
  content.highlights.slice(0, 3).forEach((text, i) => {
    const y = L.highlights.y + i * L.highlights.rowHeight;
    const label = fit(ctx, text, L.highlights.w - 48);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.22)';
    roundRect(ctx, L.highlights.x, y, ctx.measureText(label).width + 48, 52, 26);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, L.highlights.x + 24, y + 10);
  });

  ctx.fillStyle = '#ffffff';
  roundRect(ctx, L.card.x, L.card.y, L.card.w, L.card.h, 28);
  ctx.fill();

  drawAvatar(ctx, content.avatar, content.nickname);
  ctx.fillStyle = '#1f1f1f';
  ctx.font = `bold 36px ${POSTER_FONT.bold}`;
  ctx.fillText(fit(ctx, content.nickname, L.nickname.w), L.nickname.x, L.nickname.y);
  ctx.fillStyle = '#8c8c8c';
  ctx.font = `26px ${POSTER_FONT.regular}`;
  ctx.fillText('邀请你加入会员，一起签到领好礼', L.nickname.x, L.nickname.y + 56);

  ctx.drawImage(content.code, L.code.x, L.code.y, L.code.size, L.code.size);
  ctx.fillStyle = '#595959';
  ctx.font = `26px ${POSTER_FONT.regular}`;
  ctx.textAlign = 'center';
  ctx.fillText('长按识别小程序码，领取新人礼', L.hint.x + L.hint.w / 2, L.hint.y);
  return canvas.toBuffer('image/png');
}

export function decodeImage(bytes: Buffer): Promise<Image> {
  return loadImage(bytes);
}

function drawAvatar(ctx: SKRSContext2D, avatar: Image | null, nickname: string): void {
  const { x, y, size } = POSTER_LAYOUT.avatar;
  ctx.save();
  ctx.beginPath();
  ctx.arc(x + size / 2, y + size / 2, size / 2, 0, Math.PI * 2);
  ctx.clip();
  if (avatar) drawCover(ctx, avatar, size, size, x, y);
  else {
    ctx.fillStyle = '#ff7a45';
    ctx.fillRect(x, y, size, size);
    ctx.fillStyle = '#ffffff';
    ctx.font = `bold 48px ${POSTER_FONT.bold}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(Array.from(nickname)[0] ?? '友', x + size / 2, y + size / 2);
  }
  ctx.restore();
}

/** Scales the image to cover the box (cropping the overflow), like CSS `object-fit: cover`. */
function drawCover(ctx: SKRSContext2D, image: Image, w: number, h: number, x = 0, y = 0): void {
  const scale = Math.max(w / image.width, h / image.height);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(image, (image.width - sw) / 2, (image.height - sh) / 2, sw, sh, x, y, w, h);
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** The text cut to fit the width, with an ellipsis when cut. */
function fit(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = Array.from(text);
  while (chars.length && ctx.measureText(chars.join('') + '…').width > width) chars.pop();
  return chars.join('') + '…';
}

/** Chinese has no spaces to break at: wrap per character, at most `maxLines` lines. */
function wrap(ctx: SKRSContext2D, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (line && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fit(ctx, kept[maxLines - 1] + lines.slice(maxLines).join(''), width);
  return kept;
}

/** The card shown with a shared chat message (WeChat's 5:4): the store's slogan on the house gradient. */
export function drawShareCard(storeName: string, slogan: string): Buffer {
  registerPosterFonts();
  const canvas = createCanvas(500, 400);
  const ctx = canvas.getContext('2d');
  const gradient = ctx.createLinearGradient(0, 0, 500, 400);
  gradient.addColorStop(0, '#ff5a36');
  gradient.addColorStop(1, '#ffb347');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 500, 400);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'top';
  ctx.font = `24px ${POSTER_FONT.regular}`;
  ctx.fillText(fit(ctx, storeName, 420), 40, 40);
  ctx.font = `bold 44px ${POSTER_FONT.bold}`;
  wrap(ctx, slogan, 420, 3).forEach((line, i) => ctx.fillText(line, 40, 110 + i * 64));
  ctx.fillStyle = '#ffffff';
  roundRect(ctx, 40, 310, 220, 56, 28);
  ctx.fill();
  ctx.fillStyle = '#ff5a36';
  ctx.font = `bold 26px ${POSTER_FONT.bold}`;
  ctx.fillText('点击领新人礼', 72, 323);
  return canvas.toBuffer('image/png');
}
