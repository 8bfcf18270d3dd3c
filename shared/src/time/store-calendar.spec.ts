import { addDays, formatStoreDateTime, isValidTimezone, startOfStoreDay, storeDate, storeHour, weekdayOf } from './store-calendar';

describe('store calendar (Asia/Shanghai by default, whatever the process TZ)', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2028-02-28T16:30:00.000Z', '2028-02-29'],
  ])('%s falls on store day %s', (iso, day) => {
    expect(storeDate(new Date(iso))).toBe(day);
  });

  it('uses the given zone', () => {
    expect(storeDate(new Date('2026-03-01T15:59:59Z'), 'UTC')).toBe('2026-03-01');
    expect(storeDate(new Date('2026-03-01T23:30:00Z'), 'America/New_York')).toBe('2026-03-01');
  });

  it('finds the instant a store day starts', () => {
    expect(startOfStoreDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfStoreDay('2026-03-02', 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-31', 30, '2026-04-30'],
  ])('%s + %i days = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('formats store-local date-times', () => {
    expect(formatStoreDateTime(new Date('2026-03-01T16:05:06Z'))).toBe('2026-03-02 00:05:06');
  });

  it('recognises IANA zones', () => {
    expect(isValidTimezone('Asia/Shanghai')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });

  it.each([
    ['2026-03-01T15:59:59Z', 'Asia/Shanghai', 23],
    ['2026-03-01T16:00:00Z', 'Asia/Shanghai', 0],
    ['2026-03-01T16:00:00Z', 'UTC', 16],
  ])('store hour of %s in %s is %i', (iso, tz, hour) => expect(storeHour(new Date(iso), tz)).toBe(hour));

  it.each([
    ['2026-11-22', 0],
    ['2026-11-23', 1],
    ['2026-11-28', 6],
  ])('weekday of %s is %i', (date, weekday) => expect(weekdayOf(date)).toBe(weekday));
});
