import { EntityManager, In } from 'typeorm';
import { MallItemEntity, OrderLineEntity } from './mall.entities';

/**
 * Puts an order's still-active lines back into stock and stops them counting toward per-member
 * limits. Only active lines move, so closing or refunding twice never restocks twice.
 */
export async function returnOrderStock(em: EntityManager, orderId: string): Promise<void> {
  const lines = await em.findBy(OrderLineEntity, { orderId, active: true });
  for (const line of lines) {
    await em
      .createQueryBuilder()
      .update(MallItemEntity)
      .set({ stock: () => `stock + ${line.quantity}`, sold: () => `sold - ${line.quantity}` })
      .where('id = :id', { id: line.itemId })
      .execute();
  }
  if (lines.length) await em.update(OrderLineEntity, { id: In(lines.map((l) => l.id)) }, { active: false });
}
