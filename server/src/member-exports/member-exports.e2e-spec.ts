import { parse } from 'csv-parse/sync';
import { startTestApp, TestApp } from '../../test/harness';
import { createMember, getCsv } from '../../test/member-fixtures';

const HEADER = '会员ID,昵称,手机号,会员等级,积分余额,成长值,累计消费(元),支付订单数,最近下单时间,当前连续签到天数,累计签到次数,最近活跃时间,主要平台,邀请人ID,注册时间';
const NOW = '2026-06-15T04:00:00Z'; // 12:00 on 2026-06-15 in Shanghai

describe('member CSV export', () => {
  let t: TestApp;
  let a: string, b: string, c: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await t.setClock(NOW);
    a = await createMember(t, 'exp-a', {
      nickname: '=HYPERLINK("http://x","y")',
      phone: '13812345678',
      tier: 'gold',
      points: 1234,
      joinedAt: '2026-01-02T02:03:04Z',
      lastActiveAt: '2026-06-14T16:30:00Z',
      platform: 'ios',
      orders: [
        { fen: 12345, status: 'completed', paidAt: '2026-05-01T01:00:00Z' },
        { fen: 1, status: 'to_ship', paidAt: '2026-06-01T08:09:10Z' },
        { fen: 99999, status: 'refunded', paidAt: '2026-06-02T00:00:00Z' },
        { fen: 500, status: 'pending_payment', paidAt: null },
      ],
      checkins: [
        { day: '2026-06-13', streak: 1 },
        { day: '2026-06-14', streak: 2 },
        { day: '2026-06-15', streak: 3 },
      ],
      growth: [
        { delta: 300, at: '2026-03-01T00:00:00Z' },
        { delta: 1000, at: '2025-01-01T00:00:00Z' },
      ],
    });
    b = await createMember(t, 'exp-b', {
      nickname: 'Tom, "the"\nCat',
      tier: 'normal',
      joinedAt: '2026-03-01T16:10:00Z',
      lastActiveAt: '2026-06-10T00:00:00Z',
      inviterId: a,
      platform: 'android',
      checkins: [{ day: '2026-06-10', streak: 5 }],
    });
    c = await createMember(t, 'exp-c', { nickname: '\t@evil', phone: '13900001111', tier: 'silver', points: 7, joinedAt: '2026-05-01T00:00:00Z', lastActiveAt: null });
  });
  afterEach(() => t.resetClock());

  const expectedRows = () => [
    `${c},'\t@evil,139****1111,银卡会员,7,0,0.00,0,,0,0,,,,2026-05-01 08:00:00`,
    `${b},"Tom, ""the""\nCat",,普通会员,0,0,0.00,0,,0,1,2026-06-10 08:00:00,Android,${a},2026-03-02 00:10:00`,
    `${a},"'=HYPERLINK(""http://x"",""y"")",138****5678,金卡会员,1234,300,123.46,2,2026-06-01 16:09:10,3,3,2026-06-15 00:30:00,iOS,,2026-01-02 10:03:04`,
  ];

  describe('GET /api/admin/members/export.csv', () => {
    it('streams the exact header and rows: BOM, CRLF, masked phones, store time, yuan from fen', async () => {
      const res = await getCsv(t, '/api/admin/members/export.csv', await t.adminToken());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="members-\d{8}-\d+\.csv"$/);
      expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(res.text).toBe('\uFEFF' + [HEADER, ...expectedRows()].join('\r\n') + '\r\n');
    });

    it('exports formulas inert and round-trips commas, quotes and newlines through a CSV parser', async () => {
      const res = await getCsv(t, '/api/admin/members/export.csv', await t.adminToken('analyst'));
      const records: string[][] = parse(res.bytes, { bom: true, relax_column_count: false });
      expect(records[0]).toEqual(HEADER.split(','));
      const byId = new Map(records.slice(1).map((r) => [r[0], r]));
      expect(byId.get(a)![1]).toBe(`'=HYPERLINK("http://x","y")`);
      expect(byId.get(b)![1]).toBe('Tom, "the"\nCat');
      expect(byId.get(c)![1]).toBe("'\t@evil");
      for (const row of records) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('gives full phones only to owners who ask, and refuses analysts and operators who ask', async () => {
      const masked = await getCsv(t, '/api/admin/members/export.csv?unmask=false', await t.adminToken());
      expect(masked.text).toContain('138****5678');
      expect(masked.text).not.toContain('13812345678');
      const full = await getCsv(t, '/api/admin/members/export.csv?unmask=true', await t.adminToken());
      expect(full.status).toBe(200);
      expect(full.text).toContain(',13812345678,');
      expect(full.text).toContain(',13900001111,');
      for (const role of ['analyst', 'operator'] as const) {
        const refused = await getCsv(t, '/api/admin/members/export.csv?unmask=true', await t.adminToken(role));
        expect(refused.status).toBe(403);
        expect(refused.json).toEqual({ code: 'UNMASK_FORBIDDEN', message: expect.any(String) });
      }
      const audit = await t.request('GET', '/api/admin/exports/audit', { token: await t.adminToken() });
      expect(audit.body.items.map((r: { unmasked: boolean; adminUsername: string }) => [r.adminUsername, r.unmasked])).toEqual([
        ['owner', true],
        ['owner', false],
      ]);
    });

    it('refuses member tokens and anonymous calls', async () => {
      const { token } = await t.loginMember('exp-sneaky');
      const asMember = await getCsv(t, '/api/admin/members/export.csv', token);
      expect(asMember.status).toBe(403);
      expect(asMember.json.code).toBe('ADMIN_ONLY');
      expect((await getCsv(t, '/api/admin/members/export.csv')).status).toBe(401);
      expect(await t.count('member_export_audit')).toBe(0);
    });

    it('applies the same filters as the list', async () => {
      const token = await t.adminToken();
      const gold = await getCsv(t, '/api/admin/members/export.csv?tier=gold', token);
      expect(gold.text).toBe('\uFEFF' + [HEADER, expectedRows()[2]].join('\r\n') + '\r\n');
      const invited = await getCsv(t, `/api/admin/members/export.csv?inviterId=${a}&platform=android&joinedFrom=2026-03-02&joinedTo=2026-03-02`, token);
      expect(invited.text.split('\r\n').slice(1, -1)).toEqual([expectedRows()[1]]);
      const none = await getCsv(t, `/api/admin/members/export.csv?q=${encodeURIComponent("' OR 1=1 --")}`, token);
      expect(none.text).toBe('\uFEFF' + HEADER + '\r\n');
    });

    it('audits every export: who, when, filters, columns, rows, unmasked', async () => {
      await getCsv(t, '/api/admin/members/export.csv?tier=gold&hasPhone=true', await t.adminToken('analyst'));
      await getCsv(t, '/api/admin/members/export.csv?unmask=true', await t.adminToken());
      const res = await t.request('GET', '/api/admin/exports/audit?pageSize=10', { token: await t.adminToken() });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      const [second, first] = res.body.items;
      expect(first).toMatchObject({ adminUsername: 'test_analyst', adminRole: 'analyst', kind: 'direct', filters: { tier: 'gold', hasPhone: 'true' }, unmasked: false, rowCount: 1, status: 'completed', createdAt: expect.stringMatching(/^2026-06-15T04:00/) });
      expect(first.columns).toEqual(['memberId', 'nickname', 'phone', 'tier', 'pointsBalance', 'growth', 'totalSpend', 'paidOrders', 'lastOrderAt', 'currentStreak', 'totalCheckins', 'lastActiveAt', 'mainPlatform', 'inviterId', 'joinedAt']);
      expect(second).toMatchObject({ adminUsername: 'owner', adminRole: 'owner', filters: {}, unmasked: true, rowCount: 3, status: 'completed' });
      const asAnalyst = await t.request('GET', '/api/admin/exports/audit', { token: await t.adminToken('analyst') });
      expect(asAnalyst.status).toBe(403);
    });

    it('validates filters: unknown keys and bad values are named in a 400, nothing audited', async () => {
      const token = await t.adminToken();
      const cases: [string, string][] = [
        ['nope=1', 'nope'],
        ['tier=platinum', 'tier'],
        ['joinedFrom=2026-13-01', 'joinedFrom'],
        ['pointsMin=-1', 'pointsMin'],
        ['spendMinFen=1.5', 'spendMinFen'],
        ['segment=vip', 'segment'],
        ['inviterId=1%20OR%201=1', 'inviterId'],
        ['hasPhone=yes', 'hasPhone'],
        ['unmask=1', 'unmask'],
        ['joinedFrom=2026-02-01&joinedTo=2026-01-01', 'joinedFrom'],
        ['pointsMin=10&pointsMax=5', 'pointsMin'],
      ];
      for (const [query, field] of cases) {
        const res = await getCsv(t, `/api/admin/members/export.csv?${query}`, token);
        expect([query, res.status, res.json?.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
        expect(res.json.message).toContain(field);
      }
      expect(await t.count('member_export_audit')).toBe(0);
    });
  });
});
