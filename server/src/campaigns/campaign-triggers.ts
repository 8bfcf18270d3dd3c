import { addDays, startOfStoreDay } from '@mall/shared';
import type { CampaignOffer, CampaignTrigger } from './campaign.entities';
import { PAID_ORDER_SQL } from '../predictions/paid-orders.reader';

/**
 * Candidate selection per trigger, as SQL over `members m` that the runner joins with the audience.
 *
 * Occurrence keys — one key per real-world occurrence, so the unique (campaign, occurrence, member)
 * key lets each fire once per member:
 *   once            'once'                          (one per campaign)
 *   memberDay       store date of the member day     '2026-03-08'
 *   pointsExpiring  the soonest expiry date in range '2026-12-31' (a later lot is its own occurrence)
 *   redeemNudge     the item id nudged towards       (once per member per item)
 *   tierNudge       next tier + store year           'gold:2026' (at most once a year per tier)
 *   birthday        store year                       '2026' (02-29 birthdays fire on 02-28 in common years)
 *   anniversary     store year                       '2027'
 *   firstOrder      'first'                          (a member has one first paid order, ever)
 *   winBack         last paid order id + ':' + step  '<orderId>:2' (a new order starts a new cycle)
 *   replenishment   item id + ':' + expected date    '<itemId>:2026-03-20'
 */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

export interface TriggerQuery {
  /** Expression of the occurrence key (may reference the joins). */
  occurrence: SqlPart;
  joins: SqlPart[];
  where: SqlPart[];
  /** The offer of sends from this query (win-back steps carry their own). */
  offer: CampaignOffer | null;
}

export interface TriggerContext {
  dialect: 'mysql' | 'sqlite';
  now: Date;
  today: string;
  timezone: string;
  /** Minutes the store's zone is ahead of UTC now (for local calendar parts of stored instants). */
  utcOffsetMinutes: number;
  time: (d: Date) => unknown;
  /** When the campaign (re)started: event triggers react only to events from then on. */
  since: Date;
  isMemberDay: boolean;
  tierThresholds: { silver: number; gold: number; diamond: number };
  /** Store day the predictions describe (null before their first run). */
  predictionsOn: string | null;
}

const part = (sql: string, ...params: unknown[]): SqlPart => ({ sql, params });

