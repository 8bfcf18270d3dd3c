import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type MallItemKind = 'coupon' | 'goods' | 'product';

/**
 * Something in the mall: a coupon (issued at once from a template), goods redeemed and shipped by the
 * merchant, or a regular product bought for cash (which earns growth). Prices in fen and points;
 * stock only ever changes by conditional update.
 */
@Entity('mall_items')
@Index('idx_mall_items_listing', ['status', 'category', 'sortOrder'])
export class MallItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: MallItemKind;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 20, default: '' })
  category!: string;

  /** Uploaded images (/media/…), the first one is the cover. */
  @Column({ name: 'image_urls', type: 'simple-json' })
  imageUrls!: string[];

  @Column({ name: 'cash_price_fen', type: 'int', default: 0 })
  cashPriceFen!: number;

  @Column({ name: 'points_price', type: 'int', default: 0 })
  pointsPrice!: number;

  @Column({ name: 'coupon_template_id', type: 'varchar', length: 36, nullable: true })
  couponTemplateId!: string | null;

  @Column({ type: 'int', default: 0 })
  stock!: number;

  @Column({ type: 'int', default: 0 })
  sold!: number;

  /** Most one member may buy across their orders (closed orders do not count); 0 = no limit. */
  @Column({ name: 'per_member_limit', type: 'int', default: 0 })
  perMemberLimit!: number;

  @Column({ name: 'sale_starts_at', type: 'datetime', nullable: true })
  saleStartsAt!: Date | null;

  @Column({ name: 'sale_ends_at', type: 'datetime', nullable: true })
  saleEndsAt!: Date | null;

  /** Tier codes allowed to buy; empty = everyone. */
  @Column({ name: 'tiers_allowed', type: 'simple-json' })
  tiersAllowed!: string[];

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @Column({ type: 'varchar', length: 8, default: 'on' })
  status!: 'on' | 'off';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

export type OrderStatus = 'pending_payment' | 'to_ship' | 'shipped' | 'received' | 'completed' | 'closed' | 'refunding' | 'refunded';

