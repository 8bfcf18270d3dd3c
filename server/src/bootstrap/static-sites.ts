import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';

/** server/ itself, whether running from src/ (tests) or dist/ (build). */
export const SERVER_ROOT = resolve(__dirname, '..', '..');

/**
 * Serves the built admin at /admin/ (a single-page app: unknown paths get index.html) and the
 * mini-program's H5 build at /h5/ (hash routing). Hashed assets are cached for a year.
 */
export async function registerStaticSites(app: NestFastifyApplication, config: AppConfig): Promise<string[]> {
  const sites = [
    { prefix: '/admin/', dir: config.static.adminDistDir ?? join(SERVER_ROOT, 'admin', 'dist'), spa: true },
    { prefix: '/h5/', dir: config.static.h5DistDir ?? join(SERVER_ROOT, '..', 'miniapp', 'dist', 'h5'), spa: false },
  ];
  const served: string[] = [];
  const fastify = app.getHttpAdapter().getInstance();
  for (const [i, site] of sites.entries()) {
    const indexFile = join(site.dir, 'index.html');
    if (!existsSync(indexFile)) continue;
    await fastify.register(fastifyStatic, {
      root: site.dir,
      prefix: site.prefix,
      decorateReply: i === 0,
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        void reply.header('cache-control', /[.-][A-Za-z0-9_-]{8,}\.(js|css|png|jpg|svg|woff2?)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const html = readFileSync(indexFile);
    const sendIndex = (_req: unknown, reply: { header: (k: string, v: string) => typeof reply; send: (b: Buffer) => void }) =>
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    fastify.get(site.prefix, sendIndex);
    fastify.get(site.prefix.slice(0, -1), (_req, reply) => reply.redirect(site.prefix, 302));
    if (site.spa) fastify.get(`${site.prefix}*`, sendIndex);
    served.push(site.prefix);
  }
  return served;
}
