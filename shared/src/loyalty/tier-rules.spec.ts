import { DEFAULT_TIER_THRESHOLDS as T, growthForPayment, keepAmount, nextTierProgress, reviewOutcome, tierForGrowth, validateThresholds, applyPct } from './tier-rules';

describe('tier rules', () => {
  it.each([
    [0, 'normal'],
    [999, 'normal'],
    [1000, 'silver'],
    [4999, 'silver'],
    [5000, 'gold'],
    [19999, 'gold'],
    [20000, 'diamond'],
    [1e9, 'diamond'],
  ])('growth %i reaches %s', (growth, tier) => {
    expect(tierForGrowth(growth, T)).toBe(tier);
  });

  it.each([
    ['normal', 0, { tier: 'silver', needed: 1000 }],
    ['silver', 3800, { tier: 'gold', needed: 1200 }],
    ['gold', 25000, { tier: 'diamond', needed: 0 }],
    ['diamond', 30000, null],
  ] as const)('%s with growth %i: next %j', (tier, growth, next) => {
    expect(nextTierProgress(tier, growth, T)).toEqual(next);
  });

  it.each([
    [{ silver: 1000, gold: 5000, diamond: 20000 }, null],
    [{ silver: 1000, gold: 1000, diamond: 20000 }, '门槛必须逐级递增：银卡 < 金卡 < 钻石'],
    [{ silver: 6000, gold: 5000, diamond: 20000 }, '门槛必须逐级递增：银卡 < 金卡 < 钻石'],
    [{ silver: 0, gold: 5000, diamond: 20000 }, '银卡会员门槛必须是正整数'],
    [{ silver: 10.5, gold: 5000, diamond: 20000 }, '银卡会员门槛必须是正整数'],
  ])('validates %j', (t, message) => {
    expect(validateThresholds(t)).toBe(message);
  });

  it.each([
    ['normal', 0, 'normal'],
    ['silver', 499, 'normal'],
    ['silver', 500, 'silver'],
    ['gold', 2499, 'silver'],
    ['gold', 2500, 'gold'],
    ['diamond', 9999, 'gold'],
    ['diamond', 0, 'gold'],
  ] as const)('review of %s with %i growth keeps %s (one tier down at most)', (tier, growth, after) => {
    expect(reviewOutcome(tier, growth, T)).toBe(after);
  });

  it('keep amount is a share of the threshold, rounded up', () => {
    expect(keepAmount('gold', T)).toBe(2500);
    expect(keepAmount('silver', { silver: 1001, gold: 5000, diamond: 20000 })).toBe(501);
    expect(keepAmount('normal', T)).toBe(0);
  });

  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [12345, 123],
    [-500, 0],
  ])('%i fen paid earns %i growth', (fen, growth) => {
    expect(growthForPayment(fen)).toBe(growth);
  });

  it('applies percentages to points as integers', () => {
    expect(applyPct(5, 150)).toBe(7);
    expect(applyPct(5, 200)).toBe(10);
    expect(applyPct(3, 120)).toBe(3);
  });
});
