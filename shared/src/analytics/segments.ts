/**
 * Member segments: the keys and definitions shared by the analytics figures and the member export.
 * Pure rules, no database: the server turns them into SQL with the same cut-offs and ranks.
 *
 * Definitions (every "day" is a store calendar day; "now" is the server clock):
 * - `active`: last_active_at within the last 30 days (at or after now − 30 × 24 h).
 * - `dormant_30` / `dormant_60` / `dormant_90`: last_active_at is null or before now − 30 / 60 / 90 × 24 h.
 * - `high_value`: spend > 0 and spend ≥ the 90th percentile of spend among spenders (nearest rank:
 *   the ⌈0.9·n⌉-th smallest spend of the n members with spend > 0). Spend = the sum of `cash_due_fen`
 *   of the member's paid orders that were not refunded.
 * - `at_risk`: at least 4 check-ins in the past window (the 90 store days today−119 … today−30) and,
 *   in the recent window (the 30 store days today−29 … today), fewer check-ins than half the past
 *   window's monthly average: recent < (past / 3) / 2, i.e. 6 × recent < past.
 */
import { addDays } from '../time/store-calendar';

export const SEGMENT_KEYS = ['active', 'dormant_30', 'dormant_60', 'dormant_90', 'high_value', 'at_risk'] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

export interface SegmentInfo {
  key: SegmentKey;
  /** Simplified Chinese label for the admin. */
  label: string;
  /** English definition, as documented in the API. */
  definition: string;
}

export const SEGMENTS: Record<SegmentKey, SegmentInfo> = {
  active: { key: 'active', label: '活跃会员', definition: 'last_active_at within the last 30 days' },
  dormant_30: { key: 'dormant_30', label: '沉睡 30 天', definition: 'last_active_at null or older than 30 days' },
  dormant_60: { key: 'dormant_60', label: '沉睡 60 天', definition: 'last_active_at null or older than 60 days' },
  dormant_90: { key: 'dormant_90', label: '沉睡 90 天', definition: 'last_active_at null or older than 90 days' },
  high_value: {
    key: 'high_value',
    label: '高价值会员',
    definition: 'spend > 0 and spend ≥ the 90th percentile (nearest rank) of spend among spenders; spend = sum of cash_due_fen of paid, not refunded orders',
  },
  at_risk: {
    key: 'at_risk',
    label: '流失风险',
    definition: '≥ 4 check-ins in store days today−119 … today−30 and, in today−29 … today, fewer than (that count / 3) / 2 check-ins',
  },
};

export function isSegmentKey(value: unknown): value is SegmentKey {
  return typeof value === 'string' && (SEGMENT_KEYS as readonly string[]).includes(value);
}

const DAY_MS = 86_400_000;
export const ACTIVE_DAYS = 30;
export const AT_RISK_MIN_PAST_CHECKINS = 4;

/** Days of inactivity after which a member is dormant, per dormant segment. */
export const DORMANT_DAYS = { dormant_30: 30, dormant_60: 60, dormant_90: 90 } as const;

/** The instant `days` × 24 h before now: last_active_at at or after it is "within" those days. */
export function activityCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function isActive(lastActiveAt: Date | null, now: Date): boolean {
  return lastActiveAt !== null && lastActiveAt.getTime() >= activityCutoff(now, ACTIVE_DAYS).getTime();
}

export function isDormant(lastActiveAt: Date | null, now: Date, days: number): boolean {
  return lastActiveAt === null || lastActiveAt.getTime() < activityCutoff(now, days).getTime();
}

/**
 * 1-based rank (ascending) of the spend at the 90th percentile among `spenders` members with
 * spend > 0 (nearest-rank method); 0 when there are no spenders.
 */
export function highValueRank(spenders: number): number {
  return spenders <= 0 ? 0 : Math.ceil((spenders * 9) / 10);
}

/** The smallest spend (fen) that is high value, or null when nobody has spent. */
export function highValueThreshold(spendsFen: readonly number[]): number | null {
  const spenders = spendsFen.filter((s) => s > 0).sort((a, b) => a - b);
  const rank = highValueRank(spenders.length);
  return rank === 0 ? null : spenders[rank - 1];
}

export function isHighValue(spendFen: number, thresholdFen: number | null): boolean {
  return thresholdFen !== null && spendFen > 0 && spendFen >= thresholdFen;
}

/** The store-day windows the at-risk rule compares (inclusive YYYY-MM-DD bounds). */
export function atRiskWindows(today: string): { recent: { from: string; to: string }; past: { from: string; to: string } } {
  return { recent: { from: addDays(today, -29), to: today }, past: { from: addDays(today, -119), to: addDays(today, -30) } };
}

/** At risk: enough past check-ins, and the recent 30 days below half the past monthly average. */
export function isAtRisk(pastCheckins: number, recentCheckins: number): boolean {
  return pastCheckins >= AT_RISK_MIN_PAST_CHECKINS && 6 * recentCheckins < pastCheckins;
}

export interface SegmentFacts {
  lastActiveAt: Date | null;
  spendFen: number;
  /** Check-ins in the past window (today−119 … today−30). */
  pastCheckins: number;
  /** Check-ins in the recent window (today−29 … today). */
  recentCheckins: number;
}

/** Whether one member belongs to a segment, given the population's high-value threshold. */
export function inSegment(key: SegmentKey, facts: SegmentFacts, now: Date, highValueThresholdFen: number | null): boolean {
  switch (key) {
    case 'active':
      return isActive(facts.lastActiveAt, now);
    case 'dormant_30':
    case 'dormant_60':
    case 'dormant_90':
      return isDormant(facts.lastActiveAt, now, DORMANT_DAYS[key]);
    case 'high_value':
      return isHighValue(facts.spendFen, highValueThresholdFen);
    case 'at_risk':
      return isAtRisk(facts.pastCheckins, facts.recentCheckins);
  }
}

/** Segment sizes over a population (the reference the server's SQL counts are tested against). */
export function segmentCounts(members: readonly SegmentFacts[], now: Date): Record<SegmentKey, number> {
  const threshold = highValueThreshold(members.map((m) => m.spendFen));
  const counts = Object.fromEntries(SEGMENT_KEYS.map((k) => [k, 0])) as Record<SegmentKey, number>;
  for (const m of members) for (const key of SEGMENT_KEYS) if (inSegment(key, m, now, threshold)) counts[key]++;
  return counts;
}
