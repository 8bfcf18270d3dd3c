import { campaignLift, wilsonInterval } from './campaign-lift';

describe('wilsonInterval', () => {
  // Reference values from Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
  it.each<[number, number, number, number]>([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 10, 0, 0.2775],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d', (x, n, lo, hi) => {
    const [l, u] = wilsonInterval(x, n);
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });
});

describe('campaignLift (Newcombe hybrid score interval)', () => {
  it('is null when a group is empty', () => {
    expect(campaignLift({ members: 0, converted: 0 }, { members: 10, converted: 1 })).toBeNull();
    expect(campaignLift({ members: 10, converted: 1 }, { members: 0, converted: 0 })).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => campaignLift({ members: 5, converted: 6 }, { members: 5, converted: 1 })).toThrow(RangeError);
  });

  // Newcombe (1998), table II: 56/70 vs 48/80 → difference 0.2, method 10 gives 0.0524 to 0.3339;
  // 9/10 vs 3/10 → 0.6, 0.1705 to 0.8090.
  it.each<[number, number, number, number, number, number, number]>([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
  ])('%d/%d vs %d/%d', (x1, n1, x2, n2, d, lo, hi) => {
    const r = campaignLift({ members: n1, converted: x1 }, { members: n2, converted: x2 })!;
    expect(r.difference).toBeCloseTo(d, 4);
    expect(r.ci95[0]).toBeCloseTo(lo, 4);
    expect(r.ci95[1]).toBeCloseTo(hi, 4);
    expect(r.significant).toBe(true);
  });

  it('is not significant when the interval covers zero, and has no relative lift over a zero holdout', () => {
    const r = campaignLift({ members: 20, converted: 2 }, { members: 10, converted: 0 })!;
    expect(r.difference).toBeCloseTo(0.1, 10);
    expect(r.ci95[0]).toBeLessThan(0);
    expect(r.significant).toBe(false);
    expect(r.relativeLift).toBeNull();
    expect(campaignLift({ members: 100, converted: 12 }, { members: 100, converted: 10 })!.relativeLift).toBeCloseTo(0.2, 10);
  });
});
