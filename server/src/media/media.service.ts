import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Outcome, fail, ok } from '../common/errors';

export const MAX_IMAGE_BYTES = 512 * 1024;
const SIGNATURES: { mime: string; ext: string; matches: (b: Buffer) => boolean }[] = [
  { mime: 'image/png', ext: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/webp', ext: 'webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];
export const MEDIA_FILE_PATTERN = /^[0-9a-f]{64}\.(png|jpg|webp)$/;

/**
 * Uploaded images, checked by their content (not their name) and stored under their SHA-256, so
 * the URL changes whenever the image does and can be cached forever.
 */
@Injectable()
export class MediaService {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = resolve(config.uploadDir);
  }

  detect(bytes: Buffer): { mime: string; ext: string } | null {
    return SIGNATURES.find((s) => s.matches(bytes)) ?? null;
  }

  async saveImage(bytes: Buffer): Promise<Outcome<{ url: string; mime: string; bytes: number }>> {
    if (bytes.length === 0) return fail('EMPTY_FILE', '文件为空');
    if (bytes.length > MAX_IMAGE_BYTES) return fail('FILE_TOO_LARGE', '图片不能超过 512 KB', 413);
    const kind = this.detect(bytes);
    if (!kind) return fail('UNSUPPORTED_IMAGE', '只支持 PNG、JPEG 或 WebP 图片', 415);
    const name = `${createHash('sha256').update(bytes).digest('hex')}.${kind.ext}`;
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, name), bytes);
    return ok({ url: `/media/${name}`, mime: kind.mime, bytes: bytes.length });
  }

  /** Whether a `/media/<hash>.<ext>` URL names an image this store holds (a banner may only use those). */
  async exists(url: string): Promise<boolean> {
    return (await this.pathOf(url.startsWith('/media/') ? url.slice('/media/'.length) : '')) !== null;
  }

  async read(name: string): Promise<{ bytes: Buffer; mime: string } | null> {
    const path = await this.pathOf(name);
    if (!path) return null;
    const bytes = await readFile(path);
    return { bytes, mime: this.detect(bytes)?.mime ?? 'application/octet-stream' };
  }

  /** The stored file of a media name, or null for a malformed name or one not stored. */
  private async pathOf(name: string): Promise<string | null> {
    if (!MEDIA_FILE_PATTERN.test(name)) return null;
    const path = join(this.dir, name);
    return stat(path).then(() => path, () => null);
  }
}
