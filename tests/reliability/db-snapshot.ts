/**
 * A fingerprint of every table's content, to prove a refused request changed nothing: each table's
 * rows are read whole and hashed (the test databases are small), so an insert, an update or a
 * delete anywhere shows up as a named table.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type Snapshot = Map<string, string>;

export async function snapshot(dataSource: DataSource): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const meta of dataSource.entityMetadatas) {
    const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM ${meta.tableName}`);
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
    out.set(meta.tableName, `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
  }
  return out;
}

/** Tables whose content differs between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n));
}
