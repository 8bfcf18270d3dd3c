import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { MEMBER_EXPORT_COLUMNS, TIER_LABELS, addDays, fenToYuan, inertCell, maskPhone, PLATFORM_LABELS, storeDateTimeFormatter } from '@mall/shared';
import { dbInstant, MemberRawRow } from '../member-admin/member-search.sql';
import type { RowCursor } from '../member-admin/row-cursor';

export const UTF8_BOM = '\uFEFF';
export const MEMBER_CSV_HEADER = MEMBER_EXPORT_COLUMNS.map((c) => c.header);
export const MEMBER_CSV_COLUMN_KEYS = MEMBER_EXPORT_COLUMNS.map((c) => c.key);

export interface MemberCsvOptions {
  unmask: boolean;
  timezone: string;
  /** Today's store day: a streak whose last check-in is before yesterday is broken (0). */
  today: string;
  /** Called after each batch is handed on, with the rows written so far. */
  onProgress?: (rowsWritten: number) => void;
  /** Called once when the last row was written or the export stopped early (`complete` false). */
  onEnd?: (rowsWritten: number, complete: boolean, error?: unknown) => void | Promise<void>;
}

const num = (v: number | string | null) => (v === null ? 0 : Number(v));

/** One member as CSV cells (every text cell inert; money from integer fen). */
export function memberCsvCells(row: MemberRawRow, o: { unmask: boolean; yesterday: string }, formatTime: (ms: number) => string): string[] {
  const time = (v: Date | string | null) => {
    const ms = dbInstant(v);
    return ms === null ? '' : formatTime(ms);
  };
  const streak = row.last_checkin_day && row.last_checkin_day >= o.yesterday ? num(row.last_streak) : 0;
  return [
    row.id,
    inertCell(row.nickname ?? ''),
    inertCell((o.unmask ? row.phone : maskPhone(row.phone)) ?? ''),
    TIER_LABELS[row.tier] ?? row.tier,
    String(num(row.points_balance)),
    String(num(row.growth)),
    fenToYuan(num(row.spend_fen)),
    String(num(row.paid_orders)),
    time(row.last_order_at),
    String(streak),
    String(num(row.total_checkins)),
    time(row.last_active_at),
    row.platform ? PLATFORM_LABELS[row.platform] ?? inertCell(row.platform) : '',
    row.inviter_id ?? '',
    time(row.joined_at),
  ];
}

const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

/**
 * The member CSV as a byte stream pulled from a row cursor: UTF-8 BOM, Chinese headers, CRLF,
 * RFC 4180 quoting by csv-stringify. Only one batch of rows is in memory at a time, and the next
 * batch is read only when the consumer asks for more (backpressure reaches the database).
 */
export function memberCsvStream(cursor: RowCursor<MemberRawRow>, o: MemberCsvOptions): Readable {
  const formatTime = storeDateTimeFormatter(o.timezone);
  const cellOptions = { unmask: o.unmask, yesterday: addDays(o.today, -1) };
  let written = 0;
  let ended = false;
  // Awaited before the stream ends, so whoever reads the last byte also sees the audit row complete.
  const end = async (complete: boolean, error?: unknown) => {
    if (ended) return;
    ended = true;
    await o.onEnd?.(written, complete, error);
  };
  async function* chunks(): AsyncGenerator<Buffer> {
    let complete = false;
    try {
      yield Buffer.from(UTF8_BOM + stringify([MEMBER_CSV_HEADER], CSV_OPTIONS), 'utf8');
      for await (const batch of cursor) {
        const text = stringify(batch.map((row) => memberCsvCells(row, cellOptions, formatTime)), CSV_OPTIONS);
        written += batch.length;
        yield Buffer.from(text, 'utf8');
        o.onProgress?.(written);
      }
      complete = true;
    } catch (error) {
      await cursor.close();
      await end(false, error);
      throw error;
    } finally {
      await cursor.close();
      await end(complete);
    }
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 });
}
