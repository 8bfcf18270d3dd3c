import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, AnalyticsEventType, DayRollup, rollupDay, StoredEvent } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DailyJobsService } from '../jobs/daily-jobs.service';
import { TransactionRunner } from '../database/transaction-runner';

/** Late events are accepted up to 72 hours back, so each run rebuilds the last 4 finished days. */
export const ROLLUP_DAYS_BACK = 4;
const MEMBER_CHUNK = 500;
const INSERT_CHUNK = 200;

interface RawRow {
  member_id: string; client_id: string; type: string; ts: string | number; page: string | null; dwell_ms: number | null; scene: number | null;
  platform: string | null; brand: string | null; model: string | null; system: string | null; wechat_version: string | null; sdk_version: string | null; network_type: string | null;
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toStored(r: RawRow): StoredEvent {
  const device = { platform: orUndefined(r.platform), brand: orUndefined(r.brand), model: orUndefined(r.model), system: orUndefined(r.system), version: orUndefined(r.wechat_version), SDKVersion: orUndefined(r.sdk_version), networkType: orUndefined(r.network_type) };
  const hasDevice = Object.values(device).some((v) => v !== undefined);
  return { memberId: r.member_id, id: r.client_id, type: r.type as AnalyticsEventType, ts: Number(r.ts), page: orUndefined(r.page), dwellMs: orUndefined(r.dwell_ms), scene: orUndefined(r.scene), device: hasDevice ? device : undefined };
}

/**
 * The daily roll-up: raw events of each finished store day into the aggregate tables the
 * dashboard reads, then raw events past the retention are deleted. Runs once across instances
 * (the jobs module's run-once lock); rebuilding a day replaces its rows, so a re-run is harmless.
 */
@Injectable()
export class AnalyticsRollupJob implements OnModuleInit {
  constructor(
    private readonly jobs: DailyJobsService,
    private readonly tx: TransactionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'analytics-rollup', hour: 1, run: (today) => this.run(today) });
  }

  async run(today: string): Promise<number> {
    let rows = 0;
    for (let back = ROLLUP_DAYS_BACK; back >= 1; back--) rows += await this.rollup(addDays(today, -back));
    const cutoff = addDays(today, -this.config.analytics.rawRetentionDays);
    await this.tx.write((em) => em.query('DELETE FROM analytics_events WHERE day < ?', [cutoff]));
    return rows;
  }

  /** Rebuilds one store day's aggregates from its raw events; returns the member-days written. */
  async rollup(day: string): Promise<number> {
    const tz = this.config.store.timezone;
    const total: DayRollup = { day, members: [], hours: Array(24).fill(0), pages: [], scenes: [] };
    const pages = new Map<string, DayRollup['pages'][number]>();
    const scenes = new Map<number, number>();
    const tiers = new Map<string, string>();
    let after = '';
    for (;;) {
      const ids: { member_id: string }[] = await this.dataSource.query(
        'SELECT DISTINCT member_id FROM analytics_events WHERE day = ? AND member_id > ? ORDER BY member_id LIMIT ?',
        [day, after, MEMBER_CHUNK],
      );
      if (!ids.length) break;
      const list = ids.map((r) => r.member_id);
      after = list[list.length - 1];
      const marks = list.map(() => '?').join(', ');
      const raw: RawRow[] = await this.dataSource.query(
        `SELECT member_id, client_id, type, ts, page, dwell_ms, scene, platform, brand, model, system, wechat_version, sdk_version, network_type
         FROM analytics_events WHERE day = ? AND member_id IN (${marks})`,
        [day, ...list],
      );
      for (const m of await this.dataSource.query(`SELECT id, tier FROM members WHERE id IN (${marks})`, list)) tiers.set(m.id, m.tier);
      // Members are disjoint between chunks, so per-chunk figures simply add up.
      const part = rollupDay(day, raw.map(toStored), tz);
      total.members.push(...part.members);
      part.hours.forEach((n, h) => (total.hours[h] += n));
      for (const p of part.pages) {
        const cur = pages.get(p.page);
        if (!cur) pages.set(p.page, { ...p });
        else for (const k of ['views', 'dwellMsTotal', 'dwellCount', 'entries', 'exits'] as const) cur[k] += p[k];
      }
      for (const s of part.scenes) scenes.set(s.scene, (scenes.get(s.scene) ?? 0) + s.launches);
    }
    total.pages = [...pages.values()];
    total.scenes = [...scenes.entries()].map(([scene, launches]) => ({ scene, launches }));
    await this.tx.run(({ em }) => this.store(em, total, tiers));
    await this.storeActive(day);
    return total.members.length;
  }

  private async store(em: EntityManager, r: DayRollup, tiers: Map<string, string>): Promise<void> {
    for (const table of ['analytics_member_days', 'analytics_hourly', 'analytics_pages', 'analytics_scenes']) await em.query(`DELETE FROM ${table} WHERE day = ?`, [r.day]);
    await insertRows(em, 'analytics_member_days', ['day', 'member_id', 'tier', 'platform', 'brand', 'model', 'system', 'wechat_version', 'sdk_version', 'network_type', 'launches', 'page_views'],
      r.members.map((m) => [r.day, m.memberId, tiers.get(m.memberId) ?? 'normal', m.platform, m.brand, m.model, m.system, m.wechatVersion, m.sdkVersion, m.networkType, m.launches, m.pageViews]));
    await insertRows(em, 'analytics_hourly', ['day', 'hour', 'members'], r.hours.map((n, h) => [r.day, h, n]).filter((row) => (row[2] as number) > 0));
    await insertRows(em, 'analytics_pages', ['day', 'page', 'views', 'dwell_ms_total', 'dwell_count', 'entries', 'exits'], r.pages.map((p) => [r.day, p.page, p.views, p.dwellMsTotal, p.dwellCount, p.entries, p.exits]));
    await insertRows(em, 'analytics_scenes', ['day', 'scene', 'launches'], r.scenes.map((s) => [r.day, s.scene, s.launches]));
  }

  /** DAU / WAU / MAU ending on the day, from the member-day rows (never from raw events). */
  private async storeActive(day: string): Promise<void> {
    // The same definitions as `activeCounts` in shared, counted by the database.
    const [row] = await this.dataSource.query(
      `SELECT COUNT(DISTINCT CASE WHEN day = ? THEN member_id END) AS dau, COUNT(DISTINCT CASE WHEN day >= ? THEN member_id END) AS wau,
              COUNT(DISTINCT member_id) AS mau
       FROM analytics_member_days WHERE day >= ? AND day <= ?`,
      [day, addDays(day, -6), addDays(day, -29), day],
    );
    const [dau, wau, mau] = [Number(row.dau), Number(row.wau), Number(row.mau)];
    await this.tx.run(async ({ em }) => {
      await em.query('DELETE FROM analytics_daily_active WHERE day = ?', [day]);
      if (mau > 0) await em.query('INSERT INTO analytics_daily_active (day, dau, wau, mau) VALUES (?, ?, ?, ?)', [day, dau, wau, mau]);
    });
  }
}

/** Multi-row inserts, a few hundred rows a statement. */
export async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`, chunk.flat());
  }
}
