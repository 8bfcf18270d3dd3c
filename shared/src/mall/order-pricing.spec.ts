import { CouponTerms, PricingInput, maxPointsToUse, memberDayPriceFen, priceOrder } from './order-pricing';

const base: PricingInput = { lines: [], memberDayPricePct: 100, coupon: null, pointsToUse: 0, balance: 0, maxShareOfCashPct: 50 };
const amount = (amountOffFen: number, thresholdFen: number): CouponTerms => ({ kind: 'amount', amountOffFen, thresholdFen, percentPay: 100, capFen: 0 });
const percent = (percentPay: number, capFen = 0): CouponTerms => ({ kind: 'percent', amountOffFen: 0, thresholdFen: 0, percentPay, capFen });

describe('priceOrder', () => {
  it.each<[string, Partial<PricingInput>, Record<string, number>]>([
    ['points only', { lines: [{ unitCashFen: 0, unitPoints: 500, quantity: 2 }], balance: 1000 }, { itemPoints: 1000, pointsTotal: 1000, cashDueFen: 0 }],
    ['cash only', { lines: [{ unitCashFen: 1990, unitPoints: 0, quantity: 1 }] }, { cashSubtotalFen: 1990, cashDueFen: 1990 }],
    ['points + cash item', { lines: [{ unitCashFen: 990, unitPoints: 200, quantity: 1 }], balance: 200 }, { itemPoints: 200, cashDueFen: 990 }],
    ['100 points = 5 yuan against cash', { lines: [{ unitCashFen: 2000, unitPoints: 0, quantity: 1 }], pointsToUse: 100, balance: 100 }, { pointsForCash: 100, pointsValueFen: 500, cashDueFen: 1500 }],
    ['points pay at most half', { lines: [{ unitCashFen: 2000, unitPoints: 0, quantity: 1 }], pointsToUse: 200, balance: 999 }, { pointsValueFen: 1000, cashDueFen: 1000 }],
    ['member-day 95%: discount rounds down', { lines: [{ unitCashFen: 999, unitPoints: 0, quantity: 1 }], memberDayPricePct: 95 }, { memberDayDiscountFen: 49, cashDueFen: 950 }],
    ['amount coupon over its threshold', { lines: [{ unitCashFen: 5000, unitPoints: 0, quantity: 1 }], coupon: amount(1000, 5000) }, { couponDiscountFen: 1000, cashDueFen: 4000 }],
    ['amount coupon never below zero', { lines: [{ unitCashFen: 300, unitPoints: 0, quantity: 1 }], coupon: amount(1000, 0) }, { couponDiscountFen: 300, cashDueFen: 0 }],
    ['percent coupon with a cap', { lines: [{ unitCashFen: 10000, unitPoints: 0, quantity: 1 }], coupon: percent(80, 1500) }, { couponDiscountFen: 1500, cashDueFen: 8500 }],
    ['percent coupon without a cap', { lines: [{ unitCashFen: 10000, unitPoints: 0, quantity: 1 }], coupon: percent(85) }, { couponDiscountFen: 1500, cashDueFen: 8500 }],
    ['threshold is on the member-day price; points after the coupon', { lines: [{ unitCashFen: 2000, unitPoints: 0, quantity: 3 }], memberDayPricePct: 90, coupon: amount(1000, 5000), pointsToUse: 400, balance: 400 }, { memberDayDiscountFen: 600, couponDiscountFen: 1000, pointsValueFen: 2000, cashDueFen: 2400 }],
    ['items’ points come out of the balance first', { lines: [{ unitCashFen: 1000, unitPoints: 300, quantity: 1 }], pointsToUse: 100, balance: 400 }, { pointsTotal: 400, cashDueFen: 500 }],
  ])('%s', (_, input, expected) => {
    const result = priceOrder({ ...base, ...input });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expected);
  });

  it.each<[string, Partial<PricingInput>, string]>([
    ['no lines', {}, 'INVALID'],
    ['zero quantity', { lines: [{ unitCashFen: 100, unitPoints: 0, quantity: 0 }] }, 'INVALID'],
    ['fractional fen', { lines: [{ unitCashFen: 10.5, unitPoints: 0, quantity: 1 }] }, 'INVALID'],
    ['negative points', { lines: [{ unitCashFen: 100, unitPoints: 0, quantity: 1 }], pointsToUse: -1 }, 'INVALID'],
    ['bad member-day price', { lines: [{ unitCashFen: 100, unitPoints: 0, quantity: 1 }], memberDayPricePct: 0 }, 'INVALID'],
    ['under the coupon threshold', { lines: [{ unitCashFen: 4999, unitPoints: 0, quantity: 1 }], coupon: amount(1000, 5000) }, 'COUPON_THRESHOLD_NOT_MET'],
    ['a coupon on a points-only order', { lines: [{ unitCashFen: 0, unitPoints: 100, quantity: 1 }], balance: 100, coupon: amount(100, 0) }, 'COUPON_THRESHOLD_NOT_MET'],
    ['items cost more points than the balance', { lines: [{ unitCashFen: 0, unitPoints: 101, quantity: 1 }], balance: 100 }, 'NOT_ENOUGH_POINTS'],
    ['slider beyond what the items leave', { lines: [{ unitCashFen: 1000, unitPoints: 300, quantity: 1 }], pointsToUse: 101, balance: 400 }, 'NOT_ENOUGH_POINTS'],
    ['slider beyond half the cash', { lines: [{ unitCashFen: 1000, unitPoints: 0, quantity: 1 }], pointsToUse: 101, balance: 1000 }, 'EXCEEDS_MAX_SHARE'],
  ])('refuses %s', (_, input, error) => {
    expect(priceOrder({ ...base, ...input })).toEqual({ ok: false, error });
  });
});

