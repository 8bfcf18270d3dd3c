import type { DataSource } from 'typeorm';

/** Rows in batches straight from a database cursor; `close()` ends it early and frees the connection. */
export interface RowCursor<T> extends AsyncIterable<T[]> {
  close(): Promise<void>;
}

const BATCH = 500;
/**
 * MySQL rows in flight (stream buffer + batch) are kept small: rows that live across two scavenges
 * are promoted to the old generation, and old-space garbage is what made the process grow.
 */
const MYSQL_BATCH = 64;

/**
 * Opens a server-side read of `sql` that never holds the whole result:
 * - MySQL/MariaDB: a pooled mysql2 connection's query stream (rows arrive as they are read; the
 *   connection pauses when we stop pulling). An early close destroys that connection, since a
 *   half-read result cannot be handed back to the pool.
 * - SQLite: a separate read-only better-sqlite3 connection iterating a prepared statement (WAL lets
 *   it read a consistent snapshot while the app's own connection keeps writing); the iteration
 *   yields to the event loop after every batch. (TypeORM's `stream()` is not implemented for SQLite.)
 */
export function openRowCursor<T>(dataSource: DataSource, sql: string, values: unknown[]): RowCursor<T> {
  return dataSource.options.type === 'mysql' ? mysqlCursor<T>(dataSource, sql, values) : sqliteCursor<T>(dataSource, sql, values);
}

function mysqlCursor<T>(dataSource: DataSource, sql: string, values: unknown[]): RowCursor<T> {
  let connection: any = null;
  let stream: any = null;
  let finished = false;
  const close = async () => {
    if (finished) return;
    finished = true;
    stream?.destroy();
    connection?.destroy();
    connection = null;
  };
  async function* batches(): AsyncGenerator<T[]> {
    connection = await (dataSource.driver as any).obtainMasterConnection();
    try {
      stream = connection.query(sql, values).stream({ highWaterMark: MYSQL_BATCH });
      let batch: T[] = [];
      for await (const row of stream) {
        batch.push(row as T);
        if (batch.length >= MYSQL_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      finished = true;
      connection.release();
      connection = null;
    } finally {
      await close();
    }
  }
  const iterator = batches();
  return { [Symbol.asyncIterator]: () => iterator, close: async () => (await iterator.return(undefined), await close()) };
}

function sqliteCursor<T>(dataSource: DataSource, sql: string, values: unknown[]): RowCursor<T> {
  const driver = dataSource.driver as any;
  let db: any = null;
  let rows: IterableIterator<T> | null = null;
  const close = async () => {
    rows?.return?.();
    rows = null;
    db?.close();
    db = null;
  };
  async function* batches(): AsyncGenerator<T[]> {
    db = new driver.sqlite(driver.options.database, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 15000');
      rows = db.prepare(sql).iterate(...values) as IterableIterator<T>;
      for (;;) {
        const batch: T[] = [];
        for (let i = 0; i < BATCH; i++) {
          const next = rows.next();
          if (next.done) break;
          batch.push(next.value);
        }
        if (batch.length) yield batch;
        if (batch.length < BATCH) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      await close();
    }
  }
  const iterator = batches();
  return { [Symbol.asyncIterator]: () => iterator, close: async () => (await iterator.return(undefined), await close()) };
}
