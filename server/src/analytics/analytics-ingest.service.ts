import { Inject, Injectable } from '@nestjs/common';
import { ANALYTICS_MAX_BYTES, ANALYTICS_MAX_EVENTS, AnalyticsEvent, storeDate, validateAnalyticsEvent } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ClockService } from '../clock/clock.service';
import { fail, ok, Outcome } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { dbTime } from '../database/locks';
import { MembersService } from '../members/members.service';

const COLUMNS = [
  'member_id', 'client_id', 'type', 'ts', 'day', 'page', 'dwell_ms', 'scene', 'platform', 'brand', 'model', 'system',
  'wechat_version', 'sdk_version', 'screen_width', 'screen_height', 'pixel_ratio', 'network_type', 'received_at',
];
const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(', ')})`;

/**
 * Stores a batch of events from one member: every event validated first (a bad one refuses the
 * whole batch, naming it), then one multi-row insert that skips events already stored (unique
 * member + client id), so a resent batch is stored once.
 */
@Injectable()
export class AnalyticsIngestService {
  private readonly insertPrefix: string;
  private readonly insertSuffix: string;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: ClockService,
    private readonly members: MembersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const mysql = config.database.kind !== 'sqlite';
    this.insertPrefix = `INSERT ${mysql ? 'IGNORE ' : ''}INTO analytics_events (${COLUMNS.join(', ')}) VALUES `;
    this.insertSuffix = mysql ? '' : ' ON CONFLICT (member_id, client_id) DO NOTHING';
  }

  async ingest(memberId: string, body: unknown, bodyBytes: number): Promise<Outcome<{ received: number }>> {
    const events = (body as { events?: unknown } | null)?.events;
    if (typeof body !== 'object' || body === null || !Array.isArray(events)) return fail('INVALID_BATCH', '请求体必须是 { events: [...] }', 400, { fields: ['events'] });
    if (events.length > ANALYTICS_MAX_EVENTS || bodyBytes > ANALYTICS_MAX_BYTES) {
      return fail('BATCH_TOO_LARGE', `一批最多 ${ANALYTICS_MAX_EVENTS} 个事件、${ANALYTICS_MAX_BYTES / 1024} KB`, 413, { maxEvents: ANALYTICS_MAX_EVENTS, maxBytes: ANALYTICS_MAX_BYTES });
    }
    const now = this.clock.now();
    const valid: AnalyticsEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      const check = validateAnalyticsEvent(events[i], now.getTime());
      if (!check.ok) return fail('INVALID_EVENT', `第 ${i} 个事件无效：${check.reason}`, 400, { index: i, reason: check.reason, fields: [`events.${i}`] });
      valid.push(check.event);
    }
    if (!valid.length) return ok({ received: 0 });
    const tz = this.config.store.timezone;
    const sql = this.insertPrefix + Array(valid.length).fill(ROW_PLACEHOLDERS).join(', ') + this.insertSuffix;
    await this.tx.write((em) => {
      const receivedAt = dbTime(em, now);
      const params: unknown[] = [];
      for (const e of valid) {
        const d = e.device ?? {};
        params.push(
          memberId, e.id, e.type, e.ts, storeDate(e.ts, tz), e.page ?? null, e.dwellMs ?? null, e.scene ?? null,
          d.platform ?? null, d.brand ?? null, d.model ?? null, d.system ?? null, d.version ?? null, d.SDKVersion ?? null,
          d.screenWidth ?? null, d.screenHeight ?? null, d.pixelRatio ?? null, d.networkType ?? null, receivedAt,
        );
      }
      return em.query(sql, params);
    });
    // Coming to the foreground is activity: it keeps last_active_at (segments, export) current.
    if (valid.some((e) => e.type === 'launch' || e.type === 'app_show')) await this.members.touchActivity(memberId);
    return ok({ received: valid.length });
  }
}
