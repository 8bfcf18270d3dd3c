import { startTestApp, TestApp } from '../../test/harness';

describe('referrals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => t.reset());

  const inviteCodeOf = async (token: string) => (await t.request('GET', '/api/members/me', { token })).body.inviteCode as string;
  const points = async (token: string) => (await t.request('GET', '/api/members/me', { token })).body.points as number;
  const checkIn = (token: string) => t.request('POST', '/api/checkins', { token });

  it('binds a new friend once, gives the welcome pack at once, and rewards the inviter once after the first check-in', async () => {
    await t.setClock('2026-03-03T04:00:00Z');
    const inviter = await t.loginMember('ref-inviter');
    const code = await inviteCodeOf(inviter.token);
    const friend = await t.loginMember('ref-friend', code);
    expect(friend.member.points).toBe(50);
    // A second login with another code changes nothing: first touch only.
    const other = await t.loginMember('ref-other');
    await t.loginMember('ref-friend', await inviteCodeOf(other.token));
    const mine = await t.request('GET', '/api/referrals', { token: inviter.token });
    expect(mine.body.items).toEqual([{ friendNickname: friend.member.nickname, friendAvatarUrl: '', boundAt: expect.any(String), state: 'bound', rewardPoints: 0 }]);
    expect((await t.request('GET', '/api/referrals', { token: other.token })).body.items).toEqual([]);

    await Promise.all([checkIn(friend.token), checkIn(friend.token), checkIn(friend.token)]);
    expect(await points(inviter.token)).toBe(20);
    await t.setClock('2026-03-04T04:00:00Z');
    await checkIn(friend.token);
    expect(await points(inviter.token)).toBe(20);
    expect((await t.request('GET', '/api/referrals', { token: inviter.token })).body.items[0]).toMatchObject({ state: 'qualified', rewardPoints: 20 });
    expect(Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM points_ledger WHERE reason = 'referral'"))[0].n)).toBe(1);
  });

  it('ignores unknown codes and never binds existing members', async () => {
    const existing = await t.loginMember('ref-existing');
    const inviter = await t.loginMember('ref-inviter2');
    await t.loginMember('ref-existing', await inviteCodeOf(inviter.token));
    const stranger = await t.loginMember('ref-stranger', 'NOSUCHCODE');
    expect(stranger.member.points).toBe(0);
    expect(await t.count('referrals')).toBe(0);
    void existing;
  });

  it('caps the inviter’s rewards per day, and withholds them when both share a phone', async () => {
    const token = await t.adminToken();
    const current = (await t.request('GET', '/api/admin/referrals/settings', { token })).body;
    expect((await t.request('PUT', '/api/admin/referrals/settings', { token, body: { ...current, dailyCapPerInviter: 2 } })).status).toBe(200);
    await t.setClock('2026-03-03T04:00:00Z');
    const inviter = await t.loginMember('cap-inviter');
    const code = await inviteCodeOf(inviter.token);
    const friends = [];
    for (let i = 0; i < 4; i++) friends.push(await t.loginMember(`cap-friend-${i}`, code));
    await t.dataSource.query('UPDATE members SET phone = ? WHERE id IN (?, ?)', ['13800000000', inviter.member.id, friends[3].member.id]);
    for (const f of friends) await checkIn(f.token);
    expect(await points(inviter.token)).toBe(40);
    const states = (await t.request('GET', '/api/referrals', { token: inviter.token })).body.items.map((i: { state: string }) => i.state).sort();
    expect(states).toEqual(['blocked', 'capped', 'qualified', 'qualified']);
    const suspicious = await t.request('GET', '/api/admin/referrals/suspicious', { token });
    expect(suspicious.body.items).toEqual([{ inviterId: inviter.member.id, nickname: inviter.member.nickname, invitations: 4, capped: 1, blocked: 1 }]);
    expect((await t.request('GET', '/api/admin/referrals', { token: await t.adminToken('analyst') })).body.total).toBe(4);
  });

  it('never binds to oneself or in a cycle', async () => {
    const a = await t.loginMember('cyc-a');
    const b = await t.loginMember('cyc-b', await inviteCodeOf(a.token));
    // A logs in again with B's code (a cycle) and with their own (self-invite): nothing changes.
    await t.loginMember('cyc-a', await inviteCodeOf(b.token));
    await t.loginMember('cyc-a', await inviteCodeOf(a.token));
    const rows = await t.dataSource.query('SELECT inviter_id, invitee_id FROM referrals');
    expect(rows).toEqual([{ inviter_id: a.member.id, invitee_id: b.member.id }]);
    expect((await t.request('GET', '/api/referrals', { token: b.token })).body.items).toEqual([]);
  });

  it('withholds the reward when the friend logs in from the inviter’s device', async () => {
    await t.setClock('2026-03-03T04:00:00Z');
    const login = async (openid: string, inviteCode?: string) =>
      (await t.request('POST', '/api/auth/wx-login', { body: { code: `sandbox:${openid}`, deviceFingerprint: 'dev-0123456789abcdef', ...(inviteCode ? { inviteCode } : {}) } })).body;
    const inviter = await login('dev-inviter');
    const friend = await login('dev-friend', await inviteCodeOf(inviter.token));
    expect(friend.member.points).toBe(50);
    await checkIn(friend.token);
    expect(await points(inviter.token)).toBe(0);
    expect((await t.request('GET', '/api/referrals', { token: inviter.token })).body.items[0]).toMatchObject({ state: 'blocked', rewardPoints: 0 });
    const bad = await t.request('POST', '/api/auth/wx-login', { body: { code: 'sandbox:dev-x', deviceFingerprint: '<script>' } });
    expect(bad.status).toBe(400);
  });

  it('tells the member the rules, and counts shares, opens, registrations and qualified friends for the funnel', async () => {
    await t.setClock('2026-03-03T04:00:00Z');
    const inviter = await t.loginMember('fun-inviter');
    const code = await inviteCodeOf(inviter.token);
    expect((await t.request('GET', '/api/referrals/rules', { token: inviter.token })).body).toEqual({
      welcomePoints: 50, welcomeCoupons: [], inviterRewardPoints: 20, qualifyingAction: 'first_checkin', dailyCapPerInviter: 20, slogan: '邀好友一起签到，积分好礼天天领',
    });
    for (const channel of ['chat', 'timeline', 'poster']) expect((await t.request('POST', '/api/referrals/shares', { token: inviter.token, body: { channel } })).status).toBe(204);
    expect((await t.request('POST', '/api/referrals/shares', { token: inviter.token, body: { channel: 'fax' } })).status).toBe(400);
    expect((await t.request('POST', '/api/referrals/shares', { body: { channel: 'chat' } })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await t.request('POST', '/api/referrals/opens', { body: { inviteCode: code, page: 'pages/index/index' } })).status).toBe(204);
    expect((await t.request('POST', '/api/referrals/opens', { body: { inviteCode: 'NOSUCHCODE' } })).status).toBe(204);
    expect((await t.request('POST', '/api/referrals/opens', { body: { inviteCode: 'x'.repeat(33) } })).status).toBe(400);
    const friend = await t.loginMember('fun-friend', code);
    await t.loginMember('fun-friend-2', code);
    await checkIn(friend.token);

    const token = await t.adminToken('analyst');
    const funnel = (await t.request('GET', '/api/admin/referrals/funnel', { token })).body;
    expect(funnel.days).toHaveLength(30);
    expect(funnel.days[29]).toEqual({ day: '2026-03-03', shares: 3, opens: 2, registrations: 2, qualified: 1 });
    expect(funnel.totals).toMatchObject({ day: '2026-02-02', shares: 3, opens: 2, registrations: 2, qualified: 1 });
    expect((await t.request('GET', '/api/admin/referrals/funnel', { token: inviter.token })).status).toBe(403);
  });

  it('ranks the member and their friends by check-in streak this month', async () => {
    const inviter = await t.loginMember('lb-me');
    const code = await inviteCodeOf(inviter.token);
    const a = await t.loginMember('lb-a', code);
    const b = await t.loginMember('lb-b', code);
    for (const [day, who] of [['2026-03-01', [a]], ['2026-03-02', [a, inviter]], ['2026-03-03', [a, inviter, b]]] as const) {
      await t.setClock(`${day}T04:00:00Z`);
      for (const m of who) await checkIn(m.token);
    }
    const board = await t.request('GET', '/api/referrals/leaderboard', { token: inviter.token });
    expect(board.body.items.map((i: { streak: number; isMe: boolean }) => [i.streak, i.isMe])).toEqual([[3, false], [2, true], [1, false]]);
  });

  it('validates the rules', async () => {
    const token = await t.adminToken();
    const current = (await t.request('GET', '/api/admin/referrals/settings', { token })).body;
    expect((await t.request('PUT', '/api/admin/referrals/settings', { token, body: { ...current, qualifyingAction: 'anything' } })).status).toBe(400);
    expect((await t.request('PUT', '/api/admin/referrals/settings', { token, body: { ...current, welcomePack: { points: 5, couponTemplateIds: ['00000000-0000-7000-8000-000000000000'] } } })).body.code).toBe('COUPON_NOT_FOUND');
  });
});
