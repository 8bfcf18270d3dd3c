/** Median of whole numbers, rounded half up to a whole number; null for no values. */
export function medianDays(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/** Whole days from date a to date b (YYYY-MM-DD, store calendar). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Intervals in days between consecutive distinct purchase days (input in any order). */
export function purchaseIntervals(days: readonly string[]): number[] {
  const distinct = [...new Set(days)].sort();
  const out: number[] = [];
  for (let i = 1; i < distinct.length; i++) out.push(daysBetween(distinct[i - 1], distinct[i]));
  return out;
}
