/**
 * A small populated store for the sweeps, built through the public API: two members with points,
 * coupons, addresses and orders, a catalog and a coupon template. Member B's ids are what member A
 * must never reach; the sweeps also need real ids so a path resolves and the body is what is judged.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../server/test/harness';
import type { Route } from './route-catalog';

export interface SeededMember {
  token: string;
  memberId: string;
  /** Every id this member owns: orders, addresses, coupons, notices, the member itself. */
  ids: string[];
  orderId: string;
  addressId: string;
}

export interface World {
  ownerToken: string;
  memberA: SeededMember;
  memberB: SeededMember;
  itemId: string;
  templateId: string;
  pathValuesFor(route: Route): Record<string, string>;
}

async function must<T = any>(res: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function seedWorld(t: TestApp): Promise<World> {
  const ownerToken = await t.adminToken('owner');
  await t.adminToken('operator');
  await t.adminToken('analyst');
  const template = await must(
    t.request('POST', '/api/admin/coupon-templates', { token: ownerToken, body: { name: '满30减3', kind: 'amount', amountOffFen: 300, thresholdFen: 3000, validDays: 30, perMemberLimit: 5 } }),
    'coupon template',
  );
  const item = await must(
    t.request('POST', '/api/admin/mall/items', { token: ownerToken, body: { kind: 'goods', name: '帆布袋', cashPriceFen: 0, pointsPrice: 100, stock: 50 } }),
    'mall item',
  );

  const member = async (openid: string): Promise<SeededMember> => {
    const login = await t.loginMember(openid);
    const memberId = login.member.id as string;
    await must(t.request('POST', `/api/admin/members/${memberId}/points/adjustments`, { token: ownerToken, body: { delta: 1000, note: '测试积分' } }), 'points');
    const coupon = await must(t.request('POST', `/api/admin/coupon-templates/${template.id}/issue`, { token: ownerToken, body: { memberId, note: '测试发券' } }), 'coupon');
    const address = await must(
      t.request('POST', '/api/addresses', { token: login.token, body: { name: '张三', phone: '13800138000', region: '上海市 上海市 浦东新区', detail: '世纪大道 100 号' } }),
      'address',
    );
    const order = await must(
      t.request('POST', '/api/orders', { token: login.token, body: { idempotencyKey: randomUUID(), items: [{ itemId: item.id, quantity: 1 }], addressId: address.id } }),
      'order',
    );
    await must(t.request('POST', '/api/checkins', { token: login.token }), 'check-in');
    const notices = (await t.request('GET', '/api/notices', { token: login.token })).body?.items ?? [];
    return {
      token: login.token,
      memberId,
      orderId: order.id,
      addressId: address.id,
      ids: [memberId, order.id, address.id, coupon.id, ...notices.map((n: { id: string }) => n.id)],
    };
  };
  const memberA = await member('sweep-member-a');
  const memberB = await member('sweep-member-b');

  const pathValuesFor = (route: Route): Record<string, string> => {
    const p = route.path;
    const id = p.startsWith('/api/addresses')
      ? memberA.addressId
      : p.includes('/orders/')
        ? memberA.orderId
        : p.includes('/mall/items/')
          ? item.id
          : p.includes('/coupon-templates/')
            ? template.id
            : randomUUID();
    return { id, memberId: memberA.memberId, tier: 'silver', name: 'no-such-job' };
  };
  return { ownerToken, memberA, memberB, itemId: item.id, templateId: template.id, pathValuesFor };
}
