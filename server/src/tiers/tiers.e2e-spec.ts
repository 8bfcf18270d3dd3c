import { PNG } from 'pngjs';
import { startTestApp, TestApp } from '../../test/harness';
import { TransactionRunner } from '../database/transaction-runner';
import { TiersService } from './tiers.service';

describe('tiers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const grow = (memberId: string, delta: number, ref: string) =>
    t.app.get(TransactionRunner).run((tx) => t.app.get(TiersService).addGrowth(tx, { memberId, delta, reason: 'order_paid', ref }));
  const tierOf = async (memberId: string) => (await t.dataSource.query('SELECT tier, tier_review_on FROM members WHERE id = ?', [memberId]))[0];

  describe('PUT /api/admin/tiers', () => {
    it('saves strictly increasing thresholds and refuses anything else', async () => {
      const token = await t.adminToken();
      const ok = await t.request('PUT', '/api/admin/tiers', { token, body: { thresholds: { silver: 500, gold: 3000, diamond: 10000 }, keepPct: 40 } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ thresholds: { silver: 500, gold: 3000, diamond: 10000 }, keepPct: 40 });
      for (const thresholds of [{ silver: 500, gold: 500, diamond: 10000 }, { silver: 5000, gold: 3000, diamond: 10000 }]) {
        const bad = await t.request('PUT', '/api/admin/tiers', { token, body: { thresholds } });
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('INVALID_THRESHOLDS');
      }
      const wrongType = await t.request('PUT', '/api/admin/tiers', { token, body: { thresholds: { silver: '500', gold: 3000 } } });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['thresholds.diamond', 'thresholds.silver']);
      expect((await t.request('GET', '/api/admin/tiers', { token })).body.thresholds).toEqual({ silver: 500, gold: 3000, diamond: 10000 });
      expect((await t.request('PUT', '/api/admin/tiers', { token: await t.adminToken('analyst'), body: { thresholds: { silver: 1, gold: 2, diamond: 3 } } })).status).toBe(403);
    });
  });

  describe('upgrades', () => {
    it('upgrades the moment growth reaches a threshold, with history, and shows what is next', async () => {
      const { member, token } = await t.loginMember('tier-up');
      await grow(member.id, 999, 'o1');
      expect((await tierOf(member.id)).tier).toBe('normal');
      await grow(member.id, 999, 'o1'); // same reference: applied once
      await grow(member.id, 1, 'o2');
      expect(await tierOf(member.id)).toMatchObject({ tier: 'silver', tier_review_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      const [history] = await t.dataSource.query('SELECT from_tier, to_tier, reason, growth_12m FROM tier_history WHERE member_id = ?', [member.id]);
      expect(history).toEqual({ from_tier: 'normal', to_tier: 'silver', reason: 'upgrade', growth_12m: 1000 });
      const me = await t.request('GET', '/api/tiers/me', { token });
      expect(me.body).toMatchObject({ tier: 'silver', growth: 1000, next: { tier: 'gold', needed: 4000 }, benefits: { checkinMultiplierPct: 120 } });
      expect(me.body.ladder.map((s: { tier: string; threshold: number }) => [s.tier, s.threshold])).toEqual([['normal', 0], ['silver', 1000], ['gold', 5000], ['diamond', 20000]]);
    });
  });

  describe('yearly review', () => {
    it('drops one tier when too little growth was earned, keeps the others, once across two instances', async () => {
      await t.setClock('2025-03-01T04:00:00Z');
      const keeper = await t.loginMember('tier-keeper');
      const dropper = await t.loginMember('tier-dropper');
      const goldie = await t.loginMember('tier-gold');
      await grow(keeper.member.id, 1200, 'a');
      await grow(dropper.member.id, 1500, 'b');
      await grow(goldie.member.id, 6000, 'c');
      expect((await tierOf(goldie.member.id)).tier).toBe('gold');
      // In the following year only the keeper earns enough to keep their tier (half the threshold).
      await t.setClock('2025-10-01T04:00:00Z');
      await grow(keeper.member.id, 600, 'd');
      await grow(goldie.member.id, 100, 'e');

      await t.setClock('2026-03-01T04:00:00Z');
      const second = await startTestApp({}, t);
      try {
        await second.setClock('2026-03-01T04:00:00Z');
        const runs = await Promise.all([t.runJob('tier-review'), second.runJob('tier-review')]);
        expect(runs.filter((r) => r.ran)).toHaveLength(1);
        expect(runs.find((r) => r.ran)).toEqual({ ran: true, affected: 2 });
      } finally {
        await second.close();
      }
      expect((await tierOf(keeper.member.id)).tier).toBe('silver');
      expect(await tierOf(dropper.member.id)).toEqual({ tier: 'normal', tier_review_on: null });
      expect(await tierOf(goldie.member.id)).toEqual({ tier: 'silver', tier_review_on: '2027-03-01' });
      expect((await tierOf(keeper.member.id)).tier_review_on).toBe('2027-03-01');
      expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM tier_history WHERE reason = 'review_downgrade'"))[0].n)).toBe(2);
      expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM job_runs WHERE job_name = 'tier-review'"))[0].n)).toBe(1);
    });
  });

  describe('tier icons', () => {
    const png = () => {
      const image = new PNG({ width: 8, height: 8 });
      image.data.fill(200);
      return PNG.sync.write(image);
    };
    const upload = async (bytes: Buffer, filename: string, contentType = 'image/png') => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: contentType }), filename);
      const res = await fetch(`${t.baseUrl}/api/admin/tiers/gold/icon`, { method: 'PUT', headers: { authorization: `Bearer ${await t.adminToken()}` }, body: form });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('stores an image by its content hash and serves it with long caching', async () => {
      const res = await upload(png(), 'gold.png');
      expect(res.status).toBe(200);
      expect(res.body.icons.gold).toMatch(/^\/media\/[0-9a-f]{64}\.png$/);
      const file = await fetch(t.baseUrl + res.body.icons.gold);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('cache-control')).toContain('immutable');
      expect(Buffer.from(await file.arrayBuffer()).equals(png())).toBe(true);
    });

    it('refuses a file that is not an image whatever its name, and one over 512 KB', async () => {
      const fake = await upload(Buffer.from('<svg onload=alert(1)>'), 'evil.png');
      expect(fake).toEqual({ status: 415, body: { code: 'UNSUPPORTED_IMAGE', message: expect.any(String) } });
      const big = Buffer.concat([png(), Buffer.alloc(600 * 1024)]);
      const tooBig = await upload(big, 'big.png');
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.code).toBe('FILE_TOO_LARGE');
      expect((await t.request('GET', '/api/admin/tiers', { token: await t.adminToken() })).body.icons).toEqual({});
      expect((await fetch(`${t.baseUrl}/media/../../etc/passwd`)).status).toBe(404);
    });
  });

  describe('birthday gifts', () => {
    it('gives the tier gift points once in the birthday month, with a greeting', async () => {
      const { token, member } = await t.loginMember('bday');
      await t.request('PATCH', '/api/members/me', { token, body: { birthday: '03-15' } });
      await t.setClock('2026-02-28T16:30:00Z'); // 1 March in Shanghai
      expect(await t.runJob('birthday-gifts')).toEqual({ ran: true, affected: 1 });
      await t.setClock('2026-03-02T04:00:00Z');
      expect(await t.runJob('birthday-gifts')).toEqual({ ran: true, affected: 0 });
      const me = await t.request('GET', '/api/members/me', { token });
      expect(me.body).toMatchObject({ points: 50, isBirthdayMonth: true });
      const [entry] = await t.dataSource.query("SELECT delta, ref FROM points_ledger WHERE member_id = ? AND reason = 'birthday'", [member.id]);
      expect(entry).toEqual({ delta: 50, ref: 'birthday:2026' });
      expect((await t.request('GET', '/api/notices', { token })).body.items[0]).toMatchObject({ kind: 'birthday', title: '生日快乐' });
    });
  });
});