/** One checkout. `(member, idempotency key)` is unique, so a double tap returns the same order. */
@Entity('orders')
@Index('uq_orders_idempotency', ['memberId', 'idempotencyKey'], { unique: true })
@Index('idx_orders_member', ['memberId', 'createdAt'])
@Index('idx_orders_status', ['status', 'expiresAt'])
// The admin order list: newest first, all or one status.
@Index('idx_orders_created', ['createdAt'])
@Index('idx_orders_status_created', ['status', 'createdAt'])
@Index('idx_orders_shipping_upload', ['shippingUpload', 'shippingUploadNextAt'])
@Index('idx_orders_refund_state', ['refundState', 'refundRequestedAt'])
@Index('idx_orders_paid', ['paidAt'])
export class OrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OrderStatus;

  @Column({ name: 'cash_subtotal_fen', type: 'int' })
  cashSubtotalFen!: number;

  @Column({ name: 'member_day_discount_fen', type: 'int', default: 0 })
  memberDayDiscountFen!: number;

  @Column({ name: 'coupon_discount_fen', type: 'int', default: 0 })
  couponDiscountFen!: number;

  @Column({ name: 'points_used', type: 'int', default: 0 })
  pointsUsed!: number;

  @Column({ name: 'points_value_fen', type: 'int', default: 0 })
  pointsValueFen!: number;

  @Column({ name: 'cash_due_fen', type: 'int' })
  cashDueFen!: number;

  @Column({ name: 'coupon_id', type: 'varchar', length: 36, nullable: true })
  couponId!: string | null;

  /** The delivery address as it was at checkout (goods only). */
  @Column({ name: 'address', type: 'simple-json', nullable: true })
  address!: { name: string; phone: string; region: string; detail: string } | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** Unpaid orders close at this instant and release what they held. */
  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'paid_at', type: 'datetime', nullable: true })
  paidAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 24, nullable: true })
  closeReason!: string | null;

  /** WeChat Pay's prepay_id once the JSAPI transaction exists (out_trade_no is the id without dashes). */
  @Column({ name: 'prepay_id', type: 'varchar', length: 64, nullable: true })
  prepayId!: string | null;

  @Column({ name: 'transaction_id', type: 'varchar', length: 32, nullable: true })
  transactionId!: string | null;

  /** out_refund_no of the refund, once one is asked of WeChat (or made for a points-only order). */
  @Column({ name: 'refund_no', type: 'varchar', length: 64, nullable: true })
  refundNo!: string | null;

  @Column({ name: 'refund_reason', type: 'varchar', length: 80, nullable: true })
  refundReason!: string | null;

  @Column({ name: 'refunded_at', type: 'datetime', nullable: true })
  refundedAt!: Date | null;

  /** When the refund was asked of WeChat: a refund with no notification after a while is queried. */
  @Column({ name: 'refund_requested_at', type: 'datetime', nullable: true })
  refundRequestedAt!: Date | null;

  /** WeChat's side of a cash refund: processing until its notification or a query settles it. */
  @Column({ name: 'refund_state', type: 'varchar', length: 12, nullable: true })
  refundState!: RefundState | null;

  /** WeChat's delivery_id of the express company (SF, ZTO, …) and the waybill number. */
  @Column({ name: 'express_company', type: 'varchar', length: 16, nullable: true })
  expressCompany!: string | null;

  @Column({ name: 'tracking_no', type: 'varchar', length: 40, nullable: true })
  trackingNo!: string | null;

  @Column({ name: 'shipped_at', type: 'datetime', nullable: true })
  shippedAt!: Date | null;

  @Column({ name: 'received_at', type: 'datetime', nullable: true })
  receivedAt!: Date | null;

  /** Reporting the shipment to WeChat (paid orders only): pending until uploaded; failed after the last retry. */
  @Column({ name: 'shipping_upload', type: 'varchar', length: 12, nullable: true })
  shippingUpload!: ShippingUploadState | null;

  @Column({ name: 'shipping_upload_attempts', type: 'int', default: 0 })
  shippingUploadAttempts!: number;

  @Column({ name: 'shipping_upload_next_at', type: 'datetime', nullable: true })
  shippingUploadNextAt!: Date | null;

  @Column({ name: 'shipping_upload_error', type: 'varchar', length: 200, nullable: true })
  shippingUploadError!: string | null;
}

export type RefundState = 'processing' | 'success' | 'abnormal' | 'closed';
export type ShippingUploadState = 'pending' | 'uploaded' | 'failed';

/** WeChat's out_trade_no for an order: its id without dashes (32 characters, WeChat's limit). */
export function outTradeNoOf(orderId: string): string {
  return orderId.replace(/-/g, '');
}

export function orderIdOf(outTradeNo: string): string | null {
  const m = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/.exec(outTradeNo);
  return m ? m.slice(1).join('-') : null;
}

@Entity('order_lines')
@Index('idx_order_lines_order', ['orderId'])
@Index('idx_order_lines_item', ['itemId', 'memberId'])
export class OrderLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'order_id', type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ type: 'varchar', length: 12 })
  kind!: MallItemKind;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ name: 'unit_cash_fen', type: 'int' })
  unitCashFen!: number;

  @Column({ name: 'unit_points', type: 'int' })
  unitPoints!: number;

  /** Counts toward the per-member limit until the order closes or is refunded. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

@Entity('member_addresses')
@Index('idx_member_addresses_member', ['memberId'])
export class MemberAddressEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId!: string;

  @Column({ type: 'varchar', length: 20 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  phone!: string;

  /** 省 市 区, as WeChat's region picker gives them. */
  @Column({ type: 'varchar', length: 60 })
  region!: string;

  @Column({ type: 'varchar', length: 120 })
  detail!: string;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
