import { rollupDay, StoredEvent } from './rollup';

const tz = 'Asia/Shanghai';
// 2026-11-23 in Shanghai starts at 2026-11-22T16:00Z.
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+08:00`);
let n = 0;
const ev = (memberId: string, type: StoredEvent['type'], hhmm: string, extra: Partial<StoredEvent> = {}): StoredEvent => ({ id: `e${String(++n).padStart(8, '0')}`, memberId, type, ts: at(hhmm), ...extra });

describe('rollupDay', () => {
  it('rolls up nothing to empty figures', () => {
    const r = rollupDay('2026-11-23', [], tz);
    expect(r).toEqual({ day: '2026-11-23', members: [], hours: Array(24).fill(0), pages: [], scenes: [] });
  });

  it('rolls up a single member: sessions, entry and exit pages, dwell, scenes, hours, device', () => {
    const events = [
      ev('m1', 'launch', '09:00', { scene: 1001, device: { platform: 'ios', brand: 'Apple', model: 'iPhone 15', system: 'iOS 17', version: '8.0.44', SDKVersion: '3.3.4', networkType: 'wifi' } }),
      ev('m1', 'app_show', '09:00'),
      ev('m1', 'page_view', '09:01', { page: 'pages/index/index', dwellMs: 30_000 }),
      ev('m1', 'page_view', '09:02', { page: 'pages/checkin/index', dwellMs: 10_000 }),
      ev('m1', 'app_hide', '09:03'),
      ev('m1', 'app_show', '21:10', { device: { networkType: '4g' } }),
      ev('m1', 'page_view', '21:11', { page: 'pages/checkin/index' }),
      ev('m1', 'launch', '22:00', { scene: 1047 }),
      ev('m1', 'page_view', '22:01', { page: 'pages/mall/index', dwellMs: 5_000 }),
      // The next store day: ignored.
      { ...ev('m1', 'launch', '23:59'), ts: at('23:59') + 120_000 },
    ];
    const r = rollupDay('2026-11-23', events, tz);
    expect(r.members).toEqual([{ memberId: 'm1', platform: 'ios', brand: 'Apple', model: 'iPhone 15', system: 'iOS 17', wechatVersion: '8.0.44', sdkVersion: '3.3.4', networkType: '4g', launches: 2, pageViews: 4 }]);
    const hours = Array(24).fill(0);
    hours[9] = hours[21] = hours[22] = 1;
    expect(r.hours).toEqual(hours);
    expect(r.pages).toEqual([
      { page: 'pages/checkin/index', views: 2, dwellMsTotal: 10_000, dwellCount: 1, entries: 1, exits: 2 },
      { page: 'pages/index/index', views: 1, dwellMsTotal: 30_000, dwellCount: 1, entries: 1, exits: 0 },
      { page: 'pages/mall/index', views: 1, dwellMsTotal: 5_000, dwellCount: 1, entries: 1, exits: 1 },
    ]);
    expect(r.scenes).toEqual([{ scene: 1001, launches: 1 }, { scene: 1047, launches: 1 }]);
  });

  it('counts each member once per hour and keeps unknown devices', () => {
    const r = rollupDay('2026-11-23', [ev('a', 'app_show', '10:00'), ev('a', 'app_hide', '10:30'), ev('b', 'launch', '10:59'), ev('b', 'launch', '11:00')], tz);
    expect(r.hours[10]).toBe(2);
    expect(r.hours[11]).toBe(1);
    expect(r.members.map((m) => [m.memberId, m.platform, m.launches])).toEqual([['a', 'unknown', 0], ['b', 'unknown', 2]]);
    expect(r.scenes).toEqual([{ scene: 0, launches: 2 }]);
  });
});
