import type { EntityManager } from 'typeorm';
import { storeDate } from '@mall/shared';

/** Paid orders: paid and not refunded (or being refunded). */
export const PAID_ORDER_SQL = `o.paid_at IS NOT NULL AND o.status NOT IN ('refunding', 'refunded')`;
const CHUNK = 2000;

export interface PaidOrder {
  id: string;
  /** Store day of the payment. */
  day: string;
  cashFen: number;
  lines: { itemId: string; category: string | null }[];
}

function toDate(value: Date | string): Date {
  // SQLite returns the UTC text TypeORM stored; MySQL returns a Date (UTC connection).
  return value instanceof Date ? value : new Date(value.replace(' ', 'T') + 'Z');
}

/**
 * Streams the members who have paid orders, a chunk of member ids at a time (memory bounded by the
 * chunk, whatever the store's size), each with their paid orders and lines.
 */
export async function* paidOrdersByMember(em: EntityManager, timezone: string): AsyncGenerator<Map<string, PaidOrder[]>> {
  let after = '';
  for (;;) {
    const idRows: { member_id: string }[] = await em.query(
      `SELECT DISTINCT o.member_id FROM orders o WHERE ${PAID_ORDER_SQL} AND o.member_id > ? ORDER BY o.member_id LIMIT ${CHUNK}`,
      [after],
    );
    if (!idRows.length) return;
    const ids = idRows.map((r) => r.member_id);
    after = ids[ids.length - 1];
    const inIds = ids.map(() => '?').join(', ');
    const orders: { id: string; member_id: string; paid_at: Date | string; cash_due_fen: number }[] = await em.query(
      `SELECT o.id, o.member_id, o.paid_at, o.cash_due_fen FROM orders o WHERE ${PAID_ORDER_SQL} AND o.member_id IN (${inIds})`,
      ids,
    );
    const lines: { order_id: string; item_id: string; category: string | null }[] = await em.query(
      `SELECT l.order_id, l.item_id, i.category FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN mall_items i ON i.id = l.item_id
       WHERE ${PAID_ORDER_SQL} AND o.member_id IN (${inIds})`,
      ids,
    );
    const byId = new Map<string, PaidOrder>();
    const byMember = new Map<string, PaidOrder[]>();
    for (const o of orders) {
      const order: PaidOrder = { id: o.id, day: storeDate(toDate(o.paid_at), timezone), cashFen: Number(o.cash_due_fen), lines: [] };
      byId.set(o.id, order);
      byMember.set(o.member_id, [...(byMember.get(o.member_id) ?? []), order]);
    }
    for (const l of lines) byId.get(l.order_id)?.lines.push({ itemId: l.item_id, category: l.category });
    yield byMember;
  }
}
