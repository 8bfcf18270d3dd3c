import { startTestApp, TestApp } from '../../test/harness';

jest.setTimeout(120_000);

const HOME = { name: '张三', phone: '13800138000', region: '上海市 上海市 浦东新区', detail: '世纪大道 1 号' };
const OFFICE = { name: '张三', phone: '13900139000', region: '北京市 北京市 朝阳区', detail: '建国路 88 号' };

describe('member address book and checkout terms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const list = async (token: string) => (await t.request('GET', '/api/addresses', { token })).body.items as { id: string; detail: string; isDefault: boolean }[];

  describe('/api/addresses', () => {
    it('adds, edits, switches the default and deletes, with one default at most', async () => {
      const { token } = await t.loginMember('addr-owner');
      expect(await list(token)).toEqual([]);
      const home = (await t.request('POST', '/api/addresses', { token, body: HOME })).body;
      expect(home).toMatchObject({ ...HOME, isDefault: true });
      const office = (await t.request('POST', '/api/addresses', { token, body: OFFICE })).body;
      expect(office.isDefault).toBe(false);

      // Editing the default without mentioning it keeps it the default.
      const edited = await t.request('PUT', `/api/addresses/${home.id}`, { token, body: { ...HOME, detail: '世纪大道 2 号' } });
      expect(edited.body).toMatchObject({ detail: '世纪大道 2 号', isDefault: true });

      await t.request('PUT', `/api/addresses/${office.id}`, { token, body: { ...OFFICE, isDefault: true } });
      expect((await list(token)).map((a) => [a.id, a.isDefault])).toEqual([[office.id, true], [home.id, false]]);

      // Deleting the default hands it to the remaining address.
      expect((await t.request('DELETE', `/api/addresses/${office.id}`, { token })).status).toBe(204);
      expect((await list(token)).map((a) => [a.id, a.isDefault])).toEqual([[home.id, true]]);
      expect((await t.request('DELETE', `/api/addresses/${office.id}`, { token })).body.code).toBe('ADDRESS_NOT_FOUND');
    });

    it('refuses bad input with the fields named, and changes nothing', async () => {
      const { token } = await t.loginMember('addr-bad');
      const bad = await t.request('POST', '/api/addresses', { token, body: { name: '', phone: '1380013800', region: '上', detail: 'x'.repeat(121), isDefault: 'yes' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['detail', 'isDefault', 'name', 'phone', 'region']);
      expect((await t.request('PUT', '/api/addresses/not-a-uuid', { token, body: HOME })).status).toBe(400);
      expect(await list(token)).toEqual([]);
      expect(await t.count('member_addresses')).toBe(0);
    });

    it('keeps other members out of an address', async () => {
      const owner = await t.loginMember('addr-a');
      const other = await t.loginMember('addr-b');
      const home = (await t.request('POST', '/api/addresses', { token: owner.token, body: HOME })).body;
      expect(await list(other.token)).toEqual([]);
      expect((await t.request('PUT', `/api/addresses/${home.id}`, { token: other.token, body: OFFICE })).status).toBe(404);
      expect((await t.request('DELETE', `/api/addresses/${home.id}`, { token: other.token })).status).toBe(404);
      expect(await list(owner.token)).toMatchObject([{ id: home.id, detail: HOME.detail, isDefault: true }]);
      expect((await t.request('GET', '/api/addresses')).status).toBe(401);
    });
  });

  describe('GET /api/mall/checkout-terms', () => {
    it('gives the member’s balance, tier, member-day price and the points rules', async () => {
      const { token, member } = await t.loginMember('terms');
      await t.request('POST', `/api/admin/members/${member.id}/points/adjustments`, { token: await t.adminToken(), body: { delta: 350, note: '测试积分' } });
      const terms = await t.request('GET', '/api/mall/checkout-terms', { token });
      expect(terms.body).toMatchObject({ tier: 'normal', balance: 350, memberDayPricePct: 95, pointsPer5Yuan: 100, maxShareOfCashPct: 50 });
      expect(typeof terms.body.isMemberDay).toBe('boolean');
      expect((await t.request('GET', '/api/mall/checkout-terms')).status).toBe(401);
    });
  });
});
