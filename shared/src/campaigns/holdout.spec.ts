import { DEFAULT_HOLDOUT_PCT, fnv1a32, holdoutBucket, isInHoldout } from './holdout';

describe('holdout assignment', () => {
  it('hashes with FNV-1a 32 (reference vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('is stable per member and campaign and defaults to 10%', () => {
    expect(DEFAULT_HOLDOUT_PCT).toBe(10);
    expect(isInHoldout('c1', 'm1')).toBe(isInHoldout('c1', 'm1'));
    expect(holdoutBucket('c1', 'm1')).toBe(fnv1a32('c1:m1') % 10_000);
  });

  it('puts about pct% of 20,000 members in the holdout, and different members per campaign', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `member-${i}`);
    const a = ids.filter((id) => isInHoldout('camp-a', id));
    const b = new Set(ids.filter((id) => isInHoldout('camp-b', id)));
    expect(a.length / ids.length).toBeGreaterThan(0.09);
    expect(a.length / ids.length).toBeLessThan(0.11);
    const both = a.filter((id) => b.has(id)).length;
    expect(both / a.length).toBeLessThan(0.2); // independent: about 10% overlap
    expect(ids.filter((id) => isInHoldout('camp-a', id, 0))).toHaveLength(0);
    expect(ids.filter((id) => isInHoldout('camp-a', id, 100))).toHaveLength(20_000);
  });

  it('rejects a percentage outside 0..100', () => {
    expect(() => isInHoldout('c', 'm', 101)).toThrow(RangeError);
    expect(() => isInHoldout('c', 'm', -1)).toThrow(RangeError);
  });
});
