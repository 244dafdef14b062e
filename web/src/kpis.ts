// KPI tiles of the one-on-one page (SPEC §1 "mutual buy-in"): pure models
// with the formatted value and a health colour, rendered by pages/person.ts.
//
// Health rules (written down in web/README.md):
//   retirement  pace >= 1 good, >= 0.8 warn, else bad (quota met: good)
//   coverage    >= target good, >= 2/3 of target warn, else bad (quota met: good)
//   forecast    coverage >= 100% good, >= 80% warn, else bad
//   close rate  >= team good, >= 80% of team warn, else bad
import { DASH, isNum, money, moneyCompact, multiple, num, percent } from './format';
import type { Scorecard, WinRate } from './types';

export type Health = 'good' | 'warn' | 'bad' | 'none';

export const DEFAULT_COVERAGE_TARGET = 3;

export function paceHealth(pace: number | null | undefined, quotaMet = false): Health {
  if (quotaMet) return 'good';
  if (!isNum(pace)) return 'none';
  if (pace >= 1) return 'good';
  if (pace >= 0.8) return 'warn';
  return 'bad';
}

export function coverageHealth(coverage: number | null | undefined, target: number, quotaMet = false): Health {
  if (quotaMet) return 'good';
  if (!isNum(coverage)) return 'none';
  if (coverage >= target) return 'good';
  if (coverage >= (target * 2) / 3) return 'warn';
  return 'bad';
}

export function forecastHealth(coverage: number | null | undefined): Health {
  if (!isNum(coverage)) return 'none';
  if (coverage >= 1) return 'good';
  if (coverage >= 0.8) return 'warn';
  return 'bad';
}

export function closeRateHealth(rate: number | null | undefined, team: number | null | undefined): Health {
  if (!isNum(rate) || !isNum(team)) return 'none';
  if (rate >= team) return 'good';
  if (rate >= team * 0.8) return 'warn';
  return 'bad';
}

export function coverageTarget(doc: Pick<Scorecard, 'coverage_target'>): number {
  return isNum(doc.coverage_target) && doc.coverage_target > 0 ? doc.coverage_target : DEFAULT_COVERAGE_TARGET;
}

export interface CloseRateSummary {
  /** "quarter" when the current quarter has a rate, else "average" over the listed quarters. */
  basis: 'quarter' | 'average' | 'none';
  rate: number | null;
  team: number | null;
  period: string | null;
  won: number;
  closed: number;
  /** Pooled over all listed quarters: Σ won / Σ closed. */
  averageRate: number | null;
  /** Σ team_won / Σ team_closed, or the mean of the team's quarterly rates without counts. */
  averageTeam: number | null;
  quarters: number;
}

