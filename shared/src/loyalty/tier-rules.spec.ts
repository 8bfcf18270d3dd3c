import { TIER_CODES, TierCode } from '../tiers/tier-names';
import {
  DEFAULT_TIER_BENEFITS,
  DEFAULT_TIER_THRESHOLDS as T,
  TierThresholds,
  applyMultiplierPct,
  applyPct,
  compareTiers,
  growthForPayment,
  keepAmount,
  nextTierProgress,
  reviewOutcome,
  thresholdOf,
  tierForGrowth,
  tierRank,
  validateThresholds,
} from './tier-rules';

const ORDER_MSG = '门槛必须逐级递增：银卡 < 金卡 < 钻石';

describe('tier rules', () => {
  it('default thresholds are valid', () => {
    expect(T).toEqual({ silver: 1000, gold: 5000, diamond: 20000 });
    expect(validateThresholds(T)).toBeNull();
  });

  it.each<[TierThresholds, string | null]>([
    [{ silver: 1000, gold: 5000, diamond: 20000 }, null],
    [{ silver: 1, gold: 2, diamond: 3 }, null],
    [{ silver: 1000, gold: 1000, diamond: 20000 }, ORDER_MSG],
    [{ silver: 1000, gold: 5000, diamond: 5000 }, ORDER_MSG],
    [{ silver: 6000, gold: 5000, diamond: 20000 }, ORDER_MSG],
    [{ silver: 1000, gold: 30000, diamond: 20000 }, ORDER_MSG],
    [{ silver: 0, gold: 5000, diamond: 20000 }, '银卡会员门槛必须是正整数'],
    [{ silver: -5, gold: 5000, diamond: 20000 }, '银卡会员门槛必须是正整数'],
    [{ silver: 10.5, gold: 5000, diamond: 20000 }, '银卡会员门槛必须是正整数'],
    [{ silver: 1000, gold: NaN, diamond: 20000 }, '金卡会员门槛必须是正整数'],
    [{ silver: 1000, gold: 5000, diamond: Infinity }, '钻石会员门槛必须是正整数'],
    [{ silver: 1000, gold: 5000 } as unknown as TierThresholds, '钻石会员门槛必须是正整数'],
  ])('validates %j → %s', (t, message) => {
    expect(validateThresholds(t)).toBe(message);
  });

  it.each<[number, TierCode]>([
    [-1, 'normal'],
    [0, 'normal'],
    [999, 'normal'],
    [1000, 'silver'],
    [4999, 'silver'],
    [5000, 'gold'],
    [19999, 'gold'],
    [20000, 'diamond'],
    [1e9, 'diamond'],
    [NaN, 'normal'],
  ])('growth %d reaches %s', (growth, tier) => {
    expect(tierForGrowth(growth, T)).toBe(tier);
  });

  it.each<[TierCode, number, { tier: TierCode; needed: number } | null]>([
    ['normal', 0, { tier: 'silver', needed: 1000 }],
    ['normal', 999, { tier: 'silver', needed: 1 }],
    ['normal', 1000, { tier: 'silver', needed: 0 }],
    ['silver', 3800, { tier: 'gold', needed: 1200 }],
    ['silver', 0, { tier: 'gold', needed: 5000 }],
    ['gold', 19999, { tier: 'diamond', needed: 1 }],
    ['gold', 25000, { tier: 'diamond', needed: 0 }],
    ['diamond', 30000, null],
    ['diamond', 0, null],
  ])('%s with growth %d: next %j', (tier, growth, next) => {
    expect(nextTierProgress(tier, growth, T)).toEqual(next);
  });

  it.each<[TierCode, TierThresholds, number | undefined, number]>([
    ['normal', T, undefined, 0],
    ['silver', T, undefined, 500],
    ['gold', T, undefined, 2500],
    ['diamond', T, undefined, 10000],
    ['silver', { silver: 1001, gold: 5000, diamond: 20000 }, undefined, 501], // 500.5 rounds up
    ['gold', T, 40, 2000],
    ['silver', { silver: 999, gold: 5000, diamond: 20000 }, 33, 330], // 329.67 rounds up
    ['diamond', T, 100, 20000],
    ['gold', T, 0, 0],
  ])('keep amount for %s (%j, %s%%) is %d', (tier, t, pct, amount) => {
    const result = pct === undefined ? keepAmount(tier, t) : keepAmount(tier, t, pct);
    expect(result).toBe(amount);
    expect(Number.isInteger(result)).toBe(true);
  });

  it.each<[TierCode, number, number | undefined, TierCode]>([
    ['normal', 0, undefined, 'normal'],
    ['normal', 100000, undefined, 'normal'],
    ['silver', 499, undefined, 'normal'],
    ['silver', 500, undefined, 'silver'],
    ['gold', 2499, undefined, 'silver'],
    ['gold', 2500, undefined, 'gold'],
    ['diamond', 9999, undefined, 'gold'],
    ['diamond', 10000, undefined, 'diamond'],
    ['diamond', 0, undefined, 'gold'], // never more than one tier down
    ['gold', 1999, 40, 'silver'],
    ['gold', 2000, 40, 'gold'],
    ['silver', 0, 0, 'silver'], // a 0% keep share keeps everyone
  ])('review of %s with %d growth (keep %s%%) → %s', (tier, growth, pct, after) => {
    expect(pct === undefined ? reviewOutcome(tier, growth, T) : reviewOutcome(tier, growth, T, pct)).toBe(after);
  });

  it.each([
    [0, 0],
    [1, 0],
    [99, 0],
    [100, 1],
    [199, 1],
    [12345, 123],
    [-500, 0],
    [150.7, 1],
    [NaN, 0],
    [Infinity, 0],
  ])('%d fen paid earns %d growth', (fen, growth) => {
    expect(growthForPayment(fen)).toBe(growth);
  });

  it.each<[TierCode, number]>([
    ['normal', 0],
    ['silver', 1],
    ['gold', 2],
    ['diamond', 3],
  ])('%s has rank %d', (tier, rank) => {
    expect(tierRank(tier)).toBe(rank);
  });

  it.each<[TierCode, TierCode, -1 | 0 | 1]>([
    ['normal', 'silver', -1],
    ['silver', 'normal', 1],
    ['gold', 'gold', 0],
    ['normal', 'diamond', -1],
    ['diamond', 'gold', 1],
  ])('compareTiers(%s, %s) has sign %d', (a, b, sign) => {
    expect(Math.sign(compareTiers(a, b))).toBe(sign);
  });

  it('compareTiers sorts tiers into ladder order', () => {
    expect((['diamond', 'normal', 'gold', 'silver'] as TierCode[]).sort(compareTiers)).toEqual([...TIER_CODES]);
  });

  it.each<[TierCode, number]>([
    ['normal', 0],
    ['silver', 1000],
    ['gold', 5000],
    ['diamond', 20000],
  ])('threshold of %s is %d', (tier, threshold) => {
    expect(thresholdOf(tier, T)).toBe(threshold);
  });

  it.each([
    [5, 100, 5],
    [5, 120, 6],
    [5, 150, 7], // 7.5 rounds down
    [5, 200, 10],
    [3, 120, 3], // 3.6 rounds down
    [0, 200, 0],
    [7, 0, 0],
    [1, 99, 0],
  ])('%d points × %d%% = %d', (points, pct, result) => {
    expect(applyMultiplierPct(points, pct)).toBe(result);
    expect(applyPct(points, pct)).toBe(result);
  });

  it('default benefits cover every tier and do not get worse going up', () => {
    expect(Object.keys(DEFAULT_TIER_BENEFITS).sort()).toEqual([...TIER_CODES].sort());
    for (let i = 1; i < TIER_CODES.length; i++) {
      const lower = DEFAULT_TIER_BENEFITS[TIER_CODES[i - 1]];
      const higher = DEFAULT_TIER_BENEFITS[TIER_CODES[i]];
      expect(higher.checkinMultiplierPct).toBeGreaterThanOrEqual(lower.checkinMultiplierPct);
      expect(higher.memberDayPricePct).toBeLessThanOrEqual(lower.memberDayPricePct);
      expect(higher.birthdayGiftPoints).toBeGreaterThanOrEqual(lower.birthdayGiftPoints);
      expect(higher.freeShippingThresholdFen).toBeLessThanOrEqual(lower.freeShippingThresholdFen);
    }
    for (const b of Object.values(DEFAULT_TIER_BENEFITS)) {
      for (const v of Object.values(b)) expect(Number.isInteger(v)).toBe(true);
    }
  });

  it.each<[TierCode, number, number, number, number]>([
    ['normal', 100, 95, 50, 9900],
    ['silver', 120, 90, 100, 6900],
    ['gold', 150, 85, 200, 0],
    ['diamond', 200, 80, 500, 0],
  ])('%s benefits: ×%d%% check-in, pays %d%% on member day, %d birthday points, free shipping from %d fen', (tier, mult, price, gift, ship) => {
    expect(DEFAULT_TIER_BENEFITS[tier]).toEqual({ checkinMultiplierPct: mult, memberDayPricePct: price, birthdayGiftPoints: gift, freeShippingThresholdFen: ship });
  });
});
