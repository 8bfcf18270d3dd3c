#!/usr/bin/env node
/**
 * The README's test command. `npm test` runs the unit and API suites on the database named by
 * DATABASE_URL (default: an embedded SQLite file per test file); `npm test -- --browser` (or
 * `npm run test:browser`) builds the H5 app and the admin and runs the browser suite in Chromium;
 * `npm test -- --reliability` (`npm run test:reliability`) runs the fault, load and input sweeps.
 * Ends with one plain summary line: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const browser = args.includes('--browser');
const reliability = args.includes('--reliability');
const passthrough = args.filter((a) => a !== '--browser' && a !== '--reliability');

function run(cmd, cmdArgs, extraEnv = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return r.status ?? 1;
}

const projects = browser ? ['browser'] : reliability ? ['reliability'] : ['shared', 'server'];
if (run('npm', ['run', 'build', '-w', '@mall/shared', '--silent']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (reliability && run('npm', ['run', 'build', '-w', '@mall/server', '--silent']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (browser) {
  for (const w of ['@mall/server', '@mall/admin']) {
    if (run('npm', ['run', 'build', '-w', w, '--silent']) !== 0) {
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
  if (run('npm', ['run', 'build:h5', '-w', '@mall/miniapp', '--silent']) !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync(join(root, '.tmp'), { recursive: true });
const dbLabel = (process.env.DATABASE_URL ?? '').startsWith('mysql') ? 'mysql' : 'sqlite';
const label = browser ? 'browser' : reliability ? `reliability-${dbLabel}` : (process.env.DATABASE_URL ?? '').startsWith('mysql') ? 'mysql' : 'sqlite';
const outFile = join(root, '.tmp', `jest-${label}.json`);
// Browser and reliability suites start whole server processes and load them: one file at a time.
const maxWorkers = browser || reliability ? '1' : '2';
const status = run(process.execPath, [
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--selectProjects',
  ...projects,
  `--maxWorkers=${maxWorkers}`,
  '--json',
  `--outputFile=${outFile}`,
  ...passthrough,
], { TZ: process.env.TZ ?? 'UTC' }); // the server's TZ must not matter: run as UTC against a Shanghai store

let passed = 0;
let failed = 0;
if (existsSync(outFile)) {
  const result = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
  if (result.numTotalTests === 0) failed += 1; // a run that tested nothing proves nothing
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${label}: ${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