function mean(values: (number | null | undefined)[]): number | null {
  const xs = values.filter(isNum);
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

/** The close-rate figure of the tile: the current quarter (the last element), else the average. */
export function closeRateSummary(winRates: WinRate[] | undefined): CloseRateSummary {
  const list = winRates ?? [];
  const won = list.reduce((s, w) => s + (isNum(w.won) ? w.won : 0), 0);
  const closed = list.reduce((s, w) => s + (isNum(w.closed) ? w.closed : 0), 0);
  const averageRate = closed > 0 ? won / closed : null;
  // Pooled over the quarters when the team counts are there, else the mean of the rates.
  const teamClosed = list.reduce((s, w) => s + (isNum(w.team_closed) ? w.team_closed : 0), 0);
  const teamWon = list.reduce((s, w) => s + (isNum(w.team_won) ? w.team_won : 0), 0);
  const averageTeam = list.every((w) => isNum(w.team_closed) && isNum(w.team_won))
    ? (teamClosed > 0 ? teamWon / teamClosed : null)
    : mean(list.map((w) => w.team_win_rate));
  const current = list.length ? list[list.length - 1] : undefined;
  const base = { averageRate, averageTeam, quarters: list.length };
  if (current && isNum(current.win_rate)) {
    return {
      ...base,
      basis: 'quarter',
      rate: current.win_rate,
      team: isNum(current.team_win_rate) ? current.team_win_rate : null,
      period: current.period,
      won: current.won,
      closed: current.closed,
    };
  }
  if (averageRate !== null) {
    return { ...base, basis: 'average', rate: averageRate, team: averageTeam, period: null, won, closed };
  }
  return { ...base, basis: 'none', rate: null, team: null, period: current?.period ?? null, won: 0, closed: 0 };
}

export interface KpiItem {
  id: string;
  label: string;
  value: string;
  raw: number | null;
  health: Health;
}

export interface KpiTile extends KpiItem {
  /** Secondary lines under the value. */
  details: string[];
  /** Sub-values (forecast coverage: commit, best case, calculated). */
  items?: KpiItem[];
}

export function kpiTiles(doc: Scorecard): KpiTile[] {
  const target = coverageTarget(doc);
  const quotaMet = doc.quota_met === true;
  const elapsed = doc.period?.elapsed_fraction;

  const retirement: KpiTile = {
    id: 'kpi-retirement',
    label: 'Quota retirement',
    value: percent(doc.quota_retirement),
    raw: isNum(doc.quota_retirement) ? doc.quota_retirement : null,
    health: paceHealth(doc.pace, quotaMet),
    details: [
      `${money(doc.bookings)} booked of ${money(doc.quota)}`,
      isNum(doc.pace)
        ? `Pace ${num(doc.pace, 2)}×${isNum(elapsed) ? ` · ${percent(elapsed)} of quarter gone` : ''}`
        : `Pace ${DASH}`,
    ],
  };

  const coverage: KpiTile = {
    id: 'kpi-coverage',
    label: 'Pipeline coverage',
    value: quotaMet && !isNum(doc.pipeline_coverage) ? 'Quota met' : multiple(doc.pipeline_coverage),
    raw: isNum(doc.pipeline_coverage) ? doc.pipeline_coverage : null,
    health: coverageHealth(doc.pipeline_coverage, target, quotaMet),
    details: [
      `${moneyCompact(doc.open_pipeline)} open vs ${moneyCompact(doc.remaining_quota)} to go`,
      `Target ${multiple(target)}`,
    ],
  };

  const fc = doc.forecast_coverage ?? { commit: null, best_case: null, calculated: null };
  const f = doc.forecast ?? { commit: null, best_case: null, calculated: null };
  const items: KpiItem[] = [
    { id: 'kpi-forecast-commit', label: 'Commit', value: percent(fc.commit), raw: isNum(fc.commit) ? fc.commit : null, health: forecastHealth(fc.commit) },
    { id: 'kpi-forecast-best-case', label: 'Best case', value: percent(fc.best_case), raw: isNum(fc.best_case) ? fc.best_case : null, health: forecastHealth(fc.best_case) },
    { id: 'kpi-forecast-calculated', label: 'Calculated', value: percent(fc.calculated), raw: isNum(fc.calculated) ? fc.calculated : null, health: forecastHealth(fc.calculated) },
  ];
  const forecast: KpiTile = {
    id: 'kpi-forecast',
    label: 'Forecast coverage',
    value: items[0]!.value,
    raw: items[0]!.raw,
    health: items[0]!.health,
    items,
    details: [
      `Commit ${moneyCompact(f.commit)} · best ${moneyCompact(f.best_case)} · calc. ${moneyCompact(f.calculated)}`,
      f.source ? `Source: ${f.source === 'categories' ? 'forecast categories' : f.source}` : 'vs 100% of quota',
    ],
  };

  const cr = closeRateSummary(doc.win_rates);
  const closeRate: KpiTile = {
    id: 'kpi-close-rate',
    label: cr.basis === 'average' ? `Close rate (last ${cr.quarters} qtrs)` : 'Close rate (this quarter)',
    value: percent(cr.rate),
    raw: cr.rate,
    health: closeRateHealth(cr.rate, cr.team),
    details: [
      `Team ${percent(cr.team)}${cr.basis === 'quarter' ? ` · ${num(cr.won)} won of ${num(cr.closed)}` : ''}`,
      cr.quarters > 1 ? `Last ${cr.quarters} qtrs ${percent(cr.averageRate)} vs team ${percent(cr.averageTeam)}` : 'New business, by count',
    ],
  };

  return [retirement, coverage, forecast, closeRate];
}
