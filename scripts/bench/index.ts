/** `npm run bench -- <name>`: runs one named benchmark against its baseline in the same run. */
const BENCHMARKS: Record<string, () => Promise<boolean>> = {
  login: () => import('./login.bench').then((m) => m.run()),
  checkin: () => import('./checkin.bench').then((m) => m.run()),
  'tier-review': () => import('./tier-review.bench').then((m) => m.run()),
  'flash-sale': () => import('./flash-sale.bench').then((m) => m.run()),
  audience: () => import('./audience.bench').then((m) => m.run()),
  soak: () => import('./soak.bench').then((m) => m.run()),
  export: () => import('./export.bench').then((m) => m.run()),
  'analytics-ingest': () => import('./analytics-ingest.bench').then((m) => m.run()),
};

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !BENCHMARKS[name]) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}>`);
    process.exit(2);
  }
  const ok = await BENCHMARKS[name]();
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
