/**
 * Pure rules of the member CSV export: the columns and their Chinese headers, money in yuan from
 * integer fen, masked phones, inert cells (no spreadsheet formulas) and store-time timestamps.
 */
export const MEMBER_EXPORT_COLUMNS = [
  { key: 'memberId', header: '会员ID' },
  { key: 'nickname', header: '昵称' },
  { key: 'phone', header: '手机号' },
  { key: 'tier', header: '会员等级' },
  { key: 'pointsBalance', header: '积分余额' },
  { key: 'growth', header: '成长值' },
  { key: 'totalSpend', header: '累计消费(元)' },
  { key: 'paidOrders', header: '支付订单数' },
  { key: 'lastOrderAt', header: '最近下单时间' },
  { key: 'currentStreak', header: '当前连续签到天数' },
  { key: 'totalCheckins', header: '累计签到次数' },
  { key: 'lastActiveAt', header: '最近活跃时间' },
  { key: 'mainPlatform', header: '主要平台' },
  { key: 'inviterId', header: '邀请人ID' },
  { key: 'joinedAt', header: '注册时间' },
] as const;
export type MemberExportColumn = (typeof MEMBER_EXPORT_COLUMNS)[number]['key'];

/** 13812345678 → 138****5678; anything shorter than 7 characters is masked whole. */
export function maskPhone(phone: string | null | undefined): string | null {
  // Separators are dropped first, so 139-0013-9000 masks like 13900139000 (WeChat's shipping contact wants 139****9000).
  const digits = (phone ?? '').replace(/[\s-]/g, '');
  if (!digits) return null;
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

/** Integer fen → yuan with two decimals, by integer arithmetic (no float rounding): 12345 → "123.45". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** A yuan amount typed by a merchant ("12", "12.3", "12.34") → integer fen; null when not such an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would read as a formula (= + - @ tab CR first) is prefixed with ' to stay text. */
export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const OFFSET_BUCKET_MS = 15 * 60 * 1000;

/**
 * A fast `YYYY-MM-DD HH:mm:ss` formatter in a time zone: the zone's UTC offset is looked up once per
 * 15-minute bucket (zones change offset on quarter-hour boundaries at most), the rest is arithmetic.
 */
export function storeDateTimeFormatter(tz: string): (instant: Date | number) => string {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * OFFSET_BUCKET_MS;
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
  return (instant) => {
    const ms = typeof instant === 'number' ? instant : instant.getTime();
    const d = new Date(ms + offsetAt(ms));
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  };
}
