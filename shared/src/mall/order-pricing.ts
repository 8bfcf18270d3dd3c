import { DEFAULT_POINTS_PER_5_YUAN, maxPointsForOrder, splitPayment } from '../loyalty/points-cash';

/** One line of a cart: an item's prices (cash in fen, points) times a quantity. */
export interface PricedLine {
  unitCashFen: number;
  unitPoints: number;
  quantity: number;
}

/** A coupon's terms as the template holds them: amount off above a threshold, or pay a percentage up to a cap. */
export interface CouponTerms {
  kind: 'amount' | 'percent';
  amountOffFen: number;
  thresholdFen: number;
  /** Percent of the price the member pays (85 = 15% off). */
  percentPay: number;
  /** Most a percentage coupon takes off, in fen; 0 = no cap. */
  capFen: number;
}

export interface PricingInput {
  lines: PricedLine[];
  /** The member's tier price on member day (95 = 5% off cash prices); 100 on other days. */
  memberDayPricePct: number;
  coupon: CouponTerms | null;
  /** Points the member chose to put against the cash price (the slider). */
  pointsToUse: number;
  balance: number;
  maxShareOfCashPct: number;
  pointsPer5Yuan?: number;
}

export type PricingError = 'INVALID' | 'COUPON_THRESHOLD_NOT_MET' | 'NOT_ENOUGH_POINTS' | 'EXCEEDS_MAX_SHARE';

export interface OrderPricing {
  cashSubtotalFen: number;
  memberDayDiscountFen: number;
  couponDiscountFen: number;
  /** Points prices of the items (points-only or points + cash items). */
  itemPoints: number;
  /** Points put against the cash price, and what they are worth. */
  pointsForCash: number;
  pointsValueFen: number;
  /** itemPoints + pointsForCash: what leaves the member's balance. */
  pointsTotal: number;
  /** What WeChat Pay collects. */
  cashDueFen: number;
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** A cash price at a member-day tier price (95 = 5% off); the discount rounds down, so the price rounds up. */
export function memberDayPriceFen(cashFen: number, memberDayPricePct: number): number {
  return Math.ceil((cashFen * memberDayPricePct) / 100);
}

/**
 * Prices an order: cash subtotal → member-day tier price (the discount rounds down, in the member's
 * favour never below a fen) → coupon (threshold on the discounted price) → points against at most
 * `maxShareOfCashPct`% of what is left, from the balance that the items' own points prices leave.
 */
export function priceOrder(input: PricingInput): { ok: true; value: OrderPricing } | { ok: false; error: PricingError } {
  const { lines, memberDayPricePct, coupon, pointsToUse, balance, maxShareOfCashPct } = input;
  const rate = input.pointsPer5Yuan ?? DEFAULT_POINTS_PER_5_YUAN;
  const badLine = (l: PricedLine) => !isCount(l.unitCashFen) || !isCount(l.unitPoints) || !Number.isSafeInteger(l.quantity) || l.quantity < 1;
  if (!lines.length || lines.some(badLine) || !Number.isInteger(memberDayPricePct) || memberDayPricePct < 1 || memberDayPricePct > 100) {
    return { ok: false, error: 'INVALID' };
  }
  if (!isCount(pointsToUse) || !isCount(balance)) return { ok: false, error: 'INVALID' };

  const cashSubtotalFen = lines.reduce((sum, l) => sum + l.unitCashFen * l.quantity, 0);
  const itemPoints = lines.reduce((sum, l) => sum + l.unitPoints * l.quantity, 0);
  const afterMemberDay = memberDayPriceFen(cashSubtotalFen, memberDayPricePct);
  const memberDayDiscountFen = cashSubtotalFen - afterMemberDay;

  let couponDiscountFen = 0;
  if (coupon) {
    if (afterMemberDay < coupon.thresholdFen || afterMemberDay === 0) return { ok: false, error: 'COUPON_THRESHOLD_NOT_MET' };
    if (coupon.kind === 'amount') couponDiscountFen = Math.min(coupon.amountOffFen, afterMemberDay);
    else {
      const off = afterMemberDay - Math.ceil((afterMemberDay * coupon.percentPay) / 100);
      couponDiscountFen = coupon.capFen > 0 ? Math.min(off, coupon.capFen) : off;
    }
  }
  const afterCoupon = afterMemberDay - couponDiscountFen;

  if (itemPoints > balance) return { ok: false, error: 'NOT_ENOUGH_POINTS' };
  const split = splitPayment(afterCoupon, pointsToUse, balance - itemPoints, maxShareOfCashPct, rate);
  if (!split.ok) return { ok: false, error: split.error };
  return {
    ok: true,
    value: {
      cashSubtotalFen,
      memberDayDiscountFen,
      couponDiscountFen,
      itemPoints,
      pointsForCash: split.pointsUsed,
      pointsValueFen: split.pointsValueFen,
      pointsTotal: itemPoints + split.pointsUsed,
      cashDueFen: split.cashDueFen,
    },
  };
}

/**
 * The most points the checkout slider may put against the cash price: the same steps as
 * {@link priceOrder} (member-day price, then the coupon, then at most `maxShareOfCashPct`% of what is
 * left), from the balance the items' own points prices leave. 0 when the order cannot be priced.
 */
export function maxPointsToUse(input: Omit<PricingInput, 'pointsToUse'>): number {
  const priced = priceOrder({ ...input, pointsToUse: 0 });
  if (!priced.ok) return 0;
  const { cashDueFen, itemPoints } = priced.value;
  return maxPointsForOrder(cashDueFen, input.balance - itemPoints, input.maxShareOfCashPct, input.pointsPer5Yuan ?? DEFAULT_POINTS_PER_5_YUAN);
}
