import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Image } from '@napi-rs/canvas';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { MediaService } from '../media/media.service';
import { MembersService } from '../members/members.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WechatApiError, WechatUnavailableError } from '../wechat/wechat.errors';
import { POSTER_DESIGN_VERSION, decodeImage, drawPoster, drawShareCard } from './poster-drawing';
import type { ReferralSettings } from './referral-settings';

/** The page a scanned invite code opens; it reads the invite code from `scene`. */
export const INVITE_LANDING_PAGE = 'pages/index/index';
const REMOTE_AVATAR_TIMEOUT_MS = 3000;

function highlightsOf(settings: ReferralSettings): string[] {
  const lines: string[] = [];
  const { points, couponTemplateIds } = settings.welcomePack;
  if (points > 0 || couponTemplateIds.length) {
    lines.push(`新朋友注册即得${points > 0 ? ` ${points} 积分` : ''}${points > 0 && couponTemplateIds.length ? ' + ' : ' '}${couponTemplateIds.length ? `${couponTemplateIds.length} 张优惠券` : ''}`.trim());
  }
  lines.push('每日签到领积分，连签有惊喜');
  lines.push('积分兑好礼 · 会员日专享折扣');
  return lines;
}

/**
 * Invite posters: drawn once per content (member, nickname, avatar, design) and kept on disk, so a
 * changed avatar or nickname (or a new design) draws a new one and repeat requests cost a file read.
 */
@Injectable()
export class ReferralPosterService {
  private readonly logger = new Logger(ReferralPosterService.name);
  private readonly cacheDir: string;
  private shareCardCache: { key: string; png: Buffer } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MembersService,
    private readonly media: MediaService,
    private readonly wechat: WechatApiClient,
  ) {
    // Under the upload dir but not served: /media only serves hash-named files at its top level.
    this.cacheDir = join(resolve(config.uploadDir), 'posters');
  }

  async posterFor(memberId: string, settings: ReferralSettings): Promise<Outcome<Buffer>> {
    const member = await this.members.findById(memberId);
    if (!member) return fail('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const key = createHash('sha256')
      .update(JSON.stringify([POSTER_DESIGN_VERSION, member.id, member.nickname, member.avatarUrl, member.inviteCode, settings.poster, this.config.store.name]))
      .digest('hex')
      .slice(0, 32);
    const file = join(this.cacheDir, `${member.id}-${key}.png`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return ok(cached);

    const drawn = await this.draw(member.inviteCode, member.nickname, member.avatarUrl, settings);
    if (!drawn.ok) return drawn;
    await this.store(member.id, file, drawn.value);
    return drawn;
  }

  /** The chat share card for the current slogan, drawn once per slogan. */
  shareCard(settings: ReferralSettings): Buffer {
    const key = `${POSTER_DESIGN_VERSION}:${this.config.store.name}:${settings.poster.slogan}`;
    if (this.shareCardCache?.key !== key) this.shareCardCache = { key, png: drawShareCard(this.config.store.name, settings.poster.slogan) };
    return this.shareCardCache.png;
  }

  /** The admin's preview of a design before saving it: a sample member and a sample code. */
  preview(poster: ReferralSettings['poster'], settings: ReferralSettings): Promise<Outcome<Buffer>> {
    return this.draw('PREVIEW', '示例会员', '', { ...settings, poster });
  }

  private async draw(inviteCode: string, nickname: string, avatarUrl: string, settings: ReferralSettings): Promise<Outcome<Buffer>> {
    const code = await this.miniProgramCode(inviteCode);
    if (!code.ok) return code;
    const [avatar, background] = await Promise.all([this.loadImage(avatarUrl), this.loadImage(settings.poster.backgroundUrl)]);
    return ok(drawPoster({ storeName: this.config.store.name, slogan: settings.poster.slogan, highlights: highlightsOf(settings), nickname, avatar, background, code: code.value }));
  }

  /** Never a poster with a broken code: any failure from WeChat is the request's failure. */
  private async miniProgramCode(scene: string): Promise<Outcome<Image>> {
    try {
      const png = await this.wechat.getUnlimitedQrCode({ scene, page: INVITE_LANDING_PAGE, width: 430, checkPath: false });
      return ok(await decodeImage(png));
    } catch (error) {
      const detail = error instanceof WechatApiError ? `errcode ${error.errcode}` : (error as Error).message;
      this.logger.warn(`getwxacodeunlimit failed for the invite poster: ${detail}`);
      // Unreachable or slow WeChat is a temporary outage (503, try again); an errcode is a bad answer (502).
      if (error instanceof WechatUnavailableError) return fail('WECHAT_UNAVAILABLE', '微信服务暂时不可用，海报稍后再试', HttpStatus.SERVICE_UNAVAILABLE);
      return fail('WECHAT_CODE_FAILED', '小程序码生成失败，请稍后再试', HttpStatus.BAD_GATEWAY);
    }
  }

  /** An uploaded image (/media/…) or a remote avatar (WeChat's CDN); a missing one is drawn without. */
  private async loadImage(url: string | null): Promise<Image | null> {
    if (!url) return null;
    try {
      if (url.startsWith('/media/')) {
        const file = await this.media.read(url.slice('/media/'.length));
        return file ? await decodeImage(file.bytes) : null;
      }
      if (!/^https:\/\//.test(url)) return null;
      const res = await fetch(url, { signal: AbortSignal.timeout(REMOTE_AVATAR_TIMEOUT_MS) });
      return res.ok ? await decodeImage(Buffer.from(await res.arrayBuffer())) : null;
    } catch {
      return null;
    }
  }

  /** Writes atomically, then drops the member's older posters. */
  private async store(memberId: string, file: string, png: Buffer): Promise<void> {
    await mkdir(this.cacheDir, { recursive: true });
    const tmp = `${file}.${newId()}.tmp`;
    await writeFile(tmp, png);
    await rename(tmp, file);
    const stale = (await readdir(this.cacheDir)).filter((name) => name.startsWith(`${memberId}-`) && join(this.cacheDir, name) !== file && name.endsWith('.png'));
    await Promise.all(stale.map((name) => unlink(join(this.cacheDir, name)).catch(() => undefined)));
  }
}
