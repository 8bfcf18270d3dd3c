import { PNG } from 'pngjs';
import { startTestApp, TestApp } from '../../test/harness';

describe('member day', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const schedule = async (body: Record<string, unknown>) => t.request('PUT', '/api/admin/member-day', { token: await t.adminToken(), body: { couponTemplates: {}, reminderHour: 9, ...body } });
  const uploadImage = async () => {
    const image = new PNG({ width: 16, height: 8 });
    image.data.fill(120);
    const form = new FormData();
    form.append('file', new Blob([PNG.sync.write(image)], { type: 'image/png' }), 'banner.png');
    const res = await fetch(`${t.baseUrl}/api/admin/media`, { method: 'POST', headers: { authorization: `Bearer ${await t.adminToken()}` }, body: form });
    return ((await res.json()) as { url: string }).url;
  };
  const banner = async (body: Record<string, unknown>) =>
    t.request('POST', '/api/admin/member-day/banners', {
      token: await t.adminToken(),
      body: { imageUrl: await uploadImage(), title: '会员日', targetType: 'page', targetValue: 'pages/mall/index', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', ...body },
    });

  it('knows member day in the store time zone and the next one', async () => {
    expect((await schedule({ schedule: { kind: 'weekday', weekday: 3 } })).status).toBe(200);
    const { token } = await t.loginMember('md-a');
    await t.setClock('2026-11-24T16:30:00Z'); // 00:30 Wednesday 25 Nov in Shanghai
    expect((await t.request('GET', '/api/member-day', { token })).body).toMatchObject({ today: '2026-11-25', isMemberDay: true, nextMemberDay: '2026-11-25', checkinMultiplierPct: 200 });
    await t.setClock('2026-11-25T16:30:00Z');
    expect((await t.request('GET', '/api/member-day', { token })).body).toMatchObject({ isMemberDay: false, nextMemberDay: '2026-12-02' });
  });

  it('refuses a bad schedule', async () => {
    expect((await schedule({ schedule: { kind: 'monthDay', day: 32 } })).status).toBe(400);
    expect((await schedule({ schedule: { kind: 'weekday' } })).status).toBe(400);
    expect((await schedule({ schedule: { kind: 'monthDay', day: 8, extraDates: ['2026-02-30'] } })).body.code).toBe('INVALID_SCHEDULE');
  });

  it('shows banners by tier and member-day-only banners only on member day', async () => {
    await schedule({ schedule: { kind: 'monthDay', day: 8 } });
    expect((await banner({ title: '全员横幅', sortOrder: 2 })).status).toBe(201);
    await banner({ title: '会员日专享', memberDayOnly: true, sortOrder: 1 });
    await banner({ title: '金卡专享', tiers: ['gold', 'diamond'] });
    const bad = await banner({ imageUrl: 'https://evil.example/x.png' });
    expect(bad.status).toBe(400);
    const { token } = await t.loginMember('md-banner');
    await t.setClock('2026-03-07T04:00:00Z');
    expect((await t.request('GET', '/api/member-day', { token })).body.banners.map((b: { title: string }) => b.title)).toEqual(['全员横幅']);
    await t.setClock('2026-03-08T04:00:00Z');
    expect((await t.request('GET', '/api/member-day', { token })).body.banners.map((b: { title: string }) => b.title)).toEqual(['会员日专享', '全员横幅']);
  });

  it('refuses a banner whose image, item or coupon does not exist, and changes nothing', async () => {
    const missingImage = `/media/${'a'.repeat(64)}.png`;
    const expectCode = async (body: Record<string, unknown>, code: string) => expect((await banner(body)).body.code).toBe(code);
    await expectCode({ imageUrl: missingImage }, 'IMAGE_NOT_FOUND');
    await expectCode({ targetType: 'item', targetValue: '0190a3b2-0000-7000-8000-000000000001' }, 'ITEM_NOT_FOUND');
    await expectCode({ targetType: 'coupon', targetValue: '0190a3b2-0000-7000-8000-000000000001' }, 'COUPON_NOT_FOUND');
    await expectCode({ targetType: 'page', targetValue: 'https://evil.example/' }, 'INVALID_TARGET');
    expect(await t.count('member_day_banners')).toBe(0);
  });

  it('lets a member claim a coupon banner once, only while it is shown to them, and the merchant edit it', async () => {
    const admin = await t.adminToken();
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: admin, body: { name: '横幅满30减3', kind: 'amount', amountOffFen: 300, thresholdFen: 3000, validDays: 7, perMemberLimit: 5 } })).body;
    const created = await banner({ title: '金卡领券', targetType: 'coupon', targetValue: template.id, tiers: ['gold'], endsAt: '2026-04-01T00:00:00Z' });
    expect(created.status).toBe(201);
    const pageBanner = (await banner({ title: '去商城' })).body;
    await t.setClock('2026-03-10T04:00:00Z');
    const normal = await t.loginMember('md-banner-normal');
    const gold = await t.loginMember('md-banner-gold');
    await t.dataSource.query("UPDATE members SET tier = 'gold' WHERE id = ?", [gold.member.id]);
    const claim = (token: string, id = created.body.id) => t.request('POST', `/api/member-day/banners/${id}/coupon`, { token });

    expect((await claim(normal.token)).body.code).toBe('BANNER_NOT_FOUND');
    const taps = await Promise.all([1, 2, 3].map(() => claim(gold.token)));
    expect(taps.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(taps.map((r) => r.body.couponId)).size).toBe(1);
    expect(await claim(gold.token)).toMatchObject({ status: 201, body: { couponId: taps[0].body.couponId, alreadyClaimed: true } });
    expect((await t.request('GET', '/api/coupons', { token: gold.token })).body.items).toEqual([expect.objectContaining({ name: '横幅满30减3', source: 'banner' })]);
    expect((await claim(gold.token, pageBanner.id)).body.code).toBe('NOT_A_COUPON_BANNER');
    expect((await claim(gold.token, 'not-a-uuid')).status).toBe(400);

    // The merchant opens it to every tier: the normal member may now claim it.
    const edited = await t.request('PUT', `/api/admin/member-day/banners/${created.body.id}`, {
      token: admin,
      body: { imageUrl: created.body.imageUrl, title: '全员领券', targetType: 'coupon', targetValue: template.id, startsAt: created.body.startsAt, endsAt: created.body.endsAt, tiers: [] },
    });
    expect(edited.body).toMatchObject({ title: '全员领券', tiers: [] });
    expect(await claim(normal.token)).toMatchObject({ status: 201, body: { alreadyClaimed: false } });
    await t.setClock('2026-04-02T04:00:00Z');
    expect((await claim(normal.token)).body.code).toBe('BANNER_NOT_FOUND');
  });

  it('offers tier-scaled prices and lets each member claim their tier coupon once on member day', async () => {
    const admin = await t.adminToken();
    const template = (await t.request('POST', '/api/admin/coupon-templates', { token: admin, body: { name: '会员日满50减5', kind: 'amount', amountOffFen: 500, thresholdFen: 5000, validDays: 1, perMemberLimit: 12 } })).body;
    await schedule({ schedule: { kind: 'monthDay', day: 8 }, couponTemplates: { normal: template.id } });
    const { token } = await t.loginMember('md-claim');
    await t.setClock('2026-03-07T04:00:00Z');
    expect((await t.request('POST', '/api/member-day/coupon', { token })).body.code).toBe('NOT_MEMBER_DAY');
    await t.setClock('2026-03-08T04:00:00Z');
    const claims = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/member-day/coupon', { token })));
    expect(claims.every((c) => c.status === 201)).toBe(true);
    expect(new Set(claims.map((c) => c.body.couponId)).size).toBe(1);
    const overview = (await t.request('GET', '/api/member-day', { token })).body;
    expect(overview.offers).toEqual([
      { tier: 'normal', pricePct: 95, couponTemplateId: template.id, couponName: '会员日满50减5', claimed: true },
      { tier: 'silver', pricePct: 90, couponTemplateId: null, couponName: null, claimed: false },
      { tier: 'gold', pricePct: 85, couponTemplateId: null, couponName: null, claimed: false },
      { tier: 'diamond', pricePct: 80, couponTemplateId: null, couponName: null, claimed: false },
    ]);
  });

  it('reminds opted-in members on the morning of member day, once even when run again or on another server', async () => {
    await schedule({ schedule: { kind: 'monthDay', day: 8 } });
    const fan = await t.loginMember('md-fan');
    await t.request('POST', '/api/subscriptions', { token: fan.token, body: { topics: ['member_day'] } });
    await t.request('POST', '/api/subscriptions', { token: fan.token, body: { topics: ['member_day'] } });
    t.sandbox.state.subscribeMessages.length = 0;
    await t.setClock('2026-03-07T02:00:00Z');
    expect(await t.runJob('member-day-reminder')).toEqual({ ran: true, affected: 0 });
    await t.setClock('2026-03-08T01:30:00Z'); // 09:30 in Shanghai
    const second = await startTestApp({}, t);
    try {
      await second.setClock('2026-03-08T01:30:00Z');
      await Promise.all([t.runJob('member-day-reminder'), second.runJob('member-day-reminder')]);
      // A retry of the same occurrence (e.g. after a failure) still sends nothing twice.
      await t.dataSource.query("DELETE FROM job_runs WHERE job_name = 'member-day-reminder'");
      await t.runJob('member-day-reminder');
      const sent = [...t.sandbox.state.subscribeMessages, ...second.sandbox.state.subscribeMessages];
      expect(sent.map((m) => m.touser)).toEqual(['md-fan']);
    } finally {
      await second.close();
    }
  });
});
