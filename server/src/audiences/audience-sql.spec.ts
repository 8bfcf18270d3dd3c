import { compileAudience } from './audience-sql';

const ctx = { today: '2026-06-15', timezone: 'Asia/Shanghai', time: (d: Date) => d.toISOString() };

describe('compileAudience', () => {
  it('is every member for no rules, without touching the scores', () => {
    expect(compileAudience([], ctx)).toEqual({ from: 'members m', where: '1 = 1', params: [] });
  });

  it('turns store-day ranges into instants at 00:00 Shanghai (16:00 UTC the day before)', () => {
    const q = compileAudience([{ kind: 'lastActive', daysAgoMin: 30, daysAgoMax: 60 }], ctx);
    expect(q.where).toBe('m.last_active_at >= ? AND m.last_active_at < ?');
    // 60 days ago = 2026-04-16 (from its start); 30 days ago = 2026-05-16 (until the start of 05-17).
    expect(q.params).toEqual(['2026-04-15T16:00:00.000Z', '2026-05-16T16:00:00.000Z']);
  });

  it('uses an inner join only when no member without scores could match', () => {
    expect(compileAudience([{ kind: 'orders', max: 0 }], ctx).from).toContain('LEFT JOIN member_scores');
    expect(compileAudience([{ kind: 'orders', max: 0 }], ctx).where).toBe('COALESCE(s.order_count, 0) <= ?');
    expect(compileAudience([{ kind: 'churnRisk', in: ['unknown', 'high'] }], ctx).from).toContain('LEFT JOIN');
    expect(compileAudience([{ kind: 'spend', min: 1 }], ctx)).toMatchObject({ from: 'members m JOIN member_scores s ON s.member_id = m.id', where: 's.spend_fen >= ?' });
    expect(compileAudience([{ kind: 'orders', max: 0 }, { kind: 'rfm', measure: 'm', min: 5, max: 5 }], ctx).from).toContain(' JOIN member_scores');
    expect(compileAudience([{ kind: 'orders', max: 0 }, { kind: 'rfm', measure: 'm', min: 5, max: 5 }], ctx).from).not.toContain('LEFT');
  });

  it('passes every value as a parameter, never in the SQL text', () => {
    const q = compileAudience([{ kind: 'tier', in: ['gold', 'diamond'] }, { kind: 'expiringPoints', withinDays: 30, min: 100 }, { kind: 'replenishment', fromDays: -3, toDays: 7 }], ctx);
    expect(q.where).not.toMatch(/gold|100|2026/);
    expect(q.params).toEqual(['gold', 'diamond', '2026-06-15', '2026-07-15', 100, '2026-06-12', '2026-06-22']);
  });

  it.each<[string, ('ios' | 'android' | 'windows' | 'mac' | 'devtools')[], string[]]>([
    ['one platform', ['ios'], ['ios']],
    ['desktop', ['windows', 'mac'], ['windows', 'mac']],
    ['every phone and the dev tools', ['ios', 'android', 'devtools'], ['ios', 'android', 'devtools']],
  ])('matches %s by the latest login session, values as parameters', (_name, platforms, params) => {
    const q = compileAudience([{ kind: 'platform', in: platforms }], ctx);
    expect(q).toEqual({
      from: 'members m',
      where: `m.id IN (SELECT ws.member_id FROM member_wechat_sessions ws WHERE ws.platform IN (${platforms.map(() => '?').join(', ')}))`,
      params,
    });
  });
});
