import { DEFAULT_POINTS_PER_5_YUAN, POINTS_PER_YUAN_DEFAULT, PaymentSplit, maxPointsForOrder, pointsStep, pointsValueFen, splitPayment } from './points-cash';

describe('points and cash', () => {
  it('the default rate is 20 points per yuan (100 points = 5 yuan)', () => {
    expect(POINTS_PER_YUAN_DEFAULT).toBe(20);
    expect(DEFAULT_POINTS_PER_5_YUAN).toBe(100);
    expect(pointsValueFen(POINTS_PER_YUAN_DEFAULT)).toBe(100);
  });

  it.each([
    // points, rate (points per 5 yuan), fen
    [100, undefined, 500],
    [1, undefined, 5],
    [0, undefined, 0],
    [250, undefined, 1250],
    [27, 30, 450],
    [3, 30, 50],
    [998, 1000, 499],
    [7, 7, 500],
  ])('%d points at %s per 5 yuan are worth %d fen', (points, rate, fen) => {
    expect(rate === undefined ? pointsValueFen(points) : pointsValueFen(points, rate)).toBe(fen);
  });

  it.each([
    // rate, step: the smallest block of points worth whole fen
    [100, 1],
    [20, 1],
    [500, 1],
    [30, 3],
    [7, 7],
    [1000, 2],
    [1, 1],
  ])('at %d points per 5 yuan points are used in blocks of %d', (rate, step) => {
    expect(pointsStep(rate)).toBe(step);
    expect(Number.isInteger((step * 500) / rate)).toBe(true);
  });

  it.each([0, -100, 2.5, NaN])('pointsStep rejects rate %d', (rate) => {
    expect(() => pointsStep(rate)).toThrow(RangeError);
  });

  it.each<[number, number, number | undefined, number | undefined, number]>([
    // price fen, balance, max share %, rate, max points
    [10000, 100000, undefined, undefined, 1000], // half of 100 yuan = 50 yuan = 1000 points
    [999, 100000, undefined, undefined, 99], // half is 499 fen → 99 points (495 fen)
    [10000, 300, undefined, undefined, 300], // limited by the balance
    [10000, 1000, undefined, undefined, 1000], // balance exactly enough
    [10000, 0, undefined, undefined, 0],
    [10000, -5, undefined, undefined, 0],
    [10000, 100.5, undefined, undefined, 100],
    [0, 1000, undefined, undefined, 0],
    [1, 1000, undefined, undefined, 0],
    [9, 1000, undefined, undefined, 0], // 4 fen allowed, one point is 5
    [10, 1000, undefined, undefined, 1],
    [999, 100000, 100, undefined, 199], // 995 fen, 4 fen left in cash
    [999, 100000, 0, undefined, 0],
    [999, 100000, 101, undefined, 0], // invalid share
    [999, 100000, 12.5, undefined, 0], // invalid share
    [-100, 1000, undefined, undefined, 0],
    [99.5, 1000, undefined, undefined, 0],
    [999, 100000, 50, 30, 27], // 499 fen → 9 blocks of 3 points (50 fen each) = 450 fen
    [100000, 26, 50, 30, 24], // balance rounded down to a whole block
    [10000, 100000, 50, 7, 70], // 10 blocks of 7 points = 5000 fen
    [999, 100000, 50, 1000, 998], // 2 points = 1 fen → 499 fen
    [10000, 1000, 50, 0, 0], // invalid rate
    [10000, 1000, 50, -100, 0],
  ])('an order of %d fen with %d points (share %s%%, rate %s) can use %d points', (price, balance, share, rate, max) => {
    expect(maxPointsForOrder(price, balance, share, rate)).toBe(max);
  });

  it.each<[number, number, number, number | undefined, number | undefined, PaymentSplit]>([
    [10000, 1000, 5000, undefined, undefined, { ok: true, pointsUsed: 1000, pointsValueFen: 5000, cashDueFen: 5000 }],
    [999, 99, 5000, undefined, undefined, { ok: true, pointsUsed: 99, pointsValueFen: 495, cashDueFen: 504 }],
    [999, 100, 5000, undefined, undefined, { ok: false, error: 'EXCEEDS_MAX_SHARE' }],
    [10000, 600, 500, undefined, undefined, { ok: false, error: 'NOT_ENOUGH_POINTS' }],
    [999, 200, 100, undefined, undefined, { ok: false, error: 'NOT_ENOUGH_POINTS' }], // balance is checked before the cap
    [10000, 1000, 1000, undefined, undefined, { ok: true, pointsUsed: 1000, pointsValueFen: 5000, cashDueFen: 5000 }],
    [10000, 0, 0, undefined, undefined, { ok: true, pointsUsed: 0, pointsValueFen: 0, cashDueFen: 10000 }],
    [0, 0, 100, undefined, undefined, { ok: true, pointsUsed: 0, pointsValueFen: 0, cashDueFen: 0 }],
    [0, 1, 100, undefined, undefined, { ok: false, error: 'EXCEEDS_MAX_SHARE' }],
    [999, 199, 1000, 100, undefined, { ok: true, pointsUsed: 199, pointsValueFen: 995, cashDueFen: 4 }],
    [999, 1, 1000, 0, undefined, { ok: false, error: 'EXCEEDS_MAX_SHARE' }],
    [999, 27, 1000, 50, 30, { ok: true, pointsUsed: 27, pointsValueFen: 450, cashDueFen: 549 }],
    [999, 28, 1000, 50, 30, { ok: false, error: 'INVALID' }], // not a whole block of 3
    [999, 30, 1000, 50, 30, { ok: false, error: 'EXCEEDS_MAX_SHARE' }], // 500 fen > 499
    [10000, -1, 500, undefined, undefined, { ok: false, error: 'INVALID' }],
    [10000, 1.5, 500, undefined, undefined, { ok: false, error: 'INVALID' }],
    [-1, 0, 500, undefined, undefined, { ok: false, error: 'INVALID' }],
    [99.9, 0, 500, undefined, undefined, { ok: false, error: 'INVALID' }],
    [10000, 10, -1, undefined, undefined, { ok: false, error: 'INVALID' }],
    [10000, 10, 100, 101, undefined, { ok: false, error: 'INVALID' }],
    [10000, 10, 100, 50, 0, { ok: false, error: 'INVALID' }],
    [10000, 10, 100, 50, 2.5, { ok: false, error: 'INVALID' }],
  ])('splits %d fen with %d points (balance %d, share %s%%, rate %s)', (price, points, balance, share, rate, result) => {
    expect(splitPayment(price, points, balance, share, rate)).toEqual(result);
  });

  describe.each([100, 30, 7, 1000, 20])('at %d points per 5 yuan', (rate) => {
    it.each([0, 1, 9, 99, 100, 999, 1001, 12345, 99999])('the max for %d fen is accepted, one block more is not, and all money is whole fen', (price) => {
      const step = pointsStep(rate);
      const max = maxPointsForOrder(price, Number.MAX_SAFE_INTEGER, 50, rate);
      const split = splitPayment(price, max, max + step, 50, rate);
      expect(split.ok).toBe(true);
      if (split.ok) {
        expect(Number.isInteger(split.pointsValueFen)).toBe(true);
        expect(split.pointsValueFen * 2).toBeLessThanOrEqual(price);
        expect(split.pointsValueFen + split.cashDueFen).toBe(price);
        expect((split.pointsUsed * 500) % rate).toBe(0);
      }
      expect(splitPayment(price, max + step, max + step, 50, rate)).toEqual({ ok: false, error: 'EXCEEDS_MAX_SHARE' });
    });
  });
});
