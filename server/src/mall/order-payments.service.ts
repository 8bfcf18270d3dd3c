import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Outcome, fail, ok } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { MembersService } from '../members/members.service';
import { PaymentParams, WechatPayClient, WechatTransaction } from '../wechat/wechat-pay.client';
import { OrderEntity, OrderLineEntity, outTradeNoOf } from './mall.entities';

/**
 * The WeChat side of an order's cash: the JSAPI transaction and the mini-program's signed payment
 * parameters, and asking WeChat what became of a payment when no notification came.
 */
@Injectable()
export class OrderPaymentsService {
  private readonly logger = new Logger(OrderPaymentsService.name);

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    private readonly wechatPay: WechatPayClient,
    private readonly tx: TransactionRunner,
    private readonly members: MembersService,
  ) {}

  /** Parameters for `wx.requestPayment`, creating the WeChat transaction the first time. */
  async paymentFor(order: OrderEntity): Promise<Outcome<PaymentParams>> {
    if (order.status !== 'pending_payment') return fail('ORDER_NOT_PAYABLE', '订单不是待支付状态', HttpStatus.CONFLICT);
    if (!this.wechatPay.enabled) return fail('PAYMENT_UNAVAILABLE', '暂不支持微信支付，请稍后再试', HttpStatus.SERVICE_UNAVAILABLE);
    let prepayId = order.prepayId;
    if (!prepayId) {
      const member = await this.members.findById(order.memberId);
      const lines = await this.orders.manager.findBy(OrderLineEntity, { orderId: order.id });
      try {
        // Same out_trade_no and amount: WeChat answers with the same prepay_id, so a retry is safe.
        prepayId = await this.wechatPay.createJsapi({ outTradeNo: outTradeNoOf(order.id), description: lines.map((l) => l.name).join('、') || '会员商城订单', totalFen: order.cashDueFen, openid: member!.openid });
      } catch (error) {
        this.logger.warn(`starting payment for ${order.id} failed: ${(error as Error).message}`);
        return fail('PAYMENT_START_FAILED', '发起支付失败，请稍后重试', HttpStatus.BAD_GATEWAY);
      }
      await this.tx.write((em) => em.update(OrderEntity, { id: order.id, prepayId: IsNull() }, { prepayId }));
    }
    return ok(this.wechatPay.paymentParams(prepayId));
  }

  /** What WeChat says of the order's payment; null when it has no transaction for it. */
  async query(order: OrderEntity): Promise<WechatTransaction | null> {
    return this.wechatPay.query(outTradeNoOf(order.id));
  }

  /** Closes the WeChat transaction so it can no longer be paid. */
  closeAtWechat(order: OrderEntity): Promise<void> {
    return this.wechatPay.close(outTradeNoOf(order.id));
  }
}
