import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ClockService } from '../clock/clock.service';
import { dbTime } from '../database/locks';
import { TransactionRunner } from '../database/transaction-runner';
import { ORDER_PAID_EVENT, OrderPaidEvent } from '../mall/orders.service';

/**
 * Stamps offer_used_at on the sends whose claimed coupon this paid order used (after its commit).
 * Orders paid without cash publish no event; results count those from the wallet instead.
 */
@Injectable()
export class CampaignOfferUsageListener {
  private readonly logger = new Logger(CampaignOfferUsageListener.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
  ) {}

  @OnEvent(ORDER_PAID_EVENT, { promisify: true })
  async onOrderPaid(event: OrderPaidEvent): Promise<void> {
    try {
      await this.tx.write((em) =>
        em.query(
          `UPDATE campaign_sends SET offer_used_at = ?
           WHERE member_id = ? AND offer_used_at IS NULL
             AND claimed_coupon_id IN (SELECT c.id FROM member_coupons c WHERE c.member_id = ? AND c.used_ref = ? AND c.status = 'used')`,
          [dbTime(em, this.clock.now()), event.memberId, event.memberId, event.orderId],
        ),
      );
    } catch (error) {
      // The payment stands either way; results also read coupon use from the wallet.
      this.logger.warn(`offer usage of order ${event.orderId} not recorded: ${(error as Error).message}`);
    }
  }
}
