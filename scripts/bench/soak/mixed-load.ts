/**
 * The mixed load of a busy store, spread over several server instances like a load balancer would:
 * logins, check-ins (a member's double taps land on different instances), browsing, flash-sale and
 * goods redemptions for points, cash orders paid through the stand-in (double taps with one
 * idempotency key on two instances), cancels, and analytics batches when the server has them.
 * Records every answer per route, so tests and the soak benchmark read the same report.
 */
import { randomUUID } from 'node:crypto';
import type { WechatSandbox } from '../../wechat-sandbox/server';
import { completePayment } from '../../wechat-sandbox/pay-api';
import { CLUSTER_ADMIN } from './cluster';

export interface StoreSetup {
  adminToken: string;
  members: { token: string; id: string; openid: string; addressId: string }[];
  items: { flash: string; badge: string; product: string };
  initialStock: Record<string, number>;
  analytics: boolean;
}

export interface RouteStats {
  count: number;
  statuses: Record<string, number>;
  latencies: number[];
}

export interface LoadReport {
  durationS: number;
  requests: number;
  rps: number;
  routes: Record<string, RouteStats & { p50: number; p99: number }>;
  /** 5xx answers and requests that got no answer at all. */
  serverErrors: number;
  networkErrors: number;
  /** 5xx answers without the `{ code, message }` error shape. */
  unshapedErrors: number;
  paidOrders: number;
}

type Json = Record<string, any>;

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: Json = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { raw: text.slice(0, 200) };
  }
  return { status: res.status, body: parsed };
}

