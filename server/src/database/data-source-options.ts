import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ALL_ENTITIES } from './entities';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';
import { MYSQL_MIGRATIONS } from './migrations/mysql';

/**
 * One place that turns DATABASE_URL into TypeORM options. Schema changes only through migrations
 * (one folder per database type, since the SQL differs); `synchronize` is never on. Migrations run
 * at start through `runMigrationsExclusively`, not TypeORM's `migrationsRun`, so that several
 * instances starting together apply them once.
 */
export function buildDataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  if (database.kind === 'sqlite') {
    const path = database.sqlitePath ?? './data/mall.sqlite';
    const file = path === ':memory:' ? path : resolve(path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: file,
      entities: ALL_ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      enableWAL: true,
      timeout: 15000,
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    type: 'mysql',
    url: database.url,
    entities: ALL_ENTITIES,
    migrations: MYSQL_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // Store and read every DATETIME as UTC, whatever the server's or the database's time zone.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: false,
    poolSize: 20,
    extra: { connectionLimit: 20, maxIdle: 20, enableKeepAlive: true, connectTimeout: 5000 },
  };
}

/**
 * Applies pending migrations. On MySQL (and TiDB) several instances may start at the same moment:
 * a named lock (GET_LOCK, per database) lets one apply them while the others wait, then find
 * nothing left to do. SQLite is one file used by one instance.
 */
export async function runMigrationsExclusively(ds: DataSource, waitSeconds = 300): Promise<void> {
  if (ds.options.type !== 'mysql') {
    await ds.runMigrations();
    return;
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query(`SELECT GET_LOCK(CONCAT('mall_migrate:', DATABASE()), ?) AS got`, [waitSeconds]);
    if (Number(row?.got) !== 1) throw new Error(`another instance held the migration lock for more than ${waitSeconds} s`);
    try {
      await ds.runMigrations();
    } finally {
      await runner.query(`SELECT RELEASE_LOCK(CONCAT('mall_migrate:', DATABASE()))`).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
