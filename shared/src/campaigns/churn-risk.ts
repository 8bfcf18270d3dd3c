import { daysBetween, medianDays, purchaseIntervals } from './medians';

/**
 * Churn risk: how overdue a member is against their own usual interval between orders (the median
 * interval between their paid orders on distinct store days; it needs at least two such days).
 * overdue = days since the last order ÷ usual interval:
 *   < 1 → low (not yet due), 1 to < 2 → medium (overdue), ≥ 2 → high (missed two cycles or more).
 * A member with orders on fewer than two days has no usual interval: risk 'unknown'.
 */
export type ChurnRisk = 'unknown' | 'low' | 'medium' | 'high';

export interface ChurnAssessment {
  risk: ChurnRisk;
  /** Median days between the member's orders; null when unknown. */
  usualIntervalDays: number | null;
  daysSinceLastOrder: number | null;
  /** overdue ratio × 100, an integer (100 = exactly due); null when unknown. */
  overduePct: number | null;
  /** The sentence the admin shows. */
  explanation: string;
}

export function churnRisk(orderDays: readonly string[], today: string): ChurnAssessment {
  if (orderDays.length === 0) return { risk: 'unknown', usualIntervalDays: null, daysSinceLastOrder: null, overduePct: null, explanation: '尚未下单' };
  const last = [...orderDays].sort()[orderDays.length - 1];
  const since = Math.max(0, daysBetween(last, today));
  const usual = medianDays(purchaseIntervals(orderDays));
  if (usual === null || usual <= 0) {
    return { risk: 'unknown', usualIntervalDays: null, daysSinceLastOrder: since, overduePct: null, explanation: `仅在 1 天下过单，距上次下单已 ${since} 天` };
  }
  const overduePct = Math.floor((since * 100) / usual);
  const risk: ChurnRisk = overduePct < 100 ? 'low' : overduePct < 200 ? 'medium' : 'high';
  return { risk, usualIntervalDays: usual, daysSinceLastOrder: since, overduePct, explanation: `通常每 ${usual} 天购买一次，距上次下单已 ${since} 天` };
}
