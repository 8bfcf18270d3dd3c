import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, LessThan, Repository } from 'typeorm';
import { TierCode, growthForPayment, priceOrder, type CouponTerms, type PricingError } from '@mall/shared';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { Outcome, fail, ok } from '../common/errors';
import { newId } from '../common/ids';
import { isUniqueViolation } from '../database/db-errors';
import { lockAndLoadMember } from '../database/locks';
import { TransactionRunner } from '../database/transaction-runner';
import { PointsService } from '../points/points.service';
import { CouponsService } from '../coupons/coupons.service';
import { TiersService } from '../tiers/tiers.service';
import { MemberDayService } from '../member-day/member-day.service';
import { MallItemEntity, MemberAddressEntity, OrderEntity, OrderLineEntity, OrderStatus, orderIdOf } from './mall.entities';
import { OrderPaymentsService } from './order-payments.service';
import { OrderRefundsService } from './order-refunds.service';
import { returnOrderStock } from './order-stock';
import type { PaymentParams } from '../wechat/wechat-pay.client';
import { RedisLockService } from '../redis/redis-lock.service';

export const ORDER_PAID_EVENT = 'order.paid';
export interface OrderPaidEvent {
  orderId: string;
  memberId: string;
  cashFen: number;
}

export const UNPAID_ORDER_TTL_MS = 15 * 60_000;

export interface CheckoutRequest {
  items: { itemId: string; quantity: number }[];
  pointsToUse?: number;
  couponId?: string;
  addressId?: string;
  idempotencyKey: string;
}

export interface OrderWithLines {
  order: OrderEntity;
  lines: OrderLineEntity[];
  /** For an unpaid order with cash due: what the mini-program passes to wx.requestPayment. */
  payment?: PaymentParams;
}

type Refusal = Extract<Outcome<never>, { ok: false }>;

/** Thrown inside a checkout transaction to roll back what it already wrote and answer with a refusal. */
class CheckoutRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
const refuse = (code: string, message: string, status: number = HttpStatus.BAD_REQUEST, details?: unknown): never => {
  throw new CheckoutRefused(fail(code, message, status, details));
};

const PRICING_REFUSALS: Record<PricingError, [string, string]> = {
  INVALID: ['INVALID_ORDER', '订单内容有误'],
  COUPON_THRESHOLD_NOT_MET: ['COUPON_THRESHOLD_NOT_MET', '未达到优惠券使用门槛'],
  NOT_ENOUGH_POINTS: ['INSUFFICIENT_POINTS', '积分不足'],
  EXCEEDS_MAX_SHARE: ['POINTS_OVER_LIMIT', '积分抵扣超过上限'],
};

