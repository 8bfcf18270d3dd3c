import { Controller, HttpStatus, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawBodyRequest } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { WechatPayClient, WechatPayError } from '../wechat/wechat-pay.client';
import { OrdersService } from './orders.service';
import { OrderRefundsService } from './order-refunds.service';
import { RefundQueryService } from './refund-query.service';

/**
 * WeChat Pay's notifications. Verified over the raw body, decrypted with the tag checked, and
 * applied once however often WeChat retries. Answers in WeChat's shape: 204 when handled,
 * otherwise 4xx/5xx with `{ "code": "FAIL", "message" }` (and WeChat retries).
 */
@ApiTags('payments')
@Controller('api/payments/wechat')
export class PaymentNotifyController {
  private readonly logger = new Logger(PaymentNotifyController.name);

  constructor(
    private readonly wechatPay: WechatPayClient,
    private readonly orders: OrdersService,
    private readonly refunds: OrderRefundsService,
    private readonly refundQuery: RefundQueryService,
  ) {}

  @Public()
  @Post('notify')
  @ApiExcludeEndpoint()
  async notify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    const answer = (status: number, message?: string) => {
      if (message) void reply.status(status).header('content-type', 'application/json').send({ code: 'FAIL', message });
      else void reply.status(HttpStatus.NO_CONTENT).send();
    };
    let notification;
    try {
      notification = this.wechatPay.verifyNotification(req.headers, req.rawBody ?? Buffer.alloc(0));
    } catch (error) {
      if (!(error instanceof WechatPayError)) throw error;
      this.logger.warn(`refused a payment notification: ${error.code} ${error.message}`);
      return answer(error.status, error.code);
    }
    const r = notification.resource;
    if (notification.eventType === 'TRANSACTION.SUCCESS' && r.trade_state === 'SUCCESS') {
      const settled = await this.orders.settlePayment(String(r.out_trade_no ?? ''), { transactionId: String(r.transaction_id ?? ''), totalFen: Number(r.amount?.total) });
      if (!settled.ok) return answer(settled.status ?? 400, settled.code);
      return answer(HttpStatus.NO_CONTENT);
    }
    if (notification.eventType === 'REFUND.SUCCESS' && r.refund_status === 'SUCCESS') {
      const settled = await this.refunds.settleRefund(String(r.out_refund_no ?? ''));
      if (!settled.ok) return answer(settled.status ?? 400, settled.code);
      return answer(HttpStatus.NO_CONTENT);
    }
    if ((notification.eventType === 'REFUND.ABNORMAL' || notification.eventType === 'REFUND.CLOSED') && typeof r.out_refund_no === 'string') {
      await this.refundQuery.markFailed(r.out_refund_no, notification.eventType === 'REFUND.ABNORMAL' ? 'ABNORMAL' : 'CLOSED');
      return answer(HttpStatus.NO_CONTENT);
    }
    // Other events are acknowledged so WeChat stops retrying.
    this.logger.log(`payment notification ${notification.eventType} acknowledged`);
    return answer(HttpStatus.NO_CONTENT);
  }
}
