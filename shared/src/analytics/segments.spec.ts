import { atRiskWindows, highValueRank, highValueThreshold, inSegment, isAtRisk, isSegmentKey, segmentCounts, SegmentFacts } from './segments';

const now = new Date('2026-11-23T04:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const facts = (over: Partial<SegmentFacts> = {}): SegmentFacts => ({ lastActiveAt: null, spendFen: 0, pastCheckins: 0, recentCheckins: 0, ...over });

describe('segments', () => {
  it.each([
    ['active', daysAgo(0), true],
    ['active', daysAgo(30), true],
    ['active', new Date(daysAgo(30).getTime() - 1), false],
    ['active', null, false],
    ['dormant_30', null, true],
    ['dormant_30', daysAgo(30), false],
    ['dormant_30', daysAgo(31), true],
    ['dormant_60', daysAgo(59), false],
    ['dormant_60', daysAgo(61), true],
    ['dormant_90', daysAgo(89), false],
    ['dormant_90', daysAgo(90.5), true],
  ] as const)('%s with last active %s → %s', (key, lastActiveAt, expected) => {
    expect(inSegment(key, facts({ lastActiveAt }), now, null)).toBe(expected);
  });

  it.each([
    [0, 0],
    [1, 1],
    [9, 9],
    [10, 9],
    [11, 10],
    [20, 18],
  ])('high-value rank of %i spenders is %i', (n, rank) => expect(highValueRank(n)).toBe(rank));

  it.each([
    [[], null],
    [[0, 0], null],
    [[500], 500],
    [[0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 900],
    [[5, 5, 5], 5],
  ])('high-value threshold of %j is %s', (spends, threshold) => expect(highValueThreshold(spends)).toBe(threshold));

  it('high value needs spend > 0 even at a threshold', () => {
    expect(inSegment('high_value', facts({ spendFen: 0 }), now, null)).toBe(false);
    expect(inSegment('high_value', facts({ spendFen: 900 }), now, 900)).toBe(true);
    expect(inSegment('high_value', facts({ spendFen: 899 }), now, 900)).toBe(false);
  });

  it.each([
    [3, 0, false],
    [4, 0, true],
    [6, 0, true],
    [6, 1, false], // 6 × 1 = 6, not < 6
    [12, 1, true],
    [12, 2, false],
    [30, 4, true],
  ])('at risk with %i past and %i recent check-ins → %s', (past, recent, expected) => expect(isAtRisk(past, recent)).toBe(expected));

  it('at-risk windows are the 30 store days to today and the 90 before', () => {
    expect(atRiskWindows('2026-11-23')).toEqual({ recent: { from: '2026-10-25', to: '2026-11-23' }, past: { from: '2026-07-27', to: '2026-10-24' } });
  });

  it('counts an empty population as zeros', () => {
    expect(segmentCounts([], now)).toEqual({ active: 0, dormant_30: 0, dormant_60: 0, dormant_90: 0, high_value: 0, at_risk: 0 });
  });

  it('counts a single member', () => {
    expect(segmentCounts([facts({ lastActiveAt: daysAgo(45), spendFen: 100, pastCheckins: 8 })], now)).toEqual({ active: 0, dormant_30: 1, dormant_60: 0, dormant_90: 0, high_value: 1, at_risk: 1 });
  });

  it('knows its keys', () => {
    expect(isSegmentKey('dormant_60')).toBe(true);
    expect(isSegmentKey('dormant_45')).toBe(false);
  });
});
