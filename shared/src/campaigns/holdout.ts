/**
 * Holdout assignment: a member is in a campaign's holdout when the FNV-1a 32-bit hash of
 * `campaignId:memberId`, modulo 10,000, is below pct × 100. Stable for a member and campaign
 * (every server, every run), independent across campaigns, about pct% of members. Default 10%.
 */
export const DEFAULT_HOLDOUT_PCT = 10;

export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 0..9999, the member's bucket in this campaign. */
export function holdoutBucket(campaignId: string, memberId: string): number {
  return fnv1a32(`${campaignId}:${memberId}`) % 10_000;
}

export function isInHoldout(campaignId: string, memberId: string, pct: number = DEFAULT_HOLDOUT_PCT): boolean {
  if (!(pct >= 0 && pct <= 100)) throw new RangeError('holdout percentage must be between 0 and 100');
  return holdoutBucket(campaignId, memberId) < Math.round(pct * 100);
}
