import { fenToYuan, inertCell, maskPhone, storeDateTimeFormatter, yuanToFen } from './member-export';
import { formatStoreDateTime } from '../time/store-calendar';

describe('member export rules', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [12345, '123.45'],
    [1999999999, '19999999.99'],
    [-5, '-0.05'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%d fen is %s yuan', (fen, yuan) => expect(fenToYuan(fen)).toBe(yuan));

  it.each([
    ['0', 0],
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['0.07', 7],
    [' 5 ', 500],
    ['1.005', null],
    ['-1', null],
    ['abc', null],
    ['', null],
  ])('%j yuan is %j fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it('refuses non-integer fen', () => expect(() => fenToYuan(1.5)).toThrow(RangeError));

  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['小明', '小明'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j is exported as %j', (input, output) => expect(inertCell(input)).toBe(output));

  it.each([
    ['13812345678', '138****5678'],
    ['139-0013-9000', '139****9000'],
    ['021 1234 5678', '021****5678'],
    ['123456', '******'],
    [null, null],
    ['', null],
  ])('masks %j as %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'])('formats like the store calendar in %s', (tz) => {
    const format = storeDateTimeFormatter(tz);
    // Every 7 hours 13 minutes over two years crosses every DST change of these zones.
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3600_000 + 13 * 60_000 + 7_000) {
      expect(format(t)).toBe(formatStoreDateTime(t, tz));
    }
    expect(format(new Date('2026-03-01T16:10:05Z'))).toBe(formatStoreDateTime(new Date('2026-03-01T16:10:05Z'), tz));
  });
});
