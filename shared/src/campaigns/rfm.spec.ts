import { rfmScores, RfmInput } from './rfm';

const m = (memberId: string, recencyDays: number, orders: number, spendFen: number): RfmInput => ({ memberId, recencyDays, orders, spendFen });

describe('rfmScores (ceil(5 × cume_dist), ties share the higher score)', () => {
  it('gives nothing for no members', () => {
    expect(rfmScores([])).toEqual([]);
  });

  it('gives a lone member 5 on every measure', () => {
    expect(rfmScores([m('a', 90, 1, 100)])).toEqual([{ memberId: 'a', r: 5, f: 5, m: 5 }]);
  });

  it('spreads five distinct members over 1..5 (recent is better, more is better)', () => {
    const out = rfmScores([m('a', 1, 5, 500), m('b', 2, 4, 400), m('c', 3, 3, 300), m('d', 4, 2, 200), m('e', 5, 1, 100)]);
    expect(out.map((s) => [s.memberId, s.r, s.f, s.m])).toEqual([
      ['a', 5, 5, 5],
      ['b', 4, 4, 4],
      ['c', 3, 3, 3],
      ['d', 2, 2, 2],
      ['e', 1, 1, 1],
    ]);
  });

  it.each<[string, number[], number[]]>([
    // 10 distinct: cume_dist 0.1..1.0 → ceil(0.5), ceil(1.0), ceil(1.5) …
    ['ten distinct', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
    // Two members: cume_dist 0.5 and 1 → 3 and 5.
    ['two', [10, 20], [3, 5]],
    // Ties share the higher score: three 1s → cume_dist 3/4 → 4.
    ['ties', [1, 1, 1, 9], [4, 4, 4, 5]],
    ['all tied', [7, 7, 7], [5, 5, 5]],
    // Input order does not matter.
    ['shuffled', [30, 10, 20], [5, 2, 4]],
  ])('orders: %s', (_name, orders, expected) => {
    const out = rfmScores(orders.map((o, i) => m(`m${i}`, 0, o, 0)));
    expect(out.map((s) => s.f)).toEqual(expected);
  });

  it('scores recency inverted: 0 days ago is best', () => {
    expect(rfmScores([m('old', 100, 1, 1), m('new', 0, 1, 1), m('mid', 50, 1, 1)]).map((s) => s.r)).toEqual([2, 5, 4]);
  });
});