/**
 * Checkout and the order's life before payment. One transaction takes the coupon, the stock (by
 * conditional update: never oversold), the per-member limit (counted under the member's row lock)
 * and the points (never below zero); anything refused rolls all of it back. Points-only orders
 * complete at once; orders with cash hold everything until paid or closed.
 */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);
  private closing = false;

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly points: PointsService,
    private readonly coupons: CouponsService,
    private readonly tiers: TiersService,
    private readonly memberDay: MemberDayService,
    private readonly payments: OrderPaymentsService,
    private readonly refunds: OrderRefundsService,
    private readonly events: EventEmitter2,
    private readonly redisLocks: RedisLockService,
  ) {}

  /**
   * Places the order (or finds the one this idempotency key already placed) and, when cash is due,
   * starts the WeChat payment. A failed start leaves the order waiting; the same call again retries.
   */
  async checkout(memberId: string, req: CheckoutRequest): Promise<Outcome<OrderWithLines>> {
    let order: OrderEntity | null;
    try {
      order = await this.tx.run(({ em }) => this.placeOrder(em, memberId, req), (em) => this.admit(em, memberId, req));
    } catch (error) {
      if (error instanceof CheckoutRefused) return error.refusal;
      // The same key raced in from a second tap: answer with the order the first one made.
      if (!isUniqueViolation(error)) throw error;
      order = await this.orders.findOneBy({ memberId, idempotencyKey: req.idempotencyKey });
      if (!order) throw error;
    }
    const view = await this.withLines(order);
    if (order.status !== 'pending_payment') return ok(view);
    const payment = await this.payments.paymentFor(order);
    return payment.ok ? ok({ ...view, order: (await this.orders.findOneBy({ id: order.id }))!, payment: payment.value }) : payment;
  }

  /**
   * Before the checkout transaction, on its connection: the order this idempotency key already
   * placed, or a refusal when an item is visibly sold out (in a flash sale most buyers get here
   * after the stock is gone). One unlocked read of the latest committed rows; the conditional stock
   * update inside the transaction stays the authority.
   */
  private async admit(em: EntityManager, memberId: string, req: CheckoutRequest): Promise<OrderEntity | undefined> {
    const wanted = new Map<string, number>();
    for (const line of req.items) wanted.set(line.itemId, (wanted.get(line.itemId) ?? 0) + line.quantity);
    const rows: { kind: string; id: string; name: string | null; stock: number | string | null }[] = await em.query(
      `SELECT 'order' AS kind, id, NULL AS name, NULL AS stock FROM orders WHERE member_id = ? AND idempotency_key = ?
       UNION ALL SELECT 'item' AS kind, id, name, stock FROM mall_items WHERE id IN (${[...wanted.keys()].map(() => '?').join(', ')})`,
      [memberId, req.idempotencyKey, ...wanted.keys()],
    );
    const placed = rows.find((r) => r.kind === 'order');
    if (placed) return (await em.findOneBy(OrderEntity, { id: placed.id }))!;
    for (const row of rows) {
      if (Number(row.stock) < wanted.get(row.id)!) refuse('SOLD_OUT', `「${row.name}」库存不足`, HttpStatus.CONFLICT, { itemId: row.id });
    }
    return undefined;
  }

  /** Payment parameters again for an unpaid order (the member closed the payment sheet). */
  async paymentFor(memberId: string, orderId: string): Promise<Outcome<OrderWithLines>> {
    const order = await this.orders.findOneBy({ id: orderId, memberId });
    if (!order) return fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
    const payment = await this.payments.paymentFor(order);
    return payment.ok ? ok({ ...(await this.withLines((await this.orders.findOneBy({ id: orderId }))!)), payment: payment.value }) : payment;
  }

  /**
   * WeChat says the order was paid (a verified notification, or a query): pending → paid exactly
   * once, whatever the number of notifications. The amount must match the order's cash due.
   */
  async settlePayment(outTradeNo: string, paid: { transactionId: string; totalFen: number }): Promise<Outcome<'settled' | 'already'>> {
    const orderId = orderIdOf(outTradeNo);
    const order = orderId ? await this.orders.findOneBy({ id: orderId }) : null;
    if (!order) return fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
    if (paid.totalFen !== order.cashDueFen) {
      this.logger.error(`payment amount ${paid.totalFen} for order ${order.id} does not match ${order.cashDueFen}`);
      return fail('AMOUNT_MISMATCH', '支付金额与订单不符', HttpStatus.BAD_REQUEST);
    }
    if (order.status !== 'pending_payment') {
      if (order.status === 'closed') {
        this.logger.warn(`order ${order.id} was paid after it closed (transaction ${paid.transactionId}): refunding`);
        await this.refunds.refundPaidAfterClose(order, paid.transactionId);
      }
      return ok('already');
    }
    const settled = await this.tx.run(async (tx) => {
      const { em } = tx;
      const lines = await em.findBy(OrderLineEntity, { orderId: order.id });
      const status: OrderStatus = lines.some((l) => l.kind === 'goods') ? 'to_ship' : 'completed';
      const now = this.clock.now();
      const claimed = await em.update(OrderEntity, { id: order.id, status: 'pending_payment' }, { status, paidAt: now, transactionId: paid.transactionId, expiresAt: null });
      if (!claimed.affected) return false;
      if (order.pointsUsed > 0) {
        const confirmed = await this.points.confirmHold(em, order.memberId, order.id);
        if (!confirmed.ok) throw new Error(`confirming points of ${order.id}: ${confirmed.code}`);
      }
      const items = await em.findBy(MallItemEntity, { id: In(lines.map((l) => l.itemId)) });
      await this.fulfilCoupons(em, order.memberId, order.id, lines.map((l) => ({ item: items.find((i) => i.id === l.itemId)!, quantity: l.quantity })));
      // Growth for the cash paid on products (what tiers are earned on).
      const productCash = lines.filter((l) => l.kind === 'product').reduce((sum, l) => sum + l.unitCashFen * l.quantity, 0);
      const growth = growthForPayment(Math.min(productCash, order.cashDueFen));
      if (growth > 0) await this.tiers.addGrowth(tx, { memberId: order.memberId, delta: growth, reason: 'order_paid', ref: order.id });
      const event: OrderPaidEvent = { orderId: order.id, memberId: order.memberId, cashFen: order.cashDueFen };
      tx.afterCommit(() => this.events.emitAsync(ORDER_PAID_EVENT, event).then(() => undefined));
      return true;
    });
    return ok(settled ? 'settled' : 'already');
  }

  private async placeOrder(em: EntityManager, memberId: string, req: CheckoutRequest): Promise<OrderEntity> {
    const member = await lockAndLoadMember(em, memberId);
    if (!member) return refuse('MEMBER_NOT_FOUND', '会员不存在', HttpStatus.NOT_FOUND);
    const again = await em.findOneBy(OrderEntity, { memberId, idempotencyKey: req.idempotencyKey });
    if (again) return again;

    const quantities = new Map<string, number>();
    for (const line of req.items) quantities.set(line.itemId, (quantities.get(line.itemId) ?? 0) + line.quantity);
    const items = await em.findBy(MallItemEntity, { id: In([...quantities.keys()]) });
    const now = this.clock.now();
    for (const [itemId, quantity] of quantities) {
      const item = items.find((i) => i.id === itemId);
      if (!item || item.status !== 'on') refuse('ITEM_UNAVAILABLE', '商品不存在或已下架', HttpStatus.NOT_FOUND, { itemId });
      // A sold-out item is refused without queueing for its row lock; the conditional update below stays the authority.
      if (item!.stock < quantity) refuse('SOLD_OUT', `「${item!.name}」库存不足`, HttpStatus.CONFLICT, { itemId });
      if ((item!.saleStartsAt && item!.saleStartsAt > now) || (item!.saleEndsAt && item!.saleEndsAt < now)) refuse('ITEM_NOT_ON_SALE', `「${item!.name}」不在售卖时间内`, HttpStatus.CONFLICT, { itemId });
      if (item!.tiersAllowed.length && !item!.tiersAllowed.includes(member.tier)) refuse('TIER_NOT_ALLOWED', `「${item!.name}」仅限指定等级会员兑换`, HttpStatus.FORBIDDEN, { itemId });
      if (item!.perMemberLimit > 0) {
        // The member row is locked, so this member's other checkouts wait: the count cannot be raced.
        const bought = await em.sum(OrderLineEntity, 'quantity', { memberId, itemId, active: true });
        if ((bought ?? 0) + quantity > item!.perMemberLimit) refuse('LIMIT_REACHED', `「${item!.name}」每人限购 ${item!.perMemberLimit} 件`, HttpStatus.CONFLICT, { itemId });
      }
    }

    let address: OrderEntity['address'] = null;
    if (items.some((i) => i.kind === 'goods')) {
      const saved = req.addressId ? await em.findOneBy(MemberAddressEntity, { id: req.addressId, memberId }) : null;
      if (!saved) refuse('ADDRESS_REQUIRED', '请选择收货地址');
      address = { name: saved!.name, phone: saved!.phone, region: saved!.region, detail: saved!.detail };
    }

    const orderId = newId();
    let couponTerms: CouponTerms | null = null;
    if (req.couponId) {
      const used = await this.coupons.useForOrder(em, memberId, req.couponId, orderId);
      if (!used.ok) throw new CheckoutRefused(used);
      const t = used.value;
      couponTerms = { kind: t.kind, amountOffFen: t.amountOffFen, thresholdFen: t.thresholdFen, percentPay: t.percentPay, capFen: t.capFen };
    }
    const [pointsSettings, tierSettings, memberDay] = await Promise.all([this.points.pointsSettings(em), this.tiers.settings(em), this.memberDay.isMemberDay(this.clock.today(now), em)]);
    const lines = [...quantities].map(([itemId, quantity]) => ({ item: items.find((i) => i.id === itemId)!, quantity }));
    const priced = priceOrder({
      lines: lines.map(({ item, quantity }) => ({ unitCashFen: item.cashPriceFen, unitPoints: item.pointsPrice, quantity })),
      memberDayPricePct: memberDay ? tierSettings.benefits[member.tier as TierCode].memberDayPricePct : 100,
      coupon: couponTerms,
      pointsToUse: req.pointsToUse ?? 0,
      balance: member.pointsBalance,
      maxShareOfCashPct: pointsSettings.maxShareOfCashPct,
      pointsPer5Yuan: pointsSettings.pointsPer5Yuan,
    });
    if (!priced.ok) refuse(...PRICING_REFUSALS[(priced as { error: PricingError }).error], HttpStatus.CONFLICT);
    const price = (priced as Extract<typeof priced, { ok: true }>).value;

    const paid = price.cashDueFen === 0;
    if (price.pointsTotal > 0) {
      const spent = paid
        ? await this.points.apply(em, { memberId, delta: -price.pointsTotal, reason: 'redeem', ref: orderId, note: lines.map((l) => l.item.name).join('、').slice(0, 60) })
        : await this.points.hold(em, memberId, price.pointsTotal, 'order_pay', orderId);
      if (!spent.ok) throw new CheckoutRefused(spent);
    }
    const status: OrderStatus = !paid ? 'pending_payment' : lines.some((l) => l.item.kind === 'goods') ? 'to_ship' : 'completed';
    const order: OrderEntity = {
      id: orderId,
      memberId,
      idempotencyKey: req.idempotencyKey,
      status,
      cashSubtotalFen: price.cashSubtotalFen,
      memberDayDiscountFen: price.memberDayDiscountFen,
      couponDiscountFen: price.couponDiscountFen,
      pointsUsed: price.pointsTotal,
      pointsValueFen: price.pointsValueFen,
      cashDueFen: price.cashDueFen,
      couponId: req.couponId ?? null,
      address,
      createdAt: now,
      expiresAt: paid ? null : new Date(now.getTime() + UNPAID_ORDER_TTL_MS),
      paidAt: paid ? now : null,
      closedAt: null,
      closeReason: null,
      prepayId: null,
      transactionId: null,
      refundNo: null,
      refundReason: null,
      refundedAt: null,
      refundRequestedAt: null,
      refundState: null,
      expressCompany: null,
      trackingNo: null,
      shippedAt: null,
      receivedAt: null,
      shippingUpload: null,
      shippingUploadAttempts: 0,
      shippingUploadNextAt: null,
      shippingUploadError: null,
    };
    await em.insert(OrderEntity, order);
    await em.insert(
      OrderLineEntity,
      lines.map(({ item, quantity }) => ({ id: newId(), orderId, memberId, itemId: item.id, kind: item.kind, name: item.name, quantity, unitCashFen: item.cashPriceFen, unitPoints: item.pointsPrice, active: true })),
    );
    // Stock last: the item row is the one every buyer of a hot item waits on, so its lock is held
    // only for the commit. Rows in id order, so two multi-item checkouts never wait crosswise.
    for (const { item, quantity } of [...lines].sort((a, b) => a.item.id.localeCompare(b.item.id))) {
      const taken = await em
        .createQueryBuilder()
        .update(MallItemEntity)
        .set({ stock: () => `stock - ${quantity}`, sold: () => `sold + ${quantity}` })
        .where('id = :id AND stock >= :quantity', { id: item.id, quantity })
        .execute();
      if (!taken.affected) refuse('SOLD_OUT', `「${item.name}」库存不足`, HttpStatus.CONFLICT, { itemId: item.id });
    }
    if (paid) await this.fulfilCoupons(em, memberId, orderId, lines);
    return order;
  }

  /** Coupon items are delivered the moment their order is paid: one coupon per unit. */
  private async fulfilCoupons(em: EntityManager, memberId: string, orderId: string, lines: { item: MallItemEntity; quantity: number }[]): Promise<void> {
    for (const [index, { item, quantity }] of lines.entries()) {
      if (item.kind !== 'coupon' || !item.couponTemplateId) continue;
      for (let unit = 0; unit < quantity; unit++) {
        const issued = await this.coupons.issue(em, { templateId: item.couponTemplateId, memberId, source: 'mall', sourceRef: `${orderId}:${index}:${unit}` });
        if (!issued.ok) refuse(issued.code, issued.message, HttpStatus.CONFLICT, { itemId: item.id });
      }
    }
  }

  /** The member gives up an unpaid order: everything it held comes back. */
  async cancel(memberId: string, orderId: string): Promise<Outcome<OrderWithLines>> {
    const order = await this.orders.findOneBy({ id: orderId, memberId });
    if (!order) return fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
    if (order.status !== 'pending_payment') return fail('ORDER_NOT_CANCELLABLE', '只有待支付的订单可以取消', HttpStatus.CONFLICT);
    const outcome = await this.closeUnpaid(order, 'cancelled');
    if (outcome === 'paid') return fail('ORDER_ALREADY_PAID', '订单已支付，无法取消', HttpStatus.CONFLICT);
    if (outcome === 'unknown') return fail('PAYMENT_STATE_UNKNOWN', '暂时无法确认支付状态，请稍后再试', HttpStatus.SERVICE_UNAVAILABLE);
    return ok(await this.withLines((await this.orders.findOneBy({ id: orderId }))!));
  }

  /**
   * Closes unpaid orders past their 15 minutes. Every instance may run it: closing is conditional.
   * With Redis, one instance per 25 s does it (the lock is left to expire), so instances do not all
   * ask WeChat about the same orders.
   */
  @Interval('close-unpaid-orders', 30_000)
  async closeExpiredTick(): Promise<void> {
    if (this.closing || this.config.env === 'test') return;
    if ((await this.redisLocks.acquire('close-unpaid-orders', 25_000)) === 'held') return;
    this.closing = true;
    try {
      await this.closeExpired();
    } catch (error) {
      this.logger.error(`closing unpaid orders failed: ${(error as Error).message}`);
    } finally {
      this.closing = false;
    }
  }

  async closeExpired(): Promise<number> {
    let closed = 0;
    for (;;) {
      const due = await this.orders.find({ where: { status: 'pending_payment', expiresAt: LessThan(this.clock.now()) }, order: { expiresAt: 'ASC' }, take: 100 });
      let unknown = 0;
      for (const order of due) {
        const outcome = await this.closeUnpaid(order, 'unpaid');
        if (outcome === 'closed') closed++;
        if (outcome === 'unknown') unknown++;
      }
      // Orders WeChat could not answer for stay due; the next tick asks again.
      if (due.length < 100 || unknown === due.length) return closed;
    }
  }

  /**
   * Before closing an order that has a WeChat transaction, ask WeChat: paid after all (the
   * notification never came) settles it; otherwise WeChat's transaction is closed first, so it can
   * no longer be paid, then ours.
   */
  private async closeUnpaid(order: OrderEntity, reason: 'unpaid' | 'cancelled'): Promise<'closed' | 'paid' | 'unknown' | 'gone'> {
    if (order.prepayId) {
      try {
        const remote = await this.payments.query(order);
        if (remote && (remote.trade_state === 'SUCCESS' || remote.trade_state === 'REFUND')) {
          await this.settlePayment(remote.out_trade_no, { transactionId: remote.transaction_id ?? '', totalFen: remote.amount.total });
          return 'paid';
        }
        if (remote && remote.trade_state !== 'CLOSED') await this.payments.closeAtWechat(order);
      } catch (error) {
        this.logger.warn(`could not check payment of ${order.id}: ${(error as Error).message}`);
        return 'unknown';
      }
    }
    return (await this.close(order.id, reason)) ? 'closed' : 'gone';
  }

  /** pending_payment → closed once (a conditional update decides), releasing points, coupon and stock. */
  private close(orderId: string, reason: 'unpaid' | 'cancelled'): Promise<boolean> {
    return this.tx.run(async ({ em }) => {
      const now = this.clock.now();
      const claimed = await em.update(OrderEntity, { id: orderId, status: 'pending_payment' }, { status: 'closed', closedAt: now, closeReason: reason });
      if (!claimed.affected) return false;
      const order = (await em.findOneBy(OrderEntity, { id: orderId }))!;
      if (order.pointsUsed > 0) {
        const released = await this.points.releaseHold(em, order.memberId, order.id);
        if (!released.ok) throw new Error(`releasing points of ${order.id}: ${released.code}`);
      }
      if (order.couponId) await this.coupons.restoreForOrder(em, order.couponId, order.id);
      await returnOrderStock(em, orderId);
      return true;
    });
  }

  /** Every order for the merchant, newest first, optionally one status. */
  async adminPage(page: number, pageSize: number, status?: OrderStatus): Promise<{ items: OrderWithLines[]; total: number }> {
    const [orders, total] = await this.orders.findAndCount({ where: status ? { status } : {}, order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: await this.attachLines(orders), total };
  }

  async adminOne(orderId: string): Promise<Outcome<OrderWithLines>> {
    const order = await this.orders.findOneBy({ id: orderId });
    return order ? ok(await this.withLines(order)) : fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
  }

  async mine(memberId: string, page: number, pageSize: number, statuses?: OrderStatus[]): Promise<{ items: OrderWithLines[]; total: number }> {
    const [orders, total] = await this.orders.findAndCount({ where: { memberId, ...(statuses ? { status: In(statuses) } : {}) }, order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items: await this.attachLines(orders), total };
  }

  async one(memberId: string, orderId: string): Promise<Outcome<OrderWithLines>> {
    const order = await this.orders.findOneBy({ id: orderId, memberId });
    return order ? ok(await this.withLines(order)) : fail('ORDER_NOT_FOUND', '订单不存在', HttpStatus.NOT_FOUND);
  }

  private async withLines(order: OrderEntity): Promise<OrderWithLines> {
    return (await this.attachLines([order]))[0];
  }

  private async attachLines(orders: OrderEntity[]): Promise<OrderWithLines[]> {
    const lines = orders.length ? await this.orders.manager.findBy(OrderLineEntity, { orderId: In(orders.map((o) => o.id)) }) : [];
    return orders.map((order) => ({ order, lines: lines.filter((l) => l.orderId === order.id) }));
  }
}
