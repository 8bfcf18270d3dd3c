import { churnRisk } from './churn-risk';

describe('churnRisk', () => {
  it('is unknown without orders', () => {
    expect(churnRisk([], '2026-03-01')).toEqual({ risk: 'unknown', usualIntervalDays: null, daysSinceLastOrder: null, overduePct: null, explanation: '尚未下单' });
  });

  it('is unknown with orders on one day only, but says how long ago', () => {
    expect(churnRisk(['2026-02-01', '2026-02-01'], '2026-03-01')).toMatchObject({ risk: 'unknown', daysSinceLastOrder: 28, explanation: '仅在 1 天下过单，距上次下单已 28 天' });
  });

  it.each<[string, string[], string, string, number, number]>([
    // Every 21 days, 48 days since: 228% overdue → high.
    ['the brief\'s example', ['2026-01-01', '2026-01-22', '2026-02-12'], '2026-04-01', 'high', 21, 228],
    ['not yet due', ['2026-01-01', '2026-01-11', '2026-01-21'], '2026-01-30', 'low', 10, 90],
    ['exactly due', ['2026-01-01', '2026-01-11'], '2026-01-21', 'medium', 10, 100],
    ['just below two cycles', ['2026-01-01', '2026-01-11'], '2026-01-30', 'medium', 10, 190],
    ['exactly two cycles', ['2026-01-01', '2026-01-11'], '2026-01-31', 'high', 10, 200],
    // Median of 5, 30, 10 (order of input irrelevant) = 10.
    ['own median interval', ['2026-01-16', '2026-01-01', '2026-01-06', '2026-02-15'], '2026-02-20', 'low', 10, 50],
  ])('%s', (_name, days, today, risk, usual, pct) => {
    const a = churnRisk(days, today);
    expect(a.risk).toBe(risk);
    expect(a.usualIntervalDays).toBe(usual);
    expect(a.overduePct).toBe(pct);
  });

  it('writes the sentence the admin shows', () => {
    expect(churnRisk(['2026-01-01', '2026-01-22', '2026-02-12'], '2026-04-01').explanation).toBe('通常每 21 天购买一次，距上次下单已 48 天');
  });
});
