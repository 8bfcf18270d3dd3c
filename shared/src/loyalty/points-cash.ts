/** 100 points are worth 5 yuan (500 fen) by default: one point is 5 fen. */
export const DEFAULT_POINTS_PER_5_YUAN = 100;

/** The cash value of points in fen, rounded down. */
export function pointsValueFen(points: number, pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): number {
  return Math.floor((points * 500) / pointsPer5Yuan);
}

/** The most points an order can use: their value stays within the share of the cash price and the balance. */
export function maxPointsForOrder(cashPriceFen: number, balance: number, maxShareOfCashPct = 50, pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): number {
  const maxValueFen = Math.floor((cashPriceFen * maxShareOfCashPct) / 100);
  const byValue = Math.floor((maxValueFen * pointsPer5Yuan) / 500);
  return Math.max(0, Math.min(byValue, balance));
}

export type PaymentSplit =
  | { ok: true; pointsUsed: number; pointsValueFen: number; cashDueFen: number }
  | { ok: false; error: 'INVALID' | 'EXCEEDS_MAX_SHARE' | 'NOT_ENOUGH_POINTS' };

/** Splits an order's cash price into points and cash, under the cap and the balance. */
export function splitPayment(cashPriceFen: number, pointsToUse: number, balance: number, maxShareOfCashPct = 50, pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): PaymentSplit {
  if (!Number.isSafeInteger(cashPriceFen) || cashPriceFen < 0 || !Number.isSafeInteger(pointsToUse) || pointsToUse < 0) return { ok: false, error: 'INVALID' };
  if (pointsToUse > balance) return { ok: false, error: 'NOT_ENOUGH_POINTS' };
  if (pointsToUse > maxPointsForOrder(cashPriceFen, Number.MAX_SAFE_INTEGER, maxShareOfCashPct, pointsPer5Yuan)) return { ok: false, error: 'EXCEEDS_MAX_SHARE' };
  const value = pointsValueFen(pointsToUse, pointsPer5Yuan);
  return { ok: true, pointsUsed: pointsToUse, pointsValueFen: value, cashDueFen: cashPriceFen - value };
}
