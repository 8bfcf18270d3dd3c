/** Default redemption rate: 20 points per yuan, i.e. 100 points = 5 yuan and one point = 5 fen. */
export const POINTS_PER_YUAN_DEFAULT = 20;

/** The same default rate as configured in the admin: points that buy 5 yuan (500 fen). */
export const DEFAULT_POINTS_PER_5_YUAN = POINTS_PER_YUAN_DEFAULT * 5;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function isRate(pointsPer5Yuan: number): boolean {
  return Number.isSafeInteger(pointsPer5Yuan) && pointsPer5Yuan > 0;
}

/**
 * The smallest usable block of points at a rate, so that every usable amount is worth whole fen
 * (1 at the default rate; 3 points = 50 fen at 30 points per 5 yuan). Throws on a non-positive-integer rate.
 */
export function pointsStep(pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): number {
  if (!isRate(pointsPer5Yuan)) throw new RangeError(`pointsPer5Yuan must be a positive integer, got ${pointsPer5Yuan}`);
  return pointsPer5Yuan / gcd(500, pointsPer5Yuan);
}

/** The cash value of points in fen, rounded down (exact for any multiple of {@link pointsStep}). */
export function pointsValueFen(points: number, pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): number {
  return Math.floor((points * 500) / pointsPer5Yuan);
}

/**
 * The most points an order can use: worth at most `maxShareOfCashPct`% of the cash price (rounded down),
 * within the balance, and a whole multiple of {@link pointsStep}. 0 for invalid input.
 */
export function maxPointsForOrder(cashPriceFen: number, balance: number, maxShareOfCashPct = 50, pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): number {
  if (!Number.isSafeInteger(cashPriceFen) || cashPriceFen < 0) return 0;
  if (!Number.isFinite(balance) || balance <= 0) return 0;
  if (!Number.isInteger(maxShareOfCashPct) || maxShareOfCashPct < 0 || maxShareOfCashPct > 100) return 0;
  if (!isRate(pointsPer5Yuan)) return 0;
  const step = pointsStep(pointsPer5Yuan);
  const fenPerStep = 500 / gcd(500, pointsPer5Yuan);
  const maxValueFen = Math.floor((cashPriceFen * maxShareOfCashPct) / 100);
  const byValue = Math.floor(maxValueFen / fenPerStep) * step;
  const byBalance = Math.floor(balance / step) * step;
  return Math.min(byValue, byBalance);
}

export type PaymentSplitError = 'INVALID' | 'EXCEEDS_MAX_SHARE' | 'NOT_ENOUGH_POINTS';
export type PaymentSplit =
  | { ok: true; pointsUsed: number; pointsValueFen: number; cashDueFen: number }
  | { ok: false; error: PaymentSplitError };

/**
 * Splits an order's cash price into points and cash. INVALID for non-integer/negative amounts, a bad
 * share or rate, or points that are not a whole multiple of {@link pointsStep}; then the balance, then the cap.
 */
export function splitPayment(cashPriceFen: number, pointsToUse: number, balance: number, maxShareOfCashPct = 50, pointsPer5Yuan = DEFAULT_POINTS_PER_5_YUAN): PaymentSplit {
  const bad =
    !Number.isSafeInteger(cashPriceFen) || cashPriceFen < 0 ||
    !Number.isSafeInteger(pointsToUse) || pointsToUse < 0 ||
    !Number.isSafeInteger(balance) || balance < 0 ||
    !Number.isInteger(maxShareOfCashPct) || maxShareOfCashPct < 0 || maxShareOfCashPct > 100 ||
    !isRate(pointsPer5Yuan) || pointsToUse % pointsStep(pointsPer5Yuan) !== 0;
  if (bad) return { ok: false, error: 'INVALID' };
  if (pointsToUse > balance) return { ok: false, error: 'NOT_ENOUGH_POINTS' };
  if (pointsToUse > maxPointsForOrder(cashPriceFen, Number.MAX_SAFE_INTEGER, maxShareOfCashPct, pointsPer5Yuan)) return { ok: false, error: 'EXCEEDS_MAX_SHARE' };
  const value = pointsValueFen(pointsToUse, pointsPer5Yuan);
  return { ok: true, pointsUsed: pointsToUse, pointsValueFen: value, cashDueFen: cashPriceFen - value };
}
