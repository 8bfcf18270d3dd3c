import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ClockService } from '../clock/clock.service';
import { TransactionRunner } from '../database/transaction-runner';
import { WechatPayClient } from '../wechat/wechat-pay.client';
import { OrderEntity } from './mall.entities';
import { OrderRefundsService } from './order-refunds.service';

/** A refund with no notification this long after it was asked is queried at WeChat. */
export const REFUND_QUERY_AFTER_MS = 10 * 60_000;
const BATCH = 100;

/**
 * Refunds whose REFUND.* notification never came: WeChat's refund query settles them through the
 * same path as the notification (points and stock back once), or marks them abnormal / closed for
 * the merchant to handle in WeChat Pay's merchant platform.
 */
@Injectable()
export class RefundQueryService {
  private readonly logger = new Logger(RefundQueryService.name);

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    private readonly wechatPay: WechatPayClient,
    private readonly refunds: OrderRefundsService,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
  ) {}

  /** Queries refunds still processing after REFUND_QUERY_AFTER_MS; returns how many it settled or marked. */
  async queryStale(): Promise<number> {
    if (!this.wechatPay.enabled) return 0;
    const cutoff = new Date(this.clock.now().getTime() - REFUND_QUERY_AFTER_MS);
    const due = await this.orders.find({ where: { refundState: 'processing', refundRequestedAt: LessThan(cutoff) }, order: { refundRequestedAt: 'ASC' }, take: BATCH });
    let changed = 0;
    for (const order of due) {
      try {
        const remote = await this.wechatPay.queryRefund(order.refundNo!);
        if (!remote) {
          this.logger.warn(`WeChat has no refund ${order.refundNo} for order ${order.id}`);
          continue;
        }
        if (remote.status === 'SUCCESS') {
          const settled = await this.refunds.settleRefund(order.refundNo!);
          if (settled.ok && settled.value === 'settled') changed++;
        } else if (remote.status === 'ABNORMAL' || remote.status === 'CLOSED') {
          if (await this.markFailed(order.refundNo!, remote.status)) changed++;
        }
      } catch (error) {
        this.logger.warn(`querying refund ${order.refundNo} failed: ${(error as Error).message}`);
      }
    }
    return changed;
  }

  /** WeChat says the refund could not be made (ABNORMAL: e.g. the card is gone) or was closed: the merchant must act. */
  async markFailed(outRefundNo: string, status: 'ABNORMAL' | 'CLOSED'): Promise<boolean> {
    const state = status === 'ABNORMAL' ? 'abnormal' : 'closed';
    const updated = await this.tx.write((em) => em.update(OrderEntity, { refundNo: outRefundNo, refundState: 'processing' }, { refundState: state }));
    if (updated.affected) this.logger.warn(`refund ${outRefundNo} is ${status} at WeChat`);
    return !!updated.affected;
  }
}
