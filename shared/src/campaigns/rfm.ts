/**
 * RFM scores (recency, frequency, monetary), each 1–5 by quintile over the members who have at
 * least one paid order.
 *
 * Definition: a member's score on a measure is `ceil(5 × cume_dist)`, where cume_dist is the share
 * of scored members whose value is no better than theirs (SQL's CUME_DIST()). Better means a more
 * recent last order (fewer days since), more orders, more spend. Ties therefore get the same score,
 * the higher one, whatever the input order; with 5 distinct values the scores are 1..5; a lone
 * member scores 5 on every measure. Members without a paid order get no score.
 */
export interface RfmInput {
  memberId: string;
  /** Whole store days since the member's last paid order (0 = today). */
  recencyDays: number;
  /** Paid orders. */
  orders: number;
  /** Paid cash in fen. */
  spendFen: number;
}

export interface RfmScore {
  memberId: string;
  r: number;
  f: number;
  m: number;
}

/** ceil(5 × cume_dist) per value, where `better(a, b)` > 0 when a is better than b. */
function quintiles(values: number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => (higherIsBetter ? a - b : b - a));
  const atMostAsGood = new Map<number, number>();
  // Walking from worst to best, the last index holding a value counts everything no better than it.
  sorted.forEach((v, i) => atMostAsGood.set(v, i + 1));
  return values.map((v) => Math.ceil((5 * atMostAsGood.get(v)!) / n));
}

export function rfmScores(members: readonly RfmInput[]): RfmScore[] {
  const r = quintiles(members.map((m) => m.recencyDays), false);
  const f = quintiles(members.map((m) => m.orders), true);
  const m = quintiles(members.map((x) => x.spendFen), true);
  return members.map((x, i) => ({ memberId: x.memberId, r: r[i], f: f[i], m: m[i] }));
}
