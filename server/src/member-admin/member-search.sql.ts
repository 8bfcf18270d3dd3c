import type { MemberPlatform, SegmentKey, TierCode } from '@mall/shared';
import { AT_RISK_MIN_PAST_CHECKINS } from '@mall/shared';
import type { MemberSort } from './member-filters.dto';

/**
 * The set-based member query behind the admin list, the CSV export and export jobs: one row per
 * member with its aggregates, filtered in SQL. Every value arrives as a named parameter (`:name`);
 * only fixed fragments written here are ever part of the SQL text.
 */
export interface ResolvedMemberFilters {
  q?: { like: string; id?: string; inviteCode?: string };
  tier?: TierCode;
  joinedFrom?: Date;
  joinedBefore?: Date;
  activeFrom?: Date;
  activeBefore?: Date;
  segment?: { key: SegmentKey; activeSince?: Date; dormantBefore?: Date; spendThresholdFen?: number | null; baselineFrom?: string; baselineTo?: string; recentFrom?: string };
  pointsMin?: number;
  pointsMax?: number;
  spendMinFen?: number;
  spendMaxFen?: number;
  ordersMin?: number;
  ordersMax?: number;
  hasPhone?: boolean;
  inviterId?: string;
  platform?: MemberPlatform;
  /** A saved audience's compiled rules (positional `?` parameters over `members m`). */
  audience?: { from: string; where: string; params: unknown[] };
  /** Start of the 12-month growth window. */
  growthSince: Date;
}

/** Paid, not refunded orders per member: the one definition of "spend" and "paid orders". */
export const PAID_ORDERS_BY_MEMBER = `SELECT member_id, SUM(cash_due_fen) AS spend_fen, COUNT(*) AS paid_orders, MAX(paid_at) AS last_order_at
  FROM orders WHERE paid_at IS NOT NULL AND status NOT IN ('refunding', 'refunded') GROUP BY member_id`;

const JOINS = {
  o: `LEFT JOIN (${PAID_ORDERS_BY_MEMBER}) o ON o.member_id = m.id`,
  g: `LEFT JOIN (SELECT member_id, SUM(delta) AS growth FROM growth_ledger WHERE created_at >= :growthSince GROUP BY member_id) g ON g.member_id = m.id`,
  c: `LEFT JOIN (SELECT member_id, MAX(day) AS last_day, COUNT(*) AS total_checkins FROM checkins GROUP BY member_id) c ON c.member_id = m.id
  LEFT JOIN checkins cl ON cl.member_id = m.id AND cl.day = c.last_day`,
  s: `LEFT JOIN member_wechat_sessions s ON s.member_id = m.id`,
} as const;
type JoinKey = keyof typeof JOINS;

const SORT_COLUMNS: Record<MemberSort, string> = {
  joinedAt: 'm.joined_at',
  lastActiveAt: 'm.last_active_at',
  points: 'm.points_balance',
  spend: 'COALESCE(o.spend_fen, 0)',
  orders: 'COALESCE(o.paid_orders, 0)',
};

export const MEMBER_ROW_COLUMNS = `m.id, m.nickname, m.avatar_url, m.phone, m.tier, m.points_balance, m.inviter_id, m.joined_at, m.last_active_at,
  COALESCE(g.growth, 0) AS growth, COALESCE(o.spend_fen, 0) AS spend_fen, COALESCE(o.paid_orders, 0) AS paid_orders, o.last_order_at,
  c.last_day AS last_checkin_day, COALESCE(c.total_checkins, 0) AS total_checkins, cl.streak AS last_streak, s.platform`;

export interface SqlWithParams {
  sql: string;
  params: Record<string, unknown>;
}

