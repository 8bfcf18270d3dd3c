#!/usr/bin/env node
/** Prints the size of the weapp main package (everything outside subpackage roots), as CI reports it. */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = join(process.cwd(), 'miniapp', 'dist', 'weapp');
if (!existsSync(join(dist, 'app.json'))) {
  console.error('weapp build not found at miniapp/dist/weapp');
  process.exit(1);
}
const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, '') + '/');
let main = 0;
let sub = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path);
    else if (!name.endsWith('.map')) {
      const rel = relative(dist, path);
      if (subRoots.some((r) => rel.startsWith(r))) sub += st.size;
      else main += st.size;
    }
  }
}
walk(dist);
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`weapp main package: ${kb(main)} (limit 2048 KB); subpackages: ${kb(sub)}`);
if (main > 2 * 1024 * 1024) {
  console.error('weapp main package exceeds WeChat\'s 2 MB limit');
  process.exit(1);
}
