import { isAtRisk, isMemberSegment, percentileIndex } from './segments';

describe('member segments', () => {
  it.each([
    [0, -1],
    [1, 0],
    [9, 8],
    [10, 8],
    [11, 9],
    [100, 89],
  ])('the 90th percentile of %d values is at index %d', (count, index) => expect(percentileIndex(count)).toBe(index));

  it.each([
    [3, 0, false],
    [4, 0, true],
    [6, 0, true],
    [6, 1, false],
    [12, 1, true],
    [12, 2, false],
    [90, 14, true],
    [90, 15, false],
  ])('baseline %d and recent %d: at risk %s', (baseline, recent, expected) => expect(isAtRisk(baseline, recent)).toBe(expected));

  it('knows the keys', () => {
    expect(isMemberSegment('high_value')).toBe(true);
    expect(isMemberSegment('vip')).toBe(false);
  });
});
