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

/**
 * Collects repeat-purchase intervals one member at a time (so a job can stream members in chunks)
 * and turns them into cycles.
 */
export class CycleCollector {
  private readonly intervals = new Map<string, number[]>();

  /** All purchase days of one member for one key. */
  addMemberPurchases(key: string, days: readonly string[]): void {
    const found = purchaseIntervals(days);
    if (!found.length) return;
    const list = this.intervals.get(key) ?? [];
    for (const d of found) list.push(d);
    this.intervals.set(key, list);
  }

  cycles(minSamples = DEFAULT_CYCLE_MIN_SAMPLES): PurchaseCycle[] {
    const out: PurchaseCycle[] = [];
    for (const [key, list] of this.intervals) {
      const cycle = medianDays(list);
      if (cycle !== null && list.length >= Math.max(1, minSamples) && cycle > 0) out.push({ key, cycleDays: cycle, samples: list.length });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** Groups purchases by member and key (any order). */
export function groupPurchases(purchases: readonly Purchase[]): Map<string, { memberId: string; key: string; days: string[] }> {
  const groups = new Map<string, { memberId: string; key: string; days: string[] }>();
  for (const p of purchases) {
    const id = `${p.key}\u0000${p.memberId}`;
    const entry = groups.get(id) ?? { memberId: p.memberId, key: p.key, days: [] };
    entry.days.push(p.day);
    groups.set(id, entry);
  }
  return groups;
}

export function purchaseCycles(purchases: readonly Purchase[], minSamples = DEFAULT_CYCLE_MIN_SAMPLES): PurchaseCycle[] {
  const collector = new CycleCollector();
  for (const { key, days } of groupPurchases(purchases).values()) collector.addMemberPurchases(key, days);
  return collector.cycles(minSamples);
}

/** The day a member is expected to need the product again: last purchase day + cycle. */
export function expectedReplenishmentDate(lastPurchaseDay: string, cycleDays: number): string {
  return addDays(lastPurchaseDay, cycleDays);
}
