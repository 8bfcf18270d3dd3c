/**
 * Retention and visit figures: the definitions the admin's numbers follow. Pure and small, so
 * each one is table-tested on hand-computed data; the server computes them from aggregate tables
 * and passes the aggregates in. Ratios are null when their denominator is zero.
 */
import { addDays } from '../time/store-calendar';

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Rounds a ratio to 4 decimals for display and comparison (null stays null). */
export function round4(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/**
 * DAU / WAU / MAU for `day`: distinct members active on the day, in the 7 store days ending on it,
 * and in the 30 store days ending on it. `activeDays` are (member, store day) pairs.
 */
export function activeCounts(activeDays: readonly { memberId: string; day: string }[], day: string): { dau: number; wau: number; mau: number } {
  const from7 = addDays(day, -6);
  const from30 = addDays(day, -29);
  const dau = new Set<string>();
  const wau = new Set<string>();
  const mau = new Set<string>();
  for (const { memberId, day: d } of activeDays) {
    if (d > day || d < from30) continue;
    mau.add(memberId);
    if (d >= from7) wau.add(memberId);
    if (d === day) dau.add(memberId);
  }
  return { dau: dau.size, wau: wau.size, mau: mau.size };
}

/** Check-in rate: members who checked in during the window ÷ members active during it. */
export function checkinRate(checkedInMembers: number, activeMembers: number): number | null {
  return ratio(checkedInMembers, activeMembers);
}

/** Points ledger reasons that hand out points, that spend them, and that give spent points back. */
export const POINTS_ISSUE_REASONS = ['checkin', 'streak_bonus', 'referral', 'welcome', 'birthday', 'member_day', 'campaign', 'admin_adjust'] as const;
export const POINTS_SPEND_REASONS = ['order_pay', 'redeem', 'makeup'] as const;
export const POINTS_RETURN_REASONS = ['refund', 'hold_release'] as const;

/**
 * Points usage rate = spent ÷ issued. Issued = positive entries of the issuing reasons; spent =
 * points taken by spending reasons minus those given back (refunds, released holds). Expiry and
 * negative admin adjustments are neither.
 */
export function pointsUsage(entries: readonly { delta: number; reason: string }[]): { issued: number; spent: number; rate: number | null } {
  let issued = 0;
  let spent = 0;
  for (const { delta, reason } of entries) {
    if (delta > 0 && (POINTS_ISSUE_REASONS as readonly string[]).includes(reason)) issued += delta;
    else if (delta < 0 && (POINTS_SPEND_REASONS as readonly string[]).includes(reason)) spent -= delta;
    else if (delta > 0 && (POINTS_RETURN_REASONS as readonly string[]).includes(reason)) spent -= delta;
  }
  spent = Math.max(0, spent);
  return { issued, spent, rate: ratio(spent, issued) };
}

export interface PaidOrder {
  memberId: string;
  cashFen: number;
  paidAt: Date;
}

export interface OrderFigures {
  paidOrders: number;
  purchasers: number;
  /** Members with 2+ paid orders ÷ members with 1+. */
  repurchaseRate: number | null;
  /** Average order value, fen, rounded: cash of paid orders ÷ paid orders. */
  aovFen: number | null;
  /** Paid orders in the last 365 days ÷ members who paid in them (orders per member per year). */
  purchaseFrequency: number | null;
  /** Mean, over purchasers, of years from their first paid order to their last sign of life. */
  lifespanYears: number | null;
  /** AOV × purchase frequency × lifespan, fen, rounded. */
  clvFen: number | null;
}

const YEAR_MS = 365 * 86_400_000;

/** One purchaser's paid, not refunded orders, summed (what the server's SQL groups by member). */
export interface PurchaserFacts {
  orders: number;
  cashFen: number;
  firstPaidAt: Date;
  lastPaidAt: Date;
  /** Paid orders in the last 365 days (paid_at > now − 365 × 24 h). */
  recentOrders: number;
  /** last_active_at, or null. */
  lastSeen: Date | null;
}

/**
 * Order-based retention figures over paid, not refunded orders, from per-purchaser sums. A
 * purchaser's lifespan runs from the first paid order to the later of their last paid order and
 * their last activity.
 */
export function orderFiguresOf(purchasers: readonly PurchaserFacts[]): OrderFigures {
  let orders = 0;
  let cash = 0;
  let repeaters = 0;
  let recentOrders = 0;
  let recentMembers = 0;
  let lifespanSum = 0;
  for (const p of purchasers) {
    orders += p.orders;
    cash += p.cashFen;
    if (p.orders >= 2) repeaters++;
    if (p.recentOrders > 0) {
      recentOrders += p.recentOrders;
      recentMembers++;
    }
    const end = Math.max(p.lastSeen?.getTime() ?? 0, p.lastPaidAt.getTime());
    lifespanSum += (end - p.firstPaidAt.getTime()) / YEAR_MS;
  }
  const aov = orders ? cash / orders : null;
  const frequency = ratio(recentOrders, recentMembers);
  const lifespan = purchasers.length ? lifespanSum / purchasers.length : null;
  return {
    paidOrders: orders,
    purchasers: purchasers.length,
    repurchaseRate: ratio(repeaters, purchasers.length),
    aovFen: aov === null ? null : Math.round(aov),
    purchaseFrequency: frequency,
    lifespanYears: lifespan,
    clvFen: aov === null || frequency === null || lifespan === null ? null : Math.round(aov * frequency * lifespan),
  };
}

/** The same figures from the orders themselves (`lastSeen` = each member's last_active_at). */
export function orderFigures(orders: readonly PaidOrder[], lastSeen: ReadonlyMap<string, Date | null>, now: Date): OrderFigures {
  const perMember = new Map<string, PurchaserFacts>();
  for (const o of orders) {
    const t = o.paidAt.getTime();
    const recent = t > now.getTime() - YEAR_MS && t <= now.getTime() ? 1 : 0;
    const m = perMember.get(o.memberId);
    if (!m) perMember.set(o.memberId, { orders: 1, cashFen: o.cashFen, firstPaidAt: o.paidAt, lastPaidAt: o.paidAt, recentOrders: recent, lastSeen: lastSeen.get(o.memberId) ?? null });
    else {
      m.orders++;
      m.cashFen += o.cashFen;
      m.recentOrders += recent;
      if (t < m.firstPaidAt.getTime()) m.firstPaidAt = o.paidAt;
      if (t > m.lastPaidAt.getTime()) m.lastPaidAt = o.paidAt;
    }
  }
  return orderFiguresOf([...perMember.values()]);
}

export interface CohortRow {
  /** Join month, YYYY-MM (store time). */
  cohort: string;
  size: number;
  /** Share of the cohort active in month +0, +1, … up to the last month given; null past it. */
  retention: (number | null)[];
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * Monthly cohort retention: members grouped by join month; for each later month, the share of the
 * cohort active in it (any active day in that store month). `months` are the cohorts to show, in
 * order; cells after `lastMonth` are null.
 */
export function cohortRetention(
  joined: readonly { memberId: string; month: string }[],
  active: readonly { memberId: string; month: string }[],
  months: readonly string[],
  lastMonth: string,
): CohortRow[] {
  const cohortOf = new Map(joined.map((j) => [j.memberId, j.month]));
  const sizes = new Map<string, number>();
  for (const j of joined) sizes.set(j.month, (sizes.get(j.month) ?? 0) + 1);
  const activeIn = new Map<string, Set<string>>();
  for (const a of active) {
    const cohort = cohortOf.get(a.memberId);
    if (!cohort || a.month < cohort) continue;
    const key = `${cohort}|${a.month}`;
    let set = activeIn.get(key);
    if (!set) activeIn.set(key, (set = new Set()));
    set.add(a.memberId);
  }
  const width = months.length;
  return months.map((cohort) => {
    const size = sizes.get(cohort) ?? 0;
    const retention = Array.from({ length: width }, (_, k) => {
      const month = addMonths(cohort, k);
      if (month > lastMonth) return null;
      return size ? (activeIn.get(`${cohort}|${month}`)?.size ?? 0) / size : null;
    });
    return { cohort, size, retention };
  });
}
