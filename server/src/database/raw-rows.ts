import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One-statement reads and writes for hot paths (check-in, points, growth), without the query
 * builder. Values go through the driver's own conversions, exactly as TypeORM's find and insert
 * convert them (dates, booleans, JSON), so rows read here equal rows read by a repository. The
 * builder's SQL generation cost more CPU per statement than the database's work on it (see
 * `npm run bench -- checkin`); everything else keeps using repositories.
 */
export async function findOneRow<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  where: Partial<T>,
  options: { lock?: boolean } = {},
): Promise<T | null> {
  const meta = em.connection.getMetadata(target);
  const columns = Object.keys(where).map((property) => columnOf(meta, property));
  // Only MySQL has row locks; SQLite transactions are serialized already.
  const lock = options.lock && em.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
  const sql = `SELECT * FROM ${quoted(em, meta.tableName)} WHERE ${columns.map((c) => `${quoted(em, c.databaseName)} = ?`).join(' AND ')} LIMIT 1${lock}`;
  const rows: Record<string, unknown>[] = await em.query(sql, columns.map((c) => persistent(em, c, (where as ObjectLiteral)[c.propertyName])));
  return rows.length ? hydrate(em, meta, rows[0]) : null;
}

/** INSERT of one row with the given properties (undefined ones take their column defaults). */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, values: Partial<T>): Promise<void> {
  const meta = em.connection.getMetadata(target);
  const columns = Object.keys(values)
    .filter((property) => (values as ObjectLiteral)[property] !== undefined)
    .map((property) => columnOf(meta, property));
  const sql = `INSERT INTO ${quoted(em, meta.tableName)} (${columns.map((c) => quoted(em, c.databaseName)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  await em.query(sql, columns.map((c) => persistent(em, c, (values as ObjectLiteral)[c.propertyName])));
}

/** UPDATE … SET the given properties WHERE the given properties; returns the affected row count. */
export async function updateRows<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, where: Partial<T>, set: Partial<T>): Promise<number> {
  const meta = em.connection.getMetadata(target);
  const setColumns = Object.keys(set).map((property) => columnOf(meta, property));
  const whereColumns = Object.keys(where).map((property) => columnOf(meta, property));
  const sql = `UPDATE ${quoted(em, meta.tableName)} SET ${setColumns.map((c) => `${quoted(em, c.databaseName)} = ?`).join(', ')} WHERE ${whereColumns.map((c) => `${quoted(em, c.databaseName)} = ?`).join(' AND ')}`;
  const params = [
    ...setColumns.map((c) => persistent(em, c, (set as ObjectLiteral)[c.propertyName])),
    ...whereColumns.map((c) => persistent(em, c, (where as ObjectLiteral)[c.propertyName])),
  ];
  // The structured result carries the affected count on both drivers.
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

function columnOf(meta: EntityMetadata, property: string): ColumnMetadata {
  const column = meta.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${meta.name} has no column for property ${property}`);
  return column;
}

function quoted(em: EntityManager, name: string): string {
  return em.connection.driver.escape(name);
}

function persistent(em: EntityManager, column: ColumnMetadata, value: unknown): unknown {
  const converted = em.connection.driver.preparePersistentValue(value, column);
  return converted === undefined ? null : converted;
}

function hydrate<T>(em: EntityManager, meta: EntityMetadata, row: Record<string, unknown>): T {
  const entity = meta.create() as Record<string, unknown>;
  for (const column of meta.columns) {
    if (column.databaseName in row) entity[column.propertyName] = em.connection.driver.prepareHydratedValue(row[column.databaseName], column);
  }
  return entity as T;
}
