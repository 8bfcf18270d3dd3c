import type { EntityManager } from 'typeorm';

/**
 * Locks a member's row for the rest of the transaction, so every balance change of one member is
 * applied in order. MySQL takes a row lock; SQLite transactions are already serialized.
 */
export async function lockMemberRow(em: EntityManager, memberId: string): Promise<boolean> {
  const sql = em.connection.options.type === 'mysql' ? 'SELECT id FROM members WHERE id = ? FOR UPDATE' : 'SELECT id FROM members WHERE id = ?';
  const rows: unknown[] = await em.query(sql, [memberId]);
  return rows.length > 0;
}