async function must(p: Promise<{ status: number; body: Json }>, what: string): Promise<Json> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Catalog, members with points and addresses, through the API of the first instance. */
export async function setupStore(bases: string[], memberCount: number): Promise<StoreSetup> {
  const base = bases[0];
  const adminToken = (await must(call(base, 'POST', '/api/admin/auth/login', undefined, CLUSTER_ADMIN), 'admin login')).token as string;
  const template = await must(call(base, 'POST', '/api/admin/coupon-templates', adminToken, { name: '秒杀5元券', kind: 'amount', amountOffFen: 500, thresholdFen: 0, validDays: 7, perMemberLimit: 1000 }), 'template');
  const item = (body: Json) => must(call(base, 'POST', '/api/admin/mall/items', adminToken, body), 'item');
  const initialStock = { flash: 100, badge: 300, product: 100_000 };
  const flash = await item({ kind: 'coupon', name: '限量秒杀券', pointsPrice: 10, cashPriceFen: 0, stock: initialStock.flash, couponTemplateId: template.id });
  const badge = await item({ kind: 'goods', name: '会员徽章', pointsPrice: 50, cashPriceFen: 0, stock: initialStock.badge });
  const product = await item({ kind: 'product', name: '挂耳咖啡', pointsPrice: 0, cashPriceFen: 990, stock: initialStock.product });
  const members: StoreSetup['members'] = [];
  for (let i = 0; i < memberCount; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, memberCount - i) }, async (_, k) => {
        const openid = `soak-${i + k}`;
        const login = await must(call(bases[(i + k) % bases.length], 'POST', '/api/auth/wx-login', undefined, { code: `sandbox:${openid}` }), 'login');
        await must(call(base, 'POST', `/api/admin/members/${login.member.id}/points/adjustments`, adminToken, { delta: 400, note: '压测积分' }), 'points');
        const address = await must(call(base, 'POST', '/api/addresses', login.token, { name: '张三', phone: '13800138000', region: '上海市 上海市 浦东新区', detail: '世纪大道 1 号' }), 'address');
        return { token: login.token as string, id: login.member.id as string, openid, addressId: address.id as string };
      }),
    );
    members.push(...batch);
  }
  const doc = await must(call(base, 'GET', '/api/docs/openapi.json'), 'openapi');
  return {
    adminToken,
    members,
    items: { flash: flash.id, badge: badge.id, product: product.id },
    initialStock: { [flash.id]: initialStock.flash, [badge.id]: initialStock.badge, [product.id]: initialStock.product },
    analytics: Boolean(doc.paths?.['/api/analytics/events']?.post),
  };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runMixedLoad(opts: { bases: string[]; sandbox: WechatSandbox; setup: StoreSetup; durationMs: number; concurrency: number }): Promise<LoadReport> {
  const { bases, setup, sandbox } = opts;
  const routes: Record<string, RouteStats> = {};
  let rr = 0;
  let serverErrors = 0;
  let networkErrors = 0;
  let unshapedErrors = 0;
  let paidOrders = 0;
  const nextBase = () => bases[rr++ % bases.length];

  const timed = async (route: string, base: string, method: string, path: string, token?: string, body?: unknown) => {
    const stats = (routes[route] ??= { count: 0, statuses: {}, latencies: [] });
    const started = performance.now();
    try {
      const res = await call(base, method, path, token, body);
      stats.latencies.push(performance.now() - started);
      stats.count++;
      const key = res.status >= 400 && typeof res.body.code === 'string' ? `${res.status} ${res.body.code}` : String(res.status);
      stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
      if (res.status >= 500) {
        serverErrors++;
        if (typeof res.body.code !== 'string' || typeof res.body.message !== 'string') unshapedErrors++;
      }
      return res;
    } catch {
      stats.count++;
      stats.statuses.network = (stats.statuses.network ?? 0) + 1;
      networkErrors++;
      return null;
    }
  };

  const pickMember = () => setup.members[Math.floor(Math.random() * setup.members.length)];
  const actions: [number, () => Promise<unknown>][] = [
    [6, async () => {
      const m = pickMember();
      // A double tap: the same member's check-in reaches two instances at once.
      await Promise.all([timed('checkin', nextBase(), 'POST', '/api/checkins', m.token), timed('checkin', nextBase(), 'POST', '/api/checkins', m.token)]);
    }],
    [4, () => timed('items', nextBase(), 'GET', '/api/mall/items', pickMember().token)],
    [3, () => timed('me', nextBase(), 'GET', '/api/members/me', pickMember().token)],
    [2, () => timed('login', nextBase(), 'POST', '/api/auth/wx-login', undefined, { code: `sandbox:${pickMember().openid}` })],
    [4, () => timed('order-flash', nextBase(), 'POST', '/api/orders', pickMember().token, { idempotencyKey: randomUUID(), items: [{ itemId: setup.items.flash, quantity: 1 }] })],
    [2, () => {
      const m = pickMember();
      return timed('order-goods', nextBase(), 'POST', '/api/orders', m.token, { idempotencyKey: randomUUID(), items: [{ itemId: setup.items.badge, quantity: 1 }], addressId: m.addressId });
    }],
    [3, async () => {
      const m = pickMember();
      const body = { idempotencyKey: randomUUID(), items: [{ itemId: setup.items.product, quantity: 1 }], pointsToUse: Math.random() < 0.3 ? 100 : 0 };
      const [a, b] = await Promise.all([timed('order-cash', nextBase(), 'POST', '/api/orders', m.token, body), timed('order-cash', nextBase(), 'POST', '/api/orders', m.token, body)]);
      const order = a?.status === 200 ? a.body : b?.status === 200 ? b.body : null;
      if (!order || order.status !== 'pending_payment') return;
      if (Math.random() < 0.7) {
        if (completePayment(sandbox.pay, String(order.id).replace(/-/g, ''))) paidOrders++;
      } else {
        await timed('cancel', nextBase(), 'POST', `/api/orders/${order.id}/cancel`, m.token);
      }
    }],
    ...(setup.analytics
      ? ([[3, () => {
          const now = Date.now();
          const events = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), type: 'page_view', ts: now - i * 1000, page: 'pages/index/index', dwellMs: 1200 }));
          return timed('analytics', nextBase(), 'POST', '/api/analytics/events', pickMember().token, { events });
        }]] as [number, () => Promise<unknown>][])
      : []),
  ];
  const totalWeight = actions.reduce((s, [w]) => s + w, 0);
  const pick = () => {
    let r = Math.random() * totalWeight;
    for (const [w, act] of actions) if ((r -= w) < 0) return act;
    return actions[0][1];
  };

  const started = Date.now();
  const deadline = started + opts.durationMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (Date.now() < deadline) await pick()();
    }),
  );
  const durationS = (Date.now() - started) / 1000;
  const out: LoadReport['routes'] = {};
  let requests = 0;
  for (const [name, s] of Object.entries(routes)) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    out[name] = { ...s, latencies: [], p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)) };
    requests += s.count;
  }
  return { durationS, requests, rps: requests / durationS, routes: out, serverErrors, networkErrors, unshapedErrors, paidOrders };
}
