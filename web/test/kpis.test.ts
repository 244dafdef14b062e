import { describe, expect, it } from 'vitest';
import { closeRateHealth, closeRateSummary, coverageHealth, coverageTarget, forecastHealth, kpiTiles, paceHealth } from '../src/kpis';
import { david } from './fixtures';

describe('health rules', () => {
  it('colours retirement by pace: >= 1 good, >= 0.8 warn, else bad', () => {
    expect(paceHealth(1)).toBe('good');
    expect(paceHealth(0.99)).toBe('warn');
    expect(paceHealth(0.8)).toBe('warn');
    expect(paceHealth(0.79)).toBe('bad');
    expect(paceHealth(null)).toBe('none');
    expect(paceHealth(null, true)).toBe('good');
  });

  it('colours coverage against the target', () => {
    expect(coverageHealth(3, 3)).toBe('good');
    expect(coverageHealth(2.9, 3)).toBe('warn');
    expect(coverageHealth(2, 3)).toBe('warn');
    expect(coverageHealth(1.9, 3)).toBe('bad');
    expect(coverageHealth(2.5, 2)).toBe('good');
    expect(coverageHealth(null, 3, true)).toBe('good');
    expect(coverageHealth(null, 3)).toBe('none');
  });

  it('colours forecast coverage against 100% and close rate against the team', () => {
    expect(forecastHealth(1)).toBe('good');
    expect(forecastHealth(0.87)).toBe('warn');
    expect(forecastHealth(0.5)).toBe('bad');
    expect(closeRateHealth(0.3, 0.3)).toBe('good');
    expect(closeRateHealth(0.25, 0.3)).toBe('warn');
    expect(closeRateHealth(0.2, 0.3)).toBe('bad');
    expect(closeRateHealth(null, 0.3)).toBe('none');
  });

  it('takes the coverage target from the document, else 3', () => {
    expect(coverageTarget({ coverage_target: 2.5 })).toBe(2.5);
    expect(coverageTarget({})).toBe(3);
    expect(coverageTarget({ coverage_target: null })).toBe(3);
  });
});

describe('close rate summary', () => {
  it('uses the current quarter (the last element)', () => {
    const s = closeRateSummary(david().win_rates);
    expect(s.basis).toBe('quarter');
    expect(s.period).toBe('FY2026-Q4');
    expect(s.rate).toBe(0.25);
    expect(s.team).toBeCloseTo(14 / 42, 10);
    // pooled over 5 quarters: (5+2+2+2+2)/(12+10+11+9+8)
    expect(s.averageRate).toBeCloseTo(13 / 50, 10);
  });

  it('falls back to the average when the current quarter has no closed deals', () => {
    const w = david().win_rates!;
    w[w.length - 1] = { period: 'FY2026-Q4', closed: 0, won: 0, win_rate: null, team_win_rate: 0.3 };
    const s = closeRateSummary(w);
    expect(s.basis).toBe('average');
    expect(s.rate).toBeCloseTo(11 / 42, 10);
  });

  it('has no rate without any closed deal', () => {
    expect(closeRateSummary([]).rate).toBeNull();
    expect(closeRateSummary(undefined).basis).toBe('none');
  });
});

describe('kpi tiles', () => {
  it("shows David's figures formatted, coloured by health", () => {
    const tiles = kpiTiles(david());
    const byId = Object.fromEntries(tiles.map((t) => [t.id, t]));
    expect(byId['kpi-retirement']!.value).toBe('20%');
    expect(byId['kpi-retirement']!.health).toBe('bad'); // pace 0.236
    expect(byId['kpi-retirement']!.details.join(' ')).toContain('Pace 0.24×');
    expect(byId['kpi-coverage']!.value).toBe('2.2×');
    expect(byId['kpi-coverage']!.health).toBe('warn'); // 2.17 of target 3
    expect(byId['kpi-forecast']!.items!.map((i) => i.value)).toEqual(['50%', '87%', '57%']);
    expect(byId['kpi-forecast']!.items!.map((i) => i.health)).toEqual(['bad', 'warn', 'bad']);
    expect(byId['kpi-close-rate']!.value).toBe('25%');
    expect(byId['kpi-close-rate']!.health).toBe('bad'); // 25% vs team 33%: below 80% of the team
  });

  it('shows — for null ratios (quota 0)', () => {
    const doc = david();
    Object.assign(doc, { quota: 0, quota_retirement: null, pace: null, pipeline_coverage: null, forecast_coverage: { commit: null, best_case: null, calculated: null } });
    const tiles = kpiTiles(doc);
    expect(tiles[0]!.value).toBe('—');
    expect(tiles[0]!.health).toBe('none');
    expect(tiles[1]!.value).toBe('—');
    expect(tiles[2]!.items!.every((i) => i.value === '—')).toBe(true);
  });

  it('says "Quota met" when coverage is null because the quota is retired', () => {
    const doc = david();
    Object.assign(doc, { bookings: 320000, quota_retirement: 320000 / 300000, pace: 1.26, remaining_quota: 0, pipeline_coverage: null, quota_met: true });
    const t = kpiTiles(doc);
    expect(t[1]!.value).toBe('Quota met');
    expect(t[1]!.health).toBe('good');
    expect(t[0]!.value).toBe('107%');
    expect(t[0]!.health).toBe('good');
  });
});

describe('close rate averages', () => {
  it('pools the team over the quarters when the counts are there', () => {
    // team won 20+18+18+18+14 = 88 of 61+55+58+53+42 = 269 closed
    expect(closeRateSummary(david().win_rates).averageTeam).toBeCloseTo(88 / 269, 10);
  });

  it('falls back to the mean of the team rates without counts', () => {
    const w = david().win_rates!.map(({ team_closed: _c, team_won: _w, ...rest }) => rest);
    const mean = w.reduce((s, x) => s + (x.team_win_rate ?? 0), 0) / w.length;
    expect(closeRateSummary(w).averageTeam).toBeCloseTo(mean, 10);
  });
});
