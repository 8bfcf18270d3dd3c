/**
 * Member segments: the keys and their definitions, shared by analytics (counts) and member
 * management (the list's `?segment=` filter and the CSV export). Agreed contract; both sides
 * implement the same definitions in SQL.
 *
 * - `active`: last_active_at within the last ACTIVE_WITHIN_DAYS days.
 * - `dormant_30/60/90`: last_active_at null or older than 30/60/90 days.
 * - `high_value`: spend > 0 and spend ≥ the HIGH_VALUE_PERCENTILE (nearest-rank) among members with
 *   spend > 0; spend = sum of cash_due_fen of paid, not refunded orders.
 * - `at_risk`: at least AT_RISK_MIN_BASELINE_CHECKINS check-ins in store days 31–120 ago (the
 *   baseline), and check-ins in the last 30 store days (0–30 days ago) fewer than half the baseline's
 *   30-day average, i.e. recent < (baseline / 3) / 2.
 */
export const MEMBER_SEGMENTS = ['active', 'dormant_30', 'dormant_60', 'dormant_90', 'high_value', 'at_risk'] as const;
export type MemberSegment = (typeof MEMBER_SEGMENTS)[number];

export const ACTIVE_WITHIN_DAYS = 30;
export const DORMANT_DAYS: Record<'dormant_30' | 'dormant_60' | 'dormant_90', number> = { dormant_30: 30, dormant_60: 60, dormant_90: 90 };
export const HIGH_VALUE_PERCENTILE = 0.9;
/** The recent window: store days 0–30 ago. */
export const AT_RISK_RECENT_DAYS = 30;
/** The baseline window: store days 31–120 ago (90 days, three 30-day periods). */
export const AT_RISK_BASELINE_FROM_DAYS = 31;
export const AT_RISK_BASELINE_TO_DAYS = 120;
export const AT_RISK_MIN_BASELINE_CHECKINS = 4;

export const SEGMENT_LABELS: Record<MemberSegment, string> = {
  active: '活跃会员',
  dormant_30: '30天未活跃',
  dormant_60: '60天未活跃',
  dormant_90: '90天未活跃',
  high_value: '高价值会员',
  at_risk: '流失风险',
};

export function isMemberSegment(value: unknown): value is MemberSegment {
  return typeof value === 'string' && (MEMBER_SEGMENTS as readonly string[]).includes(value);
}

/** Nearest-rank percentile position (0-based) in an ascending list of `count` values. */
export function percentileIndex(count: number, percentile = HIGH_VALUE_PERCENTILE): number {
  if (count <= 0) return -1;
  return Math.min(count - 1, Math.max(0, Math.ceil(percentile * count) - 1));
}

/** The at-risk rule on counts: baseline ≥ 4 and recent < (baseline / 3) / 2, in integers. */
export function isAtRisk(baselineCheckins: number, recentCheckins: number): boolean {
  return baselineCheckins >= AT_RISK_MIN_BASELINE_CHECKINS && recentCheckins * 6 < baselineCheckins;
}
