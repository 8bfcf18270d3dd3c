import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { PointsService } from '../points/points.service';
import { WechatPayClient } from '../wechat/wechat-pay.client';
import { OrderEntity, OrderStatus, outTradeNoOf } from './mall.entities';
import { returnOrderStock } from './order-stock';

const REFUNDABLE: OrderStatus[] = ['to_ship', 'shipped', 'received', 'completed'];

/**
 * Refunds: the cash through WeChat Pay's refund API (settled by its REFUND.SUCCESS notification),
 * then the points and the stock come back, once. Points-only orders are refunded at once.
 */
@Injectable()
export class OrderRefundsService {
  private readonly logger = new Logger(OrderRefundsService.name);

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly points: PointsService,
    private readonly wechatPay: WechatPayClient,
    private readonly audit: AuditService,
  ) {}

  async refund(admin: AdminPrincipal, orderId: string, reason: string): Promise<Outcome<OrderEntity>> {
    const order = await this.orders.findOneBy({ id: orderId });
    if (!order) return fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
    if (!REFUNDABLE.includes(order.status)) return fail('ORDER_NOT_REFUNDABLE', '该订单当前不能退款', HttpStatus.CONFLICT);
    const refundNo = `R${outTradeNoOf(order.id)}`;
    const cash = order.cashDueFen > 0;
    // Claimed first, so a second click (or a second admin) cannot refund twice.
    const claimed = await this.tx.run(async ({ em }) => {
      const updated = await em.update(OrderEntity, { id: order.id, status: order.status }, {
        status: cash ? 'refunding' : 'refunded',
        refundNo,
        refundReason: reason,
        ...(cash ? { refundState: 'processing' as const, refundRequestedAt: this.clock.now() } : { refundedAt: this.clock.now() }),
      });
      if (!updated.affected) return false;
      if (!cash) await this.giveBack(em, order);
      await this.audit.record(em, admin, { action: 'order.refund', targetType: 'order', targetId: order.id, details: { reason, cashFen: order.cashDueFen, points: order.pointsUsed } });
      return true;
    });
    if (!claimed) return fail('ORDER_NOT_REFUNDABLE', '该订单正在处理，请刷新后重试', HttpStatus.CONFLICT);
    if (cash) {
      try {
        await this.wechatPay.refund({ outTradeNo: outTradeNoOf(order.id), outRefundNo: refundNo, refundFen: order.cashDueFen, totalFen: order.cashDueFen, reason });
      } catch (error) {
        this.logger.warn(`refund of ${order.id} failed at WeChat: ${(error as Error).message}`);
        // Nothing left WeChat: put the order back as it was, so the refund can be tried again.
        await this.tx.write((em) => em.update(OrderEntity, { id: order.id, status: 'refunding' }, { status: order.status, refundNo: null, refundReason: null, refundState: null, refundRequestedAt: null }));
        return fail('REFUND_FAILED', '微信退款失败，请稍后重试', HttpStatus.BAD_GATEWAY);
      }
    }
    return ok((await this.orders.findOneBy({ id: order.id }))!);
  }

  /** A payment that arrived for an order already closed (its points and stock are back): return the cash. */
  async refundPaidAfterClose(order: OrderEntity, transactionId: string): Promise<void> {
    const refundNo = `R${outTradeNoOf(order.id)}`;
    const claimed = await this.tx.write((em) => em.update(OrderEntity, { id: order.id, status: 'closed', refundNo: IsNull() }, { refundNo, refundReason: '订单关闭后支付，自动退款', transactionId, refundState: 'processing', refundRequestedAt: this.clock.now() }));
    if (!claimed.affected) return;
    try {
      await this.wechatPay.refund({ outTradeNo: outTradeNoOf(order.id), outRefundNo: refundNo, refundFen: order.cashDueFen, totalFen: order.cashDueFen, reason: '订单已关闭，自动退款' });
    } catch (error) {
      this.logger.error(`automatic refund of ${order.id} failed: ${(error as Error).message}; refund it from the admin`);
      await this.tx.write((em) => em.update(OrderEntity, { id: order.id, refundNo }, { refundNo: null, refundState: null, refundRequestedAt: null }));
    }
  }

  /** WeChat confirmed the refund: refunding → refunded once, points and stock back. */
  async settleRefund(outRefundNo: string): Promise<Outcome<'settled' | 'already'>> {
    const order = await this.orders.findOneBy({ refundNo: outRefundNo });
    if (!order) return fail('ORDER_NOT_FOUND', '退款单不存在', HttpStatus.NOT_FOUND);
    const settled = await this.tx.run(async ({ em }) => {
      const now = this.clock.now();
      if (order.status === 'closed') {
        // Paid after close: only the cash went back; points and stock were released when it closed.
        return (await em.update(OrderEntity, { id: order.id, status: 'closed', refundedAt: IsNull() }, { refundedAt: now, refundState: 'success' })).affected ? true : false;
      }
      const claimed = await em.update(OrderEntity, { id: order.id, status: 'refunding' }, { status: 'refunded', refundedAt: now, refundState: 'success' });
      if (!claimed.affected) return false;
      await this.giveBack(em, order);
      return true;
    });
    return ok(settled ? 'settled' : 'already');
  }

  private async giveBack(em: EntityManager, order: OrderEntity): Promise<void> {
    if (order.pointsUsed > 0) {
      const back = await this.points.refundSpend(em, order.memberId, order.id);
      if (!back.ok) throw new Error(`returning points of ${order.id}: ${back.code}`);
    }
    await returnOrderStock(em, order.id);
  }
}