function whereClause(f: ResolvedMemberFilters): { where: string[]; params: Record<string, unknown>; joins: Set<JoinKey> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const joins = new Set<JoinKey>();
  if (f.q) {
    const alternatives = ["m.nickname LIKE :qLike ESCAPE '!'"];
    params.qLike = f.q.like;
    if (f.q.id) (alternatives.push('m.id = :qId'), (params.qId = f.q.id));
    if (f.q.inviteCode) (alternatives.push('m.invite_code = :qCode'), (params.qCode = f.q.inviteCode));
    where.push(`(${alternatives.join(' OR ')})`);
  }
  if (f.tier) (where.push('m.tier = :tier'), (params.tier = f.tier));
  if (f.joinedFrom) (where.push('m.joined_at >= :joinedFrom'), (params.joinedFrom = f.joinedFrom));
  if (f.joinedBefore) (where.push('m.joined_at < :joinedBefore'), (params.joinedBefore = f.joinedBefore));
  if (f.activeFrom) (where.push('m.last_active_at >= :activeFrom'), (params.activeFrom = f.activeFrom));
  if (f.activeBefore) (where.push('m.last_active_at < :activeBefore'), (params.activeBefore = f.activeBefore));
  if (f.pointsMin !== undefined) (where.push('m.points_balance >= :pointsMin'), (params.pointsMin = f.pointsMin));
  if (f.pointsMax !== undefined) (where.push('m.points_balance <= :pointsMax'), (params.pointsMax = f.pointsMax));
  if (f.spendMinFen !== undefined) (where.push('COALESCE(o.spend_fen, 0) >= :spendMin'), (params.spendMin = f.spendMinFen), joins.add('o'));
  if (f.spendMaxFen !== undefined) (where.push('COALESCE(o.spend_fen, 0) <= :spendMax'), (params.spendMax = f.spendMaxFen), joins.add('o'));
  if (f.ordersMin !== undefined) (where.push('COALESCE(o.paid_orders, 0) >= :ordersMin'), (params.ordersMin = f.ordersMin), joins.add('o'));
  if (f.ordersMax !== undefined) (where.push('COALESCE(o.paid_orders, 0) <= :ordersMax'), (params.ordersMax = f.ordersMax), joins.add('o'));
  if (f.hasPhone === true) where.push("(m.phone IS NOT NULL AND m.phone <> '')");
  if (f.hasPhone === false) where.push("(m.phone IS NULL OR m.phone = '')");
  if (f.inviterId) (where.push('m.inviter_id = :inviterId'), (params.inviterId = f.inviterId));
  if (f.platform) (where.push('s.platform = :platform'), (params.platform = f.platform), joins.add('s'));
  if (f.audience) {
    // The audience's own query as a subquery, its aliases scoped inside it; its `?` become named parameters.
    let i = 0;
    const named = (sql: string) => sql.replace(/\?/g, () => `:aud${i++}`);
    where.push(`m.id IN (SELECT m.id FROM ${named(f.audience.from)} WHERE ${named(f.audience.where)})`);
    f.audience.params.forEach((value, k) => (params[`aud${k}`] = value));
  }
  const seg = f.segment;
  if (seg) {
    switch (seg.key) {
      case 'active':
        where.push('m.last_active_at >= :segActiveSince');
        params.segActiveSince = seg.activeSince;
        break;
      case 'dormant_30':
      case 'dormant_60':
      case 'dormant_90':
        where.push('(m.last_active_at IS NULL OR m.last_active_at < :segDormantBefore)');
        params.segDormantBefore = seg.dormantBefore;
        break;
      case 'high_value':
        if (seg.spendThresholdFen == null) where.push('1 = 0');
        else {
          where.push('COALESCE(o.spend_fen, 0) > 0 AND o.spend_fen >= :segSpendThreshold');
          params.segSpendThreshold = seg.spendThresholdFen;
          joins.add('o');
        }
        break;
      case 'at_risk':
        where.push(`m.id IN (SELECT member_id FROM checkins WHERE day >= :segBaseFrom GROUP BY member_id
          HAVING SUM(CASE WHEN day <= :segBaseTo THEN 1 ELSE 0 END) >= :segBaseMin
             AND 6 * SUM(CASE WHEN day >= :segRecentFrom THEN 1 ELSE 0 END) < SUM(CASE WHEN day <= :segBaseTo THEN 1 ELSE 0 END))`);
        Object.assign(params, { segBaseFrom: seg.baselineFrom, segBaseTo: seg.baselineTo, segRecentFrom: seg.recentFrom, segBaseMin: AT_RISK_MIN_PAST_CHECKINS });
        break;
    }
  }
  return { where, params, joins };
}

function fromClause(joins: Iterable<JoinKey>): string {
  return ['FROM members m', ...[...joins].map((j) => JOINS[j])].join('\n  ');
}

/** Matching members counted (only the joins the filters need). */
export function countSql(f: ResolvedMemberFilters): SqlWithParams {
  const { where, params, joins } = whereClause(f);
  if (joins.has('g')) params.growthSince = f.growthSince;
  return { sql: `SELECT COUNT(*) AS n ${fromClause(joins)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params };
}

/** Matching member rows with their aggregates, in a stable order (the id breaks ties). */
export function rowsSql(f: ResolvedMemberFilters, sort: MemberSort = 'joinedAt', order: 'asc' | 'desc' = 'desc', page?: { limit: number; offset: number }): SqlWithParams {
  const { where, params } = whereClause(f);
  params.growthSince = f.growthSince;
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  let sql = `SELECT ${MEMBER_ROW_COLUMNS}\n  ${fromClause(['o', 'g', 'c', 's'])}${where.length ? `\n  WHERE ${where.join(' AND ')}` : ''}\n  ORDER BY ${SORT_COLUMNS[sort]} ${dir}, m.id ${dir}`;
  if (page) {
    sql += ' LIMIT :limit OFFSET :offset';
    Object.assign(params, { limit: page.limit, offset: page.offset });
  }
  return { sql, params };
}

/** Spend of every member who spent, ascending, for the high-value percentile. */
export const SPENDERS_COUNT_SQL = `SELECT COUNT(*) AS n FROM (${PAID_ORDERS_BY_MEMBER}) o WHERE o.spend_fen > 0`;
export const SPEND_AT_INDEX_SQL = `SELECT o.spend_fen AS spend_fen FROM (${PAID_ORDERS_BY_MEMBER}) o WHERE o.spend_fen > 0 ORDER BY o.spend_fen ASC LIMIT 1 OFFSET :offset`;

/** One raw row as the database returns it (numbers may come as strings, times as Date or text). */
export interface MemberRawRow {
  id: string;
  nickname: string;
  avatar_url: string;
  phone: string | null;
  tier: TierCode;
  points_balance: number | string;
  inviter_id: string | null;
  joined_at: Date | string;
  last_active_at: Date | string | null;
  growth: number | string;
  spend_fen: number | string;
  paid_orders: number | string;
  last_order_at: Date | string | null;
  last_checkin_day: string | null;
  total_checkins: number | string;
  last_streak: number | string | null;
  platform: MemberPlatform | null;
}

/** A DATETIME from either driver as epoch ms (SQLite gives UTC text `YYYY-MM-DD HH:MM:SS.sss`). */
export function dbInstant(value: Date | string | null): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}
