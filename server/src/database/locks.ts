import type { EntityManager } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { findOneRow } from './raw-rows';

/**
 * Locks a member's row for the rest of the transaction, so every balance change of one member is
 * applied in order. MySQL takes a row lock; SQLite transactions are already serialized.
 */
export async function lockMemberRow(em: EntityManager, memberId: string): Promise<boolean> {
  const sql = em.connection.options.type === 'mysql' ? 'SELECT id FROM members WHERE id = ? FOR UPDATE' : 'SELECT id FROM members WHERE id = ?';
  const rows: unknown[] = await em.query(sql, [memberId]);
  return rows.length > 0;
}

/** Locks the member row (MySQL) and returns it, in one round trip. */
export function lockAndLoadMember(em: EntityManager, memberId: string): Promise<MemberEntity | null> {
  return findOneRow(em, MemberEntity, { id: memberId }, { lock: true });
}

/**
 * A Date as a raw-SQL parameter: mysql2 converts Dates itself (as UTC, `timezone: 'Z'`), SQLite
 * needs the same UTC text TypeORM stores, or comparisons with stored values go wrong.
 */
export function dbTime(em: Pick<EntityManager, 'connection'>, date: Date): Date | string {
  return em.connection.options.type === 'mysql' ? date : date.toISOString().replace('T', ' ').replace('Z', '');
}