describe('maxPointsToUse', () => {
  it.each<[string, Partial<PricingInput>, number]>([
    ['half of the cash price at 100 points = 5 yuan', { lines: [{ unitCashFen: 2000, unitPoints: 0, quantity: 1 }], balance: 5000 }, 200],
    ['the balance caps it', { lines: [{ unitCashFen: 2000, unitPoints: 0, quantity: 1 }], balance: 150 }, 150],
    ['the items’ own points come off the balance first', { lines: [{ unitCashFen: 2000, unitPoints: 300, quantity: 1 }], balance: 400 }, 100],
    ['after the member-day price and the coupon', { lines: [{ unitCashFen: 2000, unitPoints: 0, quantity: 3 }], memberDayPricePct: 90, coupon: amount(1000, 5000), balance: 9999 }, 440],
    ['an odd fen rounds down', { lines: [{ unitCashFen: 1999, unitPoints: 0, quantity: 1 }], balance: 9999 }, 199],
    ['another rate: 30 points per 5 yuan moves in steps of 3', { lines: [{ unitCashFen: 1000, unitPoints: 0, quantity: 1 }], balance: 9999, pointsPer5Yuan: 30 }, 30],
    ['a points-only order leaves nothing to pay with points', { lines: [{ unitCashFen: 0, unitPoints: 100, quantity: 1 }], balance: 1000 }, 0],
    ['not enough points for the items', { lines: [{ unitCashFen: 1000, unitPoints: 500, quantity: 1 }], balance: 100 }, 0],
    ['a coupon under its threshold', { lines: [{ unitCashFen: 1000, unitPoints: 0, quantity: 1 }], coupon: amount(100, 5000), balance: 1000 }, 0],
  ])('%s', (_, input, expected) => {
    const max = maxPointsToUse({ ...base, ...input });
    expect(max).toBe(expected);
    // What the slider allows, checkout accepts; one step more it refuses.
    if (max > 0) {
      expect(priceOrder({ ...base, ...input, pointsToUse: max }).ok).toBe(true);
      const step = input.pointsPer5Yuan === 30 ? 3 : 1;
      expect(priceOrder({ ...base, ...input, pointsToUse: max + step }).ok).toBe(false);
    }
  });
});

describe('memberDayPriceFen', () => {
  it.each([
    [999, 95, 950],
    [1000, 90, 900],
    [990, 90, 891],
    [1, 95, 1],
    [0, 80, 0],
    [12900, 100, 12900],
  ])('%i fen at %i%% → %i fen', (cash, pct, expected) => {
    expect(memberDayPriceFen(cash, pct)).toBe(expected);
    // The same price checkout charges on member day.
    if (cash > 0) {
      const priced = priceOrder({ ...base, lines: [{ unitCashFen: cash, unitPoints: 0, quantity: 1 }], memberDayPricePct: pct });
      expect(priced.ok && priced.value.cashDueFen).toBe(expected);
    }
  });
});
