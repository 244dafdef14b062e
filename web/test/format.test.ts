import { describe, expect, it } from 'vitest';
import { DASH, date, days, firstName, isIsoDate, money, moneyCompact, multiple, num, percent, pValue, shortDate } from '../src/format';

describe('format', () => {
  it('shows null, undefined, NaN and infinity as a dash', () => {
    for (const f of [money, moneyCompact, percent, multiple, num, pValue, days]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
      expect(f(Number.NaN)).toBe(DASH);
      expect(f(Number.POSITIVE_INFINITY)).toBe(DASH);
    }
    expect(DASH).toBe('—');
    expect(date(null)).toBe(DASH);
    expect(date('garbage')).toBe(DASH);
  });

  it('formats money without decimals for large amounts', () => {
    expect(money(60000)).toBe('$60,000');
    expect(money(1234567.89)).toBe('$1,234,568');
    expect(money(12.5)).toBe('$12.5');
    expect(money(0)).toBe('$0');
    expect(money(-2500)).toBe('-$2,500');
  });

  it('formats compact money for tiles', () => {
    expect(moneyCompact(1_234_567)).toBe('$1.2M');
    expect(moneyCompact(520_000)).toBe('$520K');
    expect(moneyCompact(950)).toBe('$950');
  });

  it('formats fractions as percentages (ratios are fractions, not percents)', () => {
    expect(percent(0.2)).toBe('20%');
    expect(percent(0.34782608695652173)).toBe('35%');
    expect(percent(1.04)).toBe('104%');
    expect(percent(0.2359, 1)).toBe('23.6%');
    expect(percent(0)).toBe('0%');
  });

  it('formats coverage as a multiple', () => {
    expect(multiple(2.1666)).toBe('2.2×');
    expect(multiple(3)).toBe('3.0×');
    expect(multiple(0)).toBe('0.0×');
  });

  it('formats p-values as a reader expects', () => {
    expect(pValue(0.009352)).toBe('0.01');
    expect(pValue(0.62)).toBe('0.62');
    expect(pValue(0.0032)).toBe('0.003');
    expect(pValue(0.00001)).toBe('<0.001');
  });

  it('formats dates in UTC, whatever the time of day', () => {
    expect(date('2026-12-17')).toBe('Dec 17, 2026');
    expect(date('2026-01-02T23:59:59Z')).toBe('Jan 2, 2026');
    expect(shortDate('2026-10-01')).toBe('Oct 1');
  });

  it('pluralises days and finds first names', () => {
    expect(days(1)).toBe('1 day');
    expect(days(12)).toBe('12 days');
    expect(firstName('David Kim')).toBe('David');
    expect(firstName('David')).toBe('David');
  });

  it('validates ISO dates', () => {
    expect(isIsoDate('2026-12-17')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('17/12/2026')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