export function concat(dialect: TriggerContext['dialect'], ...exprs: string[]): string {
  return dialect === 'mysql' ? `CONCAT(${exprs.join(', ')})` : exprs.join(' || ');
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The candidate queries of a trigger now; none when it is not due. */
export function triggerQueries(trigger: CampaignTrigger, ctx: TriggerContext): TriggerQuery[] {
  const { dialect, today } = ctx;
  const year = today.slice(0, 4);
  const monthDay = today.slice(5);
  const one = (q: Omit<TriggerQuery, 'offer'>): TriggerQuery[] => [{ ...q, offer: null }];
  switch (trigger.kind) {
    case 'once': {
      const at = new Date(trigger.at!);
      if (ctx.now < at) return [];
      // The audience as it was at the time: members who join later are not broadcast to.
      return one({ occurrence: part('?', 'once'), joins: [], where: [part('m.joined_at <= ?', ctx.time(at))] });
    }
    case 'memberDay':
      return ctx.isMemberDay ? one({ occurrence: part('?', today), joins: [], where: [] }) : [];
    case 'pointsExpiring':
      return one({
        occurrence: part('pe.expires_on'),
        joins: [
          part(
            `JOIN (SELECT l.member_id, MIN(l.expires_on) AS expires_on FROM points_lots l WHERE l.remaining > 0 AND l.expires_on >= ? AND l.expires_on <= ? GROUP BY l.member_id) pe ON pe.member_id = m.id`,
            today,
            addDays(today, trigger.withinDays ?? 30),
          ),
        ],
        where: [],
      });
    case 'redeemNudge': {
      const short = trigger.pointsShort ?? 120;
      const item = (a: string) => `${a}.status = 'on' AND ${a}.points_price > m.points_balance AND ${a}.points_price - m.points_balance <= ?`;
      // The cheapest such item (ties by id), so a member is nudged towards one item at a time.
      return one({
        occurrence: part('ri.id'),
        joins: [part(`JOIN mall_items ri ON ${item('ri')}`, short)],
        where: [
          part(
            `NOT EXISTS (SELECT 1 FROM mall_items ri2 WHERE ${item('ri2')} AND (ri2.points_price < ri.points_price OR (ri2.points_price = ri.points_price AND ri2.id < ri.id)))`,
            short,
          ),
        ],
      });
    }
    case 'tierNudge': {
      const t = ctx.tierThresholds;
      const next = `CASE m.tier WHEN 'normal' THEN ? WHEN 'silver' THEN ? WHEN 'gold' THEN ? END`;
      const windowStart = new Date(ctx.now);
      windowStart.setUTCFullYear(windowStart.getUTCFullYear() - 1);
      return one({
        occurrence: part(concat(dialect, `CASE m.tier WHEN 'normal' THEN 'silver' WHEN 'silver' THEN 'gold' ELSE 'diamond' END`, `':'`, '?'), year),
        joins: [part('LEFT JOIN (SELECT g.member_id, SUM(g.delta) AS growth FROM growth_ledger g WHERE g.created_at >= ? GROUP BY g.member_id) gr ON gr.member_id = m.id', ctx.time(windowStart))],
        where: [
          part(`m.tier IN ('normal', 'silver', 'gold')`),
          part(`(${next}) - COALESCE(gr.growth, 0) BETWEEN 1 AND ?`, t.silver, t.gold, t.diamond, trigger.growthShort ?? 300),
        ],
      });
    }
    case 'birthday': {
      const days = monthDay === '02-28' && !isLeap(Number(year)) ? ['02-28', '02-29'] : [monthDay];
      return one({ occurrence: part('?', year), joins: [], where: [part(`m.birthday IN (${days.map(() => '?').join(', ')})`, ...days)] });
    }
    case 'anniversary': {
      const localMonthDay =
        dialect === 'mysql' ? `DATE_FORMAT(DATE_ADD(m.joined_at, INTERVAL ? MINUTE), '%m-%d')` : `strftime('%m-%d', m.joined_at, ? || ' minutes')`;
      const offset = dialect === 'mysql' ? ctx.utcOffsetMinutes : `${ctx.utcOffsetMinutes >= 0 ? '+' : ''}${ctx.utcOffsetMinutes}`;
      return one({
        occurrence: part('?', year),
        joins: [],
        where: [part(`${localMonthDay} = ?`, offset, monthDay), part('m.joined_at < ?', ctx.time(startOfStoreDay(`${year}-01-01`, ctx.timezone)))],
      });
    }
    case 'firstOrder':
      return one({
        occurrence: part('?', 'first'),
        joins: [part(`JOIN (SELECT o.member_id, MIN(o.paid_at) AS first_paid FROM orders o WHERE ${PAID_ORDER_SQL} GROUP BY o.member_id) fo ON fo.member_id = m.id`)],
        where: [part('fo.first_paid >= ?', ctx.time(ctx.since))],
      });
    case 'winBack':
      return winBackQueries(trigger.steps ?? [], ctx);
    case 'replenishment':
      return one({
        occurrence: part(concat(dialect, 'rp.item_id', `':'`, 'rp.expected_on')),
        joins: [part('JOIN member_replenishments rp ON rp.member_id = m.id AND rp.expected_on >= ? AND rp.expected_on <= ?', today, addDays(today, trigger.daysBefore ?? 3))],
        where: [],
      });
  }
}

/**
 * Step k is due once the member has gone k of their own purchase cycles (member_scores'
 * usual interval) without a paid order; only the highest due step fires, each with its own offer.
 */
function winBackQueries(steps: CampaignOffer[], ctx: TriggerContext): TriggerQuery[] {
  if (!ctx.predictionsOn || !steps.length) return [];
  // Scores describe their day; days passed since then are added to the stored recency.
  const drift = daysBetween(ctx.predictionsOn, ctx.today);
  const lastOrder = `(SELECT o.id FROM orders o WHERE o.member_id = m.id AND ${PAID_ORDER_SQL} ORDER BY o.paid_at DESC, o.id DESC LIMIT 1)`;
  return steps.map((offer, i) => {
    const k = i + 1;
    const where = [
      part('wb.usual_interval_days > 0'),
      part('wb.recency_days + ? >= ? * wb.usual_interval_days', drift, k),
      // Nothing ordered since the scores were computed (those orders would start a new cycle).
      part(`NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.member_id = m.id AND ${PAID_ORDER_SQL.replace(/o\./g, 'o2.')} AND o2.paid_at >= ?)`, ctx.time(startOfStoreDay(ctx.predictionsOn!, ctx.timezone))),
    ];
    if (k < steps.length) where.push(part('wb.recency_days + ? < ? * wb.usual_interval_days', drift, k + 1));
    return { occurrence: part(concat(ctx.dialect, lastOrder, `':'`, `'${k}'`)), joins: [part('JOIN member_scores wb ON wb.member_id = m.id')], where, offer };
  });
}
