import { addDays, AudienceRule, startOfStoreDay } from '@mall/shared';

/** One parameterised WHERE over `members m` (LEFT JOIN `member_scores s` when needed). */
export interface CompiledAudience {
  from: string;
  where: string;
  params: unknown[];
}

export interface CompileContext {
  today: string;
  timezone: string;
  /** Turns a Date into the parameter the database compares with stored datetimes. */
  time: (d: Date) => unknown;
}

/**
 * Compiles rules to one set-based query. Members without a paid order have no scores row: they
 * count as 0 orders and 0 spend and never match last-order, RFM or replenishment bounds; their
 * churn risk is 'unknown'.
 */
export function compileAudience(rules: readonly AudienceRule[], ctx: CompileContext): CompiledAudience {
  const where: string[] = [];
  const params: unknown[] = [];
  let needsScores = false;
  // A rule no member without scores can match lets the query use an inner join (a better plan).
  let requiresScores = false;
  const scored = (expr: string, min: number | undefined) => {
    needsScores = true;
    if (min !== undefined && min > 0) {
      requiresScores = true;
      return `s.${expr}`;
    }
    return `COALESCE(s.${expr}, 0)`;
  };
  const dayStart = (daysAgo: number) => ctx.time(startOfStoreDay(addDays(ctx.today, -daysAgo), ctx.timezone));
  const instantRange = (col: string, min?: number, max?: number) => {
    // daysAgo <= max ⟺ instant >= start of (today − max); daysAgo >= min ⟺ instant < start of (today − min + 1)
    if (max !== undefined) (where.push(`${col} >= ?`), params.push(dayStart(max)));
    if (min !== undefined) (where.push(`${col} < ?`), params.push(dayStart(min - 1)));
  };
  const numberRange = (expr: string, min?: number, max?: number) => {
    if (min !== undefined) (where.push(`${expr} >= ?`), params.push(min));
    if (max !== undefined) (where.push(`${expr} <= ?`), params.push(max));
  };
  const inList = (expr: string, values: readonly string[]) => {
    where.push(`${expr} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };

  for (const rule of rules) {
    switch (rule.kind) {
      case 'tier':
        inList('m.tier', rule.in);
        break;
      case 'joined':
        instantRange('m.joined_at', rule.daysAgoMin, rule.daysAgoMax);
        break;
      case 'lastActive':
        instantRange('m.last_active_at', rule.daysAgoMin, rule.daysAgoMax);
        break;
      case 'lastOrder':
        needsScores = requiresScores = true;
        // Store dates as text compare in calendar order.
        if (rule.daysAgoMax !== undefined) (where.push('s.last_order_on >= ?'), params.push(addDays(ctx.today, -rule.daysAgoMax)));
        if (rule.daysAgoMin !== undefined) (where.push('s.last_order_on <= ?'), params.push(addDays(ctx.today, -rule.daysAgoMin)));
        break;
      case 'spend':
        numberRange(scored('spend_fen', rule.min), rule.min, rule.max);
        break;
      case 'orders':
        numberRange(scored('order_count', rule.min), rule.min, rule.max);
        break;
      case 'points':
        numberRange('m.points_balance', rule.min, rule.max);
        break;
      case 'rfm':
        needsScores = requiresScores = true;
        numberRange(`s.${rule.measure}_score`, rule.min, rule.max);
        break;
      case 'churnRisk': {
        needsScores = true;
        const withUnknown = rule.in.includes('unknown');
        if (!withUnknown) requiresScores = true;
        inList(withUnknown ? `COALESCE(s.churn_risk, 'unknown')` : 's.churn_risk', rule.in);
        break;
      }
      case 'replenishment':
        needsScores = requiresScores = true;
        where.push('s.next_replenish_on >= ?', 's.next_replenish_on <= ?');
        params.push(addDays(ctx.today, rule.fromDays), addDays(ctx.today, rule.toDays));
        break;
      case 'expiringPoints':
        where.push(
          `m.id IN (SELECT l.member_id FROM points_lots l WHERE l.remaining > 0 AND l.expires_on >= ? AND l.expires_on <= ? GROUP BY l.member_id HAVING SUM(l.remaining) >= ?)`,
        );
        params.push(ctx.today, addDays(ctx.today, rule.withinDays), rule.min);
        break;
      case 'inviter':
        if (rule.invited && rule.inviteCode) {
          where.push('m.inviter_id IN (SELECT i.id FROM members i WHERE i.invite_code = ?)');
          params.push(rule.inviteCode);
        } else where.push(rule.invited ? 'm.inviter_id IS NOT NULL' : 'm.inviter_id IS NULL');
        break;
      case 'platform':
        // The platform of the latest login, kept on the session row (indexed): the same value the
        // member list filters on and the CSV shows. No session or no platform: never matches.
        where.push(`m.id IN (SELECT ws.member_id FROM member_wechat_sessions ws WHERE ws.platform IN (${rule.in.map(() => '?').join(', ')}))`);
        params.push(...rule.in);
        break;
    }
  }
  return {
    from: !needsScores ? 'members m' : `members m ${requiresScores ? 'JOIN' : 'LEFT JOIN'} member_scores s ON s.member_id = m.id`,
    where: where.length ? where.join(' AND ') : '1 = 1',
    params,
  };
}
