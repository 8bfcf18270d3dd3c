import { validateAnalyticsEvent } from './events';

const now = Date.UTC(2026, 10, 23, 4, 0, 0);
const base = { id: 'evt-00000001', type: 'launch', ts: now, scene: 1001 };

describe('validateAnalyticsEvent', () => {
  it.each([
    [base],
    [{ id: 'evt-00000002', type: 'page_view', ts: now - 3_600_000, page: 'pages/index/index', dwellMs: 1200 }],
    [{ id: 'evt-00000003', type: 'app_hide', ts: now + 60_000 }],
    [{ ...base, device: { brand: 'Apple', model: 'iPhone 15', platform: 'ios', system: 'iOS 17.1', version: '8.0.44', SDKVersion: '3.3.4', screenWidth: 393, screenHeight: 852, pixelRatio: 3, networkType: 'wifi' } }],
  ])('accepts %j', (event) => expect(validateAnalyticsEvent(event, now)).toMatchObject({ ok: true }));

  it.each([
    [null, 'event must be an object'],
    [[], 'event must be an object'],
    [{ ...base, id: 'short' }, 'id must be 8 to 64 letters, digits, _ or -'],
    [{ ...base, type: 'click' }, 'type must be one of launch, page_view, app_show, app_hide'],
    [{ ...base, ts: '1' }, 'ts must be an integer (ms since epoch)'],
    [{ ...base, ts: now - 73 * 3_600_000 }, 'ts is outside the accepted window (72 hours back, 10 minutes ahead)'],
    [{ ...base, ts: now + 11 * 60_000 }, 'ts is outside the accepted window (72 hours back, 10 minutes ahead)'],
    [{ ...base, type: 'page_view' }, 'page_view needs a page'],
    [{ ...base, page: 'x'.repeat(129) }, 'page must be a path of at most 128 characters'],
    [{ ...base, dwellMs: 5 }, 'dwellMs belongs to page_view only'],
    [{ ...base, type: 'page_view', page: 'p', dwellMs: -1 }, 'dwellMs must be an integer from 0 to 86400000'],
    [{ ...base, scene: 1.5 }, 'scene must be an integer from 0 to 99999'],
    [{ ...base, memberId: 'someone-else' }, 'memberId is not a known field'],
    [{ ...base, device: 'iphone' }, 'device must be an object'],
    [{ ...base, device: { brand: 'x'.repeat(65) } }, 'device.brand must be a string of at most 64 characters'],
    [{ ...base, device: { screenWidth: 1.5 } }, 'device.screenWidth must be an integer from 0 to 10000'],
    [{ ...base, device: { pixelRatio: 0 } }, 'device.pixelRatio must be a number above 0 and at most 10'],
    [{ ...base, device: { imei: '1' } }, 'device.imei is not a known field'],
  ])('refuses %j: %s', (event, reason) => expect(validateAnalyticsEvent(event, now)).toEqual({ ok: false, reason }));
});
