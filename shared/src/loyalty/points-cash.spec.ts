import { maxPointsForOrder, pointsValueFen, splitPayment } from './points-cash';

describe('points and cash', () => {
  it.each([
    [100, 500],
    [1, 5],
    [0, 0],
    [250, 1250],
  ])('%i points are worth %i fen', (points, fen) => {
    expect(pointsValueFen(points)).toBe(fen);
  });

  it.each([
    // price fen, balance, max points
    [10000, 100000, 1000], // half of 100 yuan = 50 yuan = 1000 points
    [999, 100000, 99], // half is 499 fen → 99 points (495 fen)
    [10000, 300, 300], // limited by the balance
    [0, 1000, 0],
    [1, 1000, 0],
  ])('an order of %i fen with %i points can use %i points', (price, balance, max) => {
    expect(maxPointsForOrder(price, balance)).toBe(max);
  });

  it.each([
    [10000, 1000, 5000, { ok: true, pointsUsed: 1000, pointsValueFen: 5000, cashDueFen: 5000 }],
    [999, 99, 5000, { ok: true, pointsUsed: 99, pointsValueFen: 495, cashDueFen: 504 }],
    [999, 100, 5000, { ok: false, error: 'EXCEEDS_MAX_SHARE' }],
    [10000, 600, 500, { ok: false, error: 'NOT_ENOUGH_POINTS' }],
    [10000, -1, 500, { ok: false, error: 'INVALID' }],
    [10000, 0, 0, { ok: true, pointsUsed: 0, pointsValueFen: 0, cashDueFen: 10000 }],
  ])('splits %i fen with %i points (balance %i)', (price, points, balance, result) => {
    expect(splitPayment(price, points, balance)).toEqual(result);
  });
});
