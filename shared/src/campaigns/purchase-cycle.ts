import { addDays } from '../time/store-calendar';
import { medianDays, purchaseIntervals } from './medians';

/**
 * Purchase cycle of a product (or category): the median interval, in store days, between a member's
 * consecutive purchases of it on different days, pooled over all members. Needs at least
 * `minSamples` intervals (default 5), else there is no cycle. Several purchases on one day count
 * as one.
 */
export const DEFAULT_CYCLE_MIN_SAMPLES = 5;

export interface Purchase {
  memberId: string;
  /** Item id or category. */
  key: string;
  /** Store day of the paid order (YYYY-MM-DD). */
  day: string;
}

export interface PurchaseCycle {
  key: string;
  cycleDays: number;
  samples: number;
}

export function purchaseCycles(purchases: readonly Purchase[], minSamples = DEFAULT_CYCLE_MIN_SAMPLES): PurchaseCycle[] {
  const byMemberKey = new Map<string, { key: string; days: string[] }>();
  for (const p of purchases) {
    const id = `${p.key}\u0000${p.memberId}`;
    const entry = byMemberKey.get(id) ?? { key: p.key, days: [] };
    entry.days.push(p.day);
    byMemberKey.set(id, entry);
  }
  const intervals = new Map<string, number[]>();
  for (const { key, days } of byMemberKey.values()) {
    const list = intervals.get(key) ?? [];
    list.push(...purchaseIntervals(days));
    intervals.set(key, list);
  }
  const out: PurchaseCycle[] = [];
  for (const [key, list] of intervals) {
    const cycle = medianDays(list);
    if (cycle !== null && list.length >= Math.max(1, minSamples) && cycle > 0) out.push({ key, cycleDays: cycle, samples: list.length });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The day a member is expected to need the product again: last purchase day + cycle. */
export function expectedReplenishmentDate(lastPurchaseDay: string, cycleDays: number): string {
  return addDays(lastPurchaseDay, cycleDays);
}
