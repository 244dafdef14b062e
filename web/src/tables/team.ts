// The team table (SPEC §3.8, §7.16): one row per direct report plus the team
// total, sortable client-side by any column.
import { money, multiple, num, percent } from '../format';
import type { TeamDoc, TeamRow, TeamTotal } from '../types';
import type { Sortable, SortDir } from './sort';
import { sortRows } from './sort';

export interface TeamColumn {
  key: string;
  label: string;
  numeric: boolean;
  defaultDir: SortDir;
  value: (r: TeamTotal) => Sortable;
  text: (r: TeamTotal) => string;
}

const wr = (r: TeamTotal) => r.win_rate ?? null;

export const TEAM_COLUMNS: TeamColumn[] = [
  { key: 'name', label: 'Name', numeric: false, defaultDir: 'asc', value: (r) => r.user?.name ?? null, text: (r) => r.user?.name ?? 'Team total' },
  { key: 'quota', label: 'Quota', numeric: true, defaultDir: 'desc', value: (r) => r.quota, text: (r) => money(r.quota) },
  { key: 'bookings', label: 'Bookings', numeric: true, defaultDir: 'desc', value: (r) => r.bookings, text: (r) => money(r.bookings) },
  { key: 'quota_retirement', label: 'Retirement', numeric: true, defaultDir: 'desc', value: (r) => r.quota_retirement, text: (r) => percent(r.quota_retirement) },
  { key: 'pace', label: 'Pace', numeric: true, defaultDir: 'desc', value: (r) => r.pace, text: (r) => (typeof r.pace === 'number' ? `${num(r.pace, 2)}×` : num(r.pace)) },
  { key: 'open_pipeline', label: 'Open pipeline', numeric: true, defaultDir: 'desc', value: (r) => r.open_pipeline, text: (r) => money(r.open_pipeline) },
  { key: 'pipeline_coverage', label: 'Coverage', numeric: true, defaultDir: 'desc', value: (r) => r.pipeline_coverage, text: (r) => (r.quota_met && r.pipeline_coverage == null ? 'Quota met' : multiple(r.pipeline_coverage)) },
  { key: 'forecast_coverage_commit', label: 'Commit cov.', numeric: true, defaultDir: 'desc', value: (r) => r.forecast_coverage?.commit, text: (r) => percent(r.forecast_coverage?.commit) },
  { key: 'forecast_coverage_calculated', label: 'Calc. cov.', numeric: true, defaultDir: 'desc', value: (r) => r.forecast_coverage?.calculated, text: (r) => percent(r.forecast_coverage?.calculated) },
  {
    key: 'win_rate', label: 'Close rate', numeric: true, defaultDir: 'desc', value: (r) => wr(r)?.win_rate,
    text: (r) => (wr(r) ? `${percent(wr(r)!.win_rate)} (${num(wr(r)!.won)}/${num(wr(r)!.closed)})` : percent(null)),
  },
  {
    key: 'accounts_stale', label: 'Stale accts', numeric: true, defaultDir: 'desc', value: (r) => r.accounts?.stale,
    text: (r) => (r.accounts ? `${num(r.accounts.stale)} of ${num(r.accounts.with_open_pipeline)}` : num(null)),
  },
];

export interface TeamRowModel {
  id: string | null;
  name: string;
  role: string | null;
  cells: { key: string; text: string; numeric: boolean }[];
  /** Health markers the page colours: pace and coverage. */
  pace: number | null;
  staleAccounts: number;
}

function model(r: TeamTotal): TeamRowModel {
  return {
    id: r.user?.id ?? null,
    name: r.user?.name ?? 'Team total',
    role: r.user?.role ?? null,
    cells: TEAM_COLUMNS.map((c) => ({ key: c.key, text: c.text(r), numeric: c.numeric })),
    pace: typeof r.pace === 'number' ? r.pace : null,
    staleAccounts: r.accounts?.stale ?? 0,
  };
}

/** The direct reports, sorted by a column (default: server order = users.csv order). */
export function teamRowModels(rows: TeamRow[], sort: { key: string; dir: SortDir } | null = null): TeamRowModel[] {
  let sorted: TeamRow[] = rows;
  const col = sort ? TEAM_COLUMNS.find((c) => c.key === sort.key) : undefined;
  if (col && sort) sorted = sortRows(rows, col.value, sort.dir);
  return sorted.map(model);
}

export function teamTotalModel(doc: Pick<TeamDoc, 'team_total'>): TeamRowModel | null {
  if (!doc.team_total) return null;
  const m = model({ ...doc.team_total, user: undefined });
  return { ...m, id: null, name: 'Team total', cells: m.cells.map((c) => (c.key === 'name' ? { ...c, text: 'Team total' } : c)) };
}
