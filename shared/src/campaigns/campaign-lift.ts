/**
 * Campaign lift against the holdout: the difference of conversion proportions (treated − holdout)
 * with a 95% confidence interval by Newcombe's hybrid score method (method 10 in Newcombe 1998:
 * Wilson score intervals of each proportion combined). Unlike the Wald interval it stays inside
 * [−1, 1] and behaves with small groups and 0% or 100% conversion.
 */
export interface GroupOutcome {
  members: number;
  converted: number;
}

export interface CampaignLift {
  treatedRate: number;
  holdoutRate: number;
  /** treatedRate − holdoutRate (absolute, in proportion points). */
  difference: number;
  ci95: [number, number];
  /** difference ÷ holdoutRate; null when the holdout converted nobody. */
  relativeLift: number | null;
  /** True when the interval excludes 0. */
  significant: boolean;
}

const Z95 = 1.959963984540054;

/** Wilson score interval for x successes in n trials. */
export function wilsonInterval(x: number, n: number, z = Z95): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Null when either group is empty (no comparison is possible). */
export function campaignLift(treated: GroupOutcome, holdout: GroupOutcome): CampaignLift | null {
  for (const g of [treated, holdout]) {
    if (!Number.isInteger(g.members) || !Number.isInteger(g.converted) || g.converted < 0 || g.converted > g.members) throw new RangeError('converted must be a whole number between 0 and members');
  }
  if (treated.members === 0 || holdout.members === 0) return null;
  const p1 = treated.converted / treated.members;
  const p2 = holdout.converted / holdout.members;
  const [l1, u1] = wilsonInterval(treated.converted, treated.members);
  const [l2, u2] = wilsonInterval(holdout.converted, holdout.members);
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return { treatedRate: p1, holdoutRate: p2, difference: d, ci95: [lower, upper], relativeLift: p2 === 0 ? null : d / p2, significant: lower > 0 || upper < 0 };
}
