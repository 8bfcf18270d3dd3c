import { itemPairRules } from './association';

describe('itemPairRules', () => {
  it('is empty for no baskets, single-item baskets, or pairs under the minimum', () => {
    expect(itemPairRules([])).toEqual([]);
    expect(itemPairRules([['a'], ['b']])).toEqual([]);
    expect(itemPairRules([['a', 'b']])).toEqual([]);
  });

  it('computes support, confidence and lift by hand', () => {
    // 5 baskets. a in 4, b in 3, c in 2; {a,b} in 3, {a,c} in 2, {b,c} in 1.
    const baskets = [['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['a', 'c'], ['c'], []].slice(0, 5);
    const rules = itemPairRules(baskets, 1);
    const find = (x: string, y: string) => rules.find((r) => r.itemId === x && r.partnerId === y)!;
    // a→b: support 3/5, confidence 3/4, lift (3/4)/(3/5) = 1.25
    expect(find('a', 'b')).toMatchObject({ count: 3, support: 0.6 });
    expect(find('a', 'b').confidence).toBeCloseTo(0.75, 10);
    expect(find('a', 'b').lift).toBeCloseTo(1.25, 10);
    // b→a: confidence 3/3 = 1, lift 1/(4/5) = 1.25
    expect(find('b', 'a').confidence).toBeCloseTo(1, 10);
    expect(find('b', 'a').lift).toBeCloseTo(1.25, 10);
    // c→a: 2/3 (c in baskets 2, 4, 5; a with it in 2 and 4), lift (2/3)/(4/5) = 5/6
    expect(find('c', 'a').confidence).toBeCloseTo(2 / 3, 10);
    expect(find('c', 'a').lift).toBeCloseTo(5 / 6, 10);
    // b→c: 1/3, lift (1/3)/(3/5) = 5/9
    expect(find('b', 'c').lift).toBeCloseTo(5 / 9, 10);
    expect(rules).toHaveLength(6);
    // Sorted by item, then lift descending.
    expect(rules.filter((r) => r.itemId === 'a').map((r) => r.partnerId)).toEqual(['b', 'c']);
  });

  it('counts an item once per basket and applies the default minimum of two baskets', () => {
    const rules = itemPairRules([['x', 'x', 'y'], ['x', 'y'], ['x', 'z']]);
    expect(rules.map((r) => [r.itemId, r.partnerId, r.count])).toEqual([
      ['x', 'y', 2],
      ['y', 'x', 2],
    ]);
    expect(rules[0].confidence).toBeCloseTo(2 / 3, 10);
    expect(rules[0].lift).toBeCloseTo(1, 10);
  });
});
