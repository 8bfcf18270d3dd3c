import { TIER_CODES, TierCode } from '../tiers/tier-names';
import type { ChurnRisk } from './churn-risk';
import { MEMBER_PLATFORMS, MemberPlatform } from '../members/member-platform';

/**
 * Saved audience rules. An audience is the members matching ALL its rules (AND). Ranges are
 * inclusive; "days ago" counts store calendar days back from today (0 = today), so a saved
 * audience keeps its meaning as days pass. Order counts, spend, last order, RFM, churn risk and
 * replenishment come from the daily predictions (as of the last run); tier, activity, joined,
 * points, invitations and platform are live. Platform is the one of the member's latest login (what
 * the member list filters and the CSV shows); a member who never reported one matches no platform.
 */
export type DayRangeRuleKind = 'joined' | 'lastActive' | 'lastOrder';
export type NumberRangeRuleKind = 'spend' | 'orders' | 'points';
export const CHURN_RISKS: readonly ChurnRisk[] = ['unknown', 'low', 'medium', 'high'];
export type RfmMeasure = 'r' | 'f' | 'm';

export type AudienceRule =
  | { kind: 'tier'; in: TierCode[] }
  | { kind: DayRangeRuleKind; daysAgoMin?: number; daysAgoMax?: number }
  | { kind: NumberRangeRuleKind; min?: number; max?: number }
  | { kind: 'rfm'; measure: RfmMeasure; min: number; max: number }
  | { kind: 'churnRisk'; in: ChurnRisk[] }
  | { kind: 'replenishment'; fromDays: number; toDays: number }
  | { kind: 'expiringPoints'; withinDays: number; min: number }
  | { kind: 'inviter'; invited: boolean; /** Only members invited by the member with this invite code. */ inviteCode?: string }
  | { kind: 'platform'; in: MemberPlatform[] };

export type AudienceRuleKind = AudienceRule['kind'];
export const AUDIENCE_RULE_KINDS: readonly AudienceRuleKind[] = ['tier', 'joined', 'lastActive', 'lastOrder', 'spend', 'orders', 'points', 'rfm', 'churnRisk', 'replenishment', 'expiringPoints', 'inviter', 'platform'];
export const MAX_AUDIENCE_RULES = 20;
const MAX_INT = 2_000_000_000;

export interface RuleFieldError {
  field: string;
  errors: string[];
}

type Spec = Record<string, { required: boolean; check: (v: unknown) => string | null }>;
const int = (min: number, max: number) => (v: unknown) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `must be a whole number from ${min} to ${max}`);
const oneOrMore = <T extends string>(allowed: readonly T[]) => (v: unknown) =>
  Array.isArray(v) && v.length > 0 && v.length <= allowed.length && v.every((x) => (allowed as readonly unknown[]).includes(x)) && new Set(v).size === v.length
    ? null
    : `must be a non-empty list of distinct values from ${allowed.join(', ')}`;
const oneOf = <T extends string>(allowed: readonly T[]) => (v: unknown) => ((allowed as readonly unknown[]).includes(v) ? null : `must be one of ${allowed.join(', ')}`);
const bool = (v: unknown) => (typeof v === 'boolean' ? null : 'must be true or false');
const code = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9]{1,32}$/.test(v) ? null : 'must be an invite code (letters and digits, at most 32)');

const DAY_RANGE: Spec = { daysAgoMin: { required: false, check: int(0, 36_500) }, daysAgoMax: { required: false, check: int(0, 36_500) } };
const NUMBER_RANGE: Spec = { min: { required: false, check: int(0, MAX_INT) }, max: { required: false, check: int(0, MAX_INT) } };
const SPECS: Record<AudienceRuleKind, Spec> = {
  tier: { in: { required: true, check: oneOrMore(TIER_CODES) } },
  joined: DAY_RANGE,
  lastActive: DAY_RANGE,
  lastOrder: DAY_RANGE,
  spend: NUMBER_RANGE,
  orders: NUMBER_RANGE,
  points: NUMBER_RANGE,
  rfm: { measure: { required: true, check: oneOf(['r', 'f', 'm'] as const) }, min: { required: true, check: int(1, 5) }, max: { required: true, check: int(1, 5) } },
  churnRisk: { in: { required: true, check: oneOrMore(CHURN_RISKS) } },
  replenishment: { fromDays: { required: true, check: int(-3650, 3650) }, toDays: { required: true, check: int(-3650, 3650) } },
  expiringPoints: { withinDays: { required: true, check: int(0, 3660) }, min: { required: true, check: int(1, MAX_INT) } },
  inviter: { invited: { required: true, check: bool }, inviteCode: { required: false, check: code } },
  platform: { in: { required: true, check: oneOrMore(MEMBER_PLATFORMS) } },
};
const RANGE_PAIRS: [string, string][] = [['daysAgoMin', 'daysAgoMax'], ['min', 'max'], ['fromDays', 'toDays']];

/** Checks untrusted rules; every problem is named by its path (e.g. `rules[2].min`). */
export function parseAudienceRules(input: unknown): { ok: true; rules: AudienceRule[] } | { ok: false; errors: RuleFieldError[] } {
  const errors: RuleFieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, errors: [message] });
  if (!Array.isArray(input)) return { ok: false, errors: [{ field: 'rules', errors: ['must be a list of rules'] }] };
  if (input.length > MAX_AUDIENCE_RULES) add('rules', `at most ${MAX_AUDIENCE_RULES} rules`);
  input.slice(0, MAX_AUDIENCE_RULES).forEach((raw, i) => {
    const at = `rules[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return add(at, 'must be an object with a kind');
    const rule = raw as Record<string, unknown>;
    const kind = rule.kind;
    if (typeof kind !== 'string' || !(AUDIENCE_RULE_KINDS as readonly string[]).includes(kind)) {
      return add(`${at}.kind`, `unknown rule kind ${JSON.stringify(kind ?? null)}; expected one of ${AUDIENCE_RULE_KINDS.join(', ')}`);
    }
    const spec = SPECS[kind as AudienceRuleKind];
    for (const key of Object.keys(rule)) if (key !== 'kind' && !(key in spec)) add(`${at}.${key}`, `is not a field of a ${kind} rule`);
    let present = 0;
    for (const [key, field] of Object.entries(spec)) {
      if (rule[key] === undefined) {
        if (field.required) add(`${at}.${key}`, 'is required');
        continue;
      }
      present++;
      const problem = field.check(rule[key]);
      if (problem) add(`${at}.${key}`, problem);
    }
    if (present === 0) add(at, `a ${kind} rule needs at least one bound`);
    if (kind === 'inviter' && rule.invited === false && rule.inviteCode !== undefined) add(`${at}.inviteCode`, 'only with invited: true');
    for (const [lo, hi] of RANGE_PAIRS) {
      if (Number.isInteger(rule[lo]) && Number.isInteger(rule[hi]) && (rule[lo] as number) > (rule[hi] as number)) add(`${at}.${hi}`, `must not be less than ${lo}`);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, rules: input as AudienceRule[] };
}
