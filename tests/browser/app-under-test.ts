import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../../server/test/harness';

const ROOT = join(__dirname, '..', '..');
export const ADMIN_DIST = join(ROOT, 'server', 'admin', 'dist');
export const H5_DIST = join(ROOT, 'miniapp', 'dist', 'h5');

/** The real server serving the built admin and H5 app (`npm run test:browser` builds them first). */
export async function startAppWithSites(): Promise<TestApp> {
  for (const dir of [ADMIN_DIST, H5_DIST]) {
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} is not built: run \`npm run test:browser\``);
  }
  return startTestApp({ ADMIN_DIST_DIR: ADMIN_DIST, H5_DIST_DIR: H5_DIST });
}
