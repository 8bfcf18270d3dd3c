import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, LessThanOrEqual, Repository } from 'typeorm';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { AUTO_RECEIVE_DAYS, maskPhone, shippingItemDesc } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import type { AdminPrincipal } from '../auth/auth.decorators';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { MembersService } from '../members/members.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WechatApiError } from '../wechat/wechat.errors';
import { OrderEntity, OrderLineEntity, outTradeNoOf } from './mall.entities';

dayjs.extend(utc);
dayjs.extend(timezone);

/** After this many failed uploads the order is marked failed (the merchant enters it in WeChat's console). */
export const SHIPPING_UPLOAD_MAX_ATTEMPTS = 8;
/** Errcodes a retry cannot fix: a malformed request, the payment not this payer's, or WeChat's one re-ship already used / not shippable. */
const FINAL_ERRCODES = new Set([47001, 10060003, 10060004, 10060031]);
const BATCH = 50;

/**
 * Goods after payment: the merchant ships (to_ship → shipped, once), the shipment is reported to
 * WeChat's 发货信息管理 (retried until it lands, never losing the shipment), and the member
 * confirms receipt (or it is confirmed for them after AUTO_RECEIVE_DAYS).
 */
@Injectable()
export class OrderShippingService implements OnModuleInit {
  private readonly logger = new Logger(OrderShippingService.name);

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly audit: AuditService,
    private readonly members: MembersService,
    private readonly wechat: WechatApiClient,
    private readonly jobs: DailyJobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'orders-auto-receive', hour: 4, run: () => this.autoReceive() });
  }

  /** to_ship → shipped once (a double click ships once), then reports the shipment to WeChat. */
  async ship(admin: AdminPrincipal, orderId: string, shipment: { expressCompany: string; trackingNo: string }): Promise<Outcome<OrderEntity>> {
    const order = await this.orders.findOneBy({ id: orderId });
    if (!order) return fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
    if (order.status !== 'to_ship') return fail('ORDER_NOT_SHIPPABLE', '只有待发货的订单可以发货', HttpStatus.CONFLICT);
    const now = this.clock.now();
    // Only payments through WeChat are reported; a points-only order has no WeChat payment.
    const report = order.cashDueFen > 0 && !!(order.transactionId || this.config.wechatPay);
    const shipped = await this.tx.run(async ({ em }) => {
      const claimed = await em.update(
        OrderEntity,
        { id: orderId, status: 'to_ship' },
        { status: 'shipped', shippedAt: now, ...shipment, ...(report ? { shippingUpload: 'pending' as const, shippingUploadAttempts: 0, shippingUploadNextAt: now } : {}) },
      );
      if (!claimed.affected) return false;
      await this.audit.record(em, admin, { action: 'order.ship', targetType: 'order', targetId: orderId, details: shipment });
      return true;
    });
    if (!shipped) return fail('ORDER_NOT_SHIPPABLE', '该订单已发货或状态已变化，请刷新', HttpStatus.CONFLICT);
    if (report) await this.upload(orderId, 0);
    return ok((await this.orders.findOneBy({ id: orderId }))!);
  }

  /** The member confirms receipt: only their own order, only once shipped. */
  async receive(memberId: string, orderId: string): Promise<Outcome<OrderEntity>> {
    const order = await this.orders.findOneBy({ id: orderId, memberId });
    if (!order) return fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
    const updated = await this.tx.write((em) => em.update(OrderEntity, { id: orderId, memberId, status: 'shipped' }, { status: 'received', receivedAt: this.clock.now() }));
    if (!updated.affected) return fail('ORDER_NOT_RECEIVABLE', '只有已发货的订单可以确认收货', HttpStatus.CONFLICT);
    return ok((await this.orders.findOneBy({ id: orderId }))!);
  }

  /** Shipped orders older than AUTO_RECEIVE_DAYS are received (set-based, so running twice changes nothing). */
  async autoReceive(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - AUTO_RECEIVE_DAYS * 86_400_000);
    const updated = await this.tx.write((em) => em.update(OrderEntity, { status: 'shipped', shippedAt: LessThan(cutoff) }, { status: 'received', receivedAt: now }));
    return updated.affected ?? 0;
  }

  /** Uploads that are due (first tries that failed, with backoff); returns how many landed. */
  async retryUploads(): Promise<number> {
    const due = await this.orders.find({ where: { shippingUpload: 'pending', shippingUploadNextAt: LessThanOrEqual(this.clock.now()) }, order: { shippingUploadNextAt: 'ASC' }, take: BATCH });
    let uploaded = 0;
    for (const order of due) if (await this.upload(order.id, order.shippingUploadAttempts)) uploaded++;
    return uploaded;
  }

  /**
   * One upload attempt, claimed by moving the attempt count from what the caller saw (so two
   * callers never upload the same attempt). A failure keeps the order pending with a backoff.
   */
  private async upload(orderId: string, seenAttempts: number): Promise<boolean> {
    const now = this.clock.now();
    const attempt = seenAttempts + 1;
    const backoffMin = Math.min(2 ** attempt, 120);
    const claimed = await this.tx.write((em) =>
      em.update(OrderEntity, { id: orderId, shippingUpload: 'pending', shippingUploadAttempts: seenAttempts }, { shippingUploadAttempts: attempt, shippingUploadNextAt: new Date(now.getTime() + backoffMin * 60_000) }),
    );
    if (!claimed.affected) return false;
    const order = (await this.orders.findOneBy({ id: orderId }))!;
    try {
      const [member, lines] = await Promise.all([this.members.findById(order.memberId), this.orders.manager.findBy(OrderLineEntity, { orderId })]);
      await this.wechat.uploadShippingInfo({
        // By WeChat's transaction id; by merchant id + out_trade_no should the id be missing.
        order_key: order.transactionId
          ? { order_number_type: 2, transaction_id: order.transactionId }
          : { order_number_type: 1, mchid: this.config.wechatPay!.mchId, out_trade_no: outTradeNoOf(order.id) },
        logistics_type: 1,
        delivery_mode: 1,
        shipping_list: [{ tracking_no: order.trackingNo!, express_company: order.expressCompany!, item_desc: shippingItemDesc(lines), contact: { receiver_contact: maskPhone(order.address?.phone) ?? '' } }],
        upload_time: dayjs(now).tz(this.config.store.timezone).format('YYYY-MM-DDTHH:mm:ss.SSSZ'),
        payer: { openid: member!.openid },
      });
    } catch (error) {
      const final = (error instanceof WechatApiError && FINAL_ERRCODES.has(error.errcode)) || attempt >= SHIPPING_UPLOAD_MAX_ATTEMPTS;
      this.logger.warn(`shipping upload of ${orderId} (attempt ${attempt}) failed: ${(error as Error).message}${final ? '; giving up' : ''}`);
      await this.tx.write((em) =>
        em.update(OrderEntity, { id: orderId, shippingUpload: 'pending' }, { shippingUploadError: (error as Error).message.slice(0, 200), ...(final ? { shippingUpload: 'failed' as const, shippingUploadNextAt: null } : {}) }),
      );
      return false;
    }
    await this.tx.write((em) => em.update(OrderEntity, { id: orderId, shippingUpload: 'pending' }, { shippingUpload: 'uploaded', shippingUploadError: null, shippingUploadNextAt: null }));
    return true;
  }
}
