import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsExclusively } from './data-source-options';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { isMysqlRun } from '../../test/harness';

/** Several instances starting together on a fresh MySQL database apply the migrations once. */
(isMysqlRun() ? describe : describe.skip)('migrations at start (MySQL)', () => {
  // The describe body runs even when skipped: read the URL only on MySQL runs.
  const base = new URL(isMysqlRun() ? process.env.DATABASE_URL! : 'mysql://unused/unused');
  const dbName = `${base.pathname.slice(1) || 'test'}_mig_w${process.env.JEST_WORKER_ID ?? '1'}`;
  const url = new URL(base.toString());
  url.pathname = '/' + dbName;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    const admin = await new DataSource({ type: 'mysql', url: base.toString() }).initialize();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    const admin = await new DataSource({ type: 'mysql', url: base.toString() }).initialize();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.destroy();
  });

  it('lets one of three instances apply them while the others wait, then find nothing to do', async () => {
    for (let i = 0; i < 3; i++) sources.push(await new DataSource(buildDataSourceOptions({ kind: 'mysql', url: url.toString() })).initialize());
    await Promise.all(sources.map((s) => runMigrationsExclusively(s)));
    const [{ n }] = await sources[0].query('SELECT COUNT(*) AS n FROM migrations');
    expect(Number(n)).toBe(MYSQL_MIGRATIONS.length);
    const [{ held }] = await sources[0].query(`SELECT IS_USED_LOCK(CONCAT('mall_migrate:', DATABASE())) AS held`);
    expect(held).toBeNull();
  }, 60_000);
});
