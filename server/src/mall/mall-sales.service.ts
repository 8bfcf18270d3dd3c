import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { And, In, LessThan, MoreThanOrEqual, Not, Repository } from 'typeorm';
import { addDays, startOfStoreDay } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { OrderEntity, OrderLineEntity } from './mall.entities';

export const SALES_MAX_DAYS = 92;
const TOP_ITEMS = 10;

export interface SalesDay {
  date: string;
  orders: number;
  revenueFen: number;
  pointsRedeemed: number;
}

export interface SalesReport {
  from: string;
  to: string;
  days: SalesDay[];
  totals: Omit<SalesDay, 'date'>;
  topItems: { itemId: string; name: string; quantity: number; revenueFen: number; points: number }[];
}

/**
 * Sales per store day: paid orders (not refunded), the cash they brought and the points they
 * redeemed, and the best-selling items. Instants are bucketed into store days here, so both
 * databases agree whatever their own time zone.
 */
@Injectable()
export class MallSalesService {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClockService,
  ) {}

  async report(fromDay?: string, toDay?: string): Promise<Outcome<SalesReport>> {
    const to = toDay ?? this.clock.today();
    const from = fromDay ?? addDays(to, -29);
    if (from > to) return fail('BAD_RANGE', '开始日期不能晚于结束日期', HttpStatus.BAD_REQUEST);
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      dates.push(d);
      if (dates.length > SALES_MAX_DAYS) return fail('BAD_RANGE', `一次最多查询 ${SALES_MAX_DAYS} 天`, HttpStatus.BAD_REQUEST);
    }
    const tz = this.config.store.timezone;
    const paidAt = And(MoreThanOrEqual(startOfStoreDay(from, tz)), LessThan(startOfStoreDay(addDays(to, 1), tz)));
    const paid = await this.orders.find({
      where: { paidAt, status: Not(In(['refunded', 'refunding'])) },
      select: { id: true, paidAt: true, cashDueFen: true, pointsUsed: true },
    });
    const byDay = new Map(dates.map((date) => [date, { date, orders: 0, revenueFen: 0, pointsRedeemed: 0 }]));
    for (const o of paid) {
      const day = byDay.get(this.clock.today(o.paidAt!));
      if (!day) continue;
      day.orders++;
      day.revenueFen += o.cashDueFen;
      day.pointsRedeemed += o.pointsUsed;
    }
    const days = [...byDay.values()];
    const totals = days.reduce((t, d) => ({ orders: t.orders + d.orders, revenueFen: t.revenueFen + d.revenueFen, pointsRedeemed: t.pointsRedeemed + d.pointsRedeemed }), { orders: 0, revenueFen: 0, pointsRedeemed: 0 });
    return ok({ from, to, days, totals, topItems: await this.topItems(paid.map((o) => o.id)) });
  }

  /** Items by units sold over the given orders (list prices as bought, before order-level discounts). */
  private async topItems(orderIds: string[]): Promise<SalesReport['topItems']> {
    const items = new Map<string, SalesReport['topItems'][number]>();
    for (let i = 0; i < orderIds.length; i += 500) {
      const lines = await this.orders.manager.findBy(OrderLineEntity, { orderId: In(orderIds.slice(i, i + 500)) });
      for (const l of lines) {
        const item = items.get(l.itemId) ?? { itemId: l.itemId, name: l.name, quantity: 0, revenueFen: 0, points: 0 };
        item.quantity += l.quantity;
        item.revenueFen += l.unitCashFen * l.quantity;
        item.points += l.unitPoints * l.quantity;
        items.set(l.itemId, item);
      }
    }
    return [...items.values()].sort((a, b) => b.quantity - a.quantity || b.revenueFen - a.revenueFen || a.itemId.localeCompare(b.itemId)).slice(0, TOP_ITEMS);
  }
}
