import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PAID_ORDER_SQL } from './paid-orders.reader';

export interface BoughtTogetherRow {
  id: string;
  name: string;
  imageUrl: string | null;
  cashPriceFen: number;
  pointsPrice: number;
  lift: number;
  confidence: number;
}

/** Reads the predictions the daily job computed. */
@Injectable()
export class PredictionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Partner items of an item, best lift first, only items that are on sale. */
  async boughtTogether(itemId: string, limit: number): Promise<BoughtTogetherRow[]> {
    const rows: { id: string; name: string; image_urls: string; cash_price_fen: number; points_price: number; lift: number; confidence: number }[] = await this.dataSource.query(
      `SELECT i.id, i.name, i.image_urls, i.cash_price_fen, i.points_price, p.lift, p.confidence
       FROM item_pairs p JOIN mall_items i ON i.id = p.partner_id
       WHERE p.item_id = ? AND i.status = 'on' AND p.lift > 1
       ORDER BY p.lift DESC, p.pair_count DESC, i.id LIMIT ${Math.max(1, Math.min(20, Math.floor(limit)))}`,
      [itemId],
    );
    return rows.map((r) => {
      const images = parseImages(r.image_urls);
      return { id: r.id, name: r.name, imageUrl: images[0] ?? null, cashPriceFen: Number(r.cash_price_fen), pointsPrice: Number(r.points_price), lift: Number(r.lift), confidence: Number(r.confidence) };
    });
  }

  /**
   * The item to recommend to a member: the best-lift partner (on sale) of the items in their latest
   * paid order, leaving out what that order already held. Null without a paid order or a partner.
   */
  async partnerForMember(memberId: string): Promise<{ id: string; name: string } | null> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT i.id, i.name
       FROM (SELECT o.id FROM orders o WHERE o.member_id = ? AND ${PAID_ORDER_SQL} ORDER BY o.paid_at DESC, o.id DESC LIMIT 1) lo
       JOIN order_lines l ON l.order_id = lo.id
       JOIN item_pairs p ON p.item_id = l.item_id AND p.lift > 1
       JOIN mall_items i ON i.id = p.partner_id AND i.status = 'on'
       WHERE NOT EXISTS (SELECT 1 FROM order_lines b WHERE b.order_id = lo.id AND b.item_id = p.partner_id)
       ORDER BY p.lift DESC, p.pair_count DESC, i.id LIMIT 1`,
      [memberId],
    );
    return rows[0] ?? null;
  }
}

function parseImages(value: string): string[] {
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
