import { Inject, Injectable } from '@nestjs/common';
import { addDays, startOfStoreDay, storeDate } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { AnalyticsEventEntity } from '../analytics/analytics.entities';
import { AnalyticsRollupJob } from '../analytics/analytics-rollup.job';
import type { MemberEntity } from '../members/member.entity';

const DAYS = 120;
const DEVICES = [
  { platform: 'ios', brand: 'Apple', model: 'iPhone 15', system: 'iOS 17.5', weight: 22 },
  { platform: 'ios', brand: 'Apple', model: 'iPhone 13', system: 'iOS 16.7', weight: 14 },
  { platform: 'ios', brand: 'Apple', model: 'iPhone 15 Pro Max', system: 'iOS 17.5', weight: 8 },
  { platform: 'android', brand: 'HUAWEI', model: 'Mate 60 Pro', system: 'Android 12', weight: 12 },
  { platform: 'android', brand: 'Xiaomi', model: 'Xiaomi 14', system: 'Android 14', weight: 12 },
  { platform: 'android', brand: 'OPPO', model: 'Reno11', system: 'Android 14', weight: 8 },
  { platform: 'android', brand: 'vivo', model: 'X100', system: 'Android 14', weight: 8 },
  { platform: 'android', brand: 'HONOR', model: 'Magic6', system: 'Android 14', weight: 6 },
  { platform: 'windows', brand: 'microsoft', model: 'PC', system: 'Windows 11', weight: 3 },
  { platform: 'mac', brand: 'apple', model: 'MacBookPro18,3', system: 'macOS 14.4', weight: 2 },
  { platform: 'devtools', brand: 'devtools', model: 'iPhone 12/13 (Pro)', system: 'iOS 10.0.1', weight: 1 },
];
const WECHAT = ['8.0.50', '8.0.49', '8.0.47', '8.0.44'];
const NETWORKS = ['wifi', 'wifi', 'wifi', '5g', '4g', '4g', '3g'];
const SCENES = [1001, 1001, 1001, 1089, 1256, 1007, 1008, 1047, 1011, 1053];
const PAGES = ['pages/index/index', 'pages/checkin/index', 'pages/mall/index', 'pages/mine/index', 'mall/pages/item/index', 'referral/pages/invite/index'];
// Busier at lunch and in the evening.
const HOUR_WEIGHTS = [1, 0, 0, 0, 0, 1, 2, 4, 6, 5, 4, 5, 8, 7, 4, 4, 4, 5, 6, 8, 10, 10, 7, 3];

/**
 * Demo analytics: events for the last 120 days from the seeded members (each between joining and
 * last activity, on some days), stored raw and rolled up by the real roll-up job, so the admin's
 * charts have something to show.
 */
@Injectable()
export class DemoAnalyticsSeeder {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rollupJob: AnalyticsRollupJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(members: MemberEntity[], now: Date, rand: () => number): Promise<number> {
    const tz = this.config.store.timezone;
    const today = storeDate(now, tz);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const weighted = <T extends { weight: number }>(xs: readonly T[]) => {
      let r = rand() * xs.reduce((s, x) => s + x.weight, 0);
      for (const x of xs) if ((r -= x.weight) < 0) return x;
      return xs[0];
    };
    const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    const hour = () => {
      let r = rand() * hourTotal;
      for (let h = 0; h < 24; h++) if ((r -= HOUR_WEIGHTS[h]) < 0) return h;
      return 20;
    };
    const rows: Partial<AnalyticsEventEntity>[] = [];
    for (const m of members) {
      const device = weighted(DEVICES);
      const version = pick(WECHAT);
      const loyalty = 0.1 + rand() * 0.5;
      let n = 0;
      for (let back = DAYS; back >= 1; back--) {
        const day = addDays(today, -back);
        const start = startOfStoreDay(day, tz).getTime();
        if (start + 86_400_000 < m.joinedAt.getTime() || !m.lastActiveAt || start > m.lastActiveAt.getTime() || rand() > loyalty) continue;
        let ts = start + hour() * 3_600_000 + Math.floor(rand() * 3_000_000);
        const event = (type: string, extra: Partial<AnalyticsEventEntity> = {}) =>
          rows.push({ memberId: m.id, clientId: `demo-${m.id.slice(0, 8)}-${++n}`, type, ts: String(ts), day, receivedAt: new Date(ts), ...extra });
        event('launch', {
          scene: pick(SCENES), platform: device.platform, brand: device.brand, model: device.model, system: device.system, wechatVersion: version,
          sdkVersion: '3.4.10', screenWidth: 390, screenHeight: 844, pixelRatio: 3, networkType: pick(NETWORKS),
        });
        event('app_show');
        for (let p = 0, views = 1 + Math.floor(rand() * 4); p < views; p++) {
          const dwell = 3_000 + Math.floor(rand() * 60_000);
          ts += dwell;
          event('page_view', { page: p === 0 ? (rand() < 0.7 ? PAGES[0] : pick(PAGES)) : pick(PAGES), dwellMs: dwell });
        }
        ts += 1_000;
        event('app_hide');
      }
    }
    await this.tx.run(async ({ em }) => {
      for (let i = 0; i < rows.length; i += 200) await em.insert(AnalyticsEventEntity, rows.slice(i, i + 200));
    });
    for (let back = DAYS; back >= 1; back--) await this.rollupJob.rollup(addDays(today, -back));
    return rows.length;
  }
}
