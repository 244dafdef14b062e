// The account table of the one-on-one page (SPEC §3.6): columns, cell text
// and the server-side sort parameter. Sorting and filtering happen on the
// server (sort=, open_pipeline=1, stale=1); this module only formats.
import { date, money, num } from '../format';
import type { AccountRow } from '../types';
import type { SortDir } from './sort';

export interface Column<R> {
  /** The API's column name (also the sort key). */
  key: string;
  label: string;
  /** A shorter header for narrow screens and print. */
  title?: string;
  numeric: boolean;
  defaultDir: SortDir;
  text: (row: R) => string;
  group?: string;
}

export const ACCOUNT_COLUMNS: Column<AccountRow>[] = [
  { key: 'name', label: 'Account', numeric: false, defaultDir: 'asc', text: (r) => r.name },
  { key: 'open_pipeline', label: 'Open pipeline', numeric: true, defaultDir: 'desc', text: (r) => money(r.open_pipeline) },
  { key: 'open_opportunities', label: 'Open opps', numeric: true, defaultDir: 'desc', text: (r) => num(r.open_opportunities) },
  { key: 'last_touch_at', label: 'Last touch', numeric: false, defaultDir: 'asc', text: (r) => date(r.last_touch_at) },
  { key: 'days_since_touch', label: 'Days since', numeric: true, defaultDir: 'desc', text: (r) => num(r.days_since_touch) },
  { key: 'calls_30d', label: 'Calls', group: '30 days', numeric: true, defaultDir: 'desc', text: (r) => num(r.calls_30d) },
  { key: 'emails_30d', label: 'Emails', group: '30 days', numeric: true, defaultDir: 'desc', text: (r) => num(r.emails_30d) },
  { key: 'meetings_30d', label: 'Meetings', group: '30 days', numeric: true, defaultDir: 'desc', text: (r) => num(r.meetings_30d) },
  { key: 'calls_90d', label: 'Calls', group: '90 days', numeric: true, defaultDir: 'desc', text: (r) => num(r.calls_90d) },
  { key: 'emails_90d', label: 'Emails', group: '90 days', numeric: true, defaultDir: 'desc', text: (r) => num(r.emails_90d) },
  { key: 'meetings_90d', label: 'Meetings', group: '90 days', numeric: true, defaultDir: 'desc', text: (r) => num(r.meetings_90d) },
  { key: 'next_close_date', label: 'Next close', numeric: false, defaultDir: 'asc', text: (r) => date(r.next_close_date) },
];

export const DEFAULT_ACCOUNT_SORT = '-open_pipeline';
export const ACCOUNTS_PAGE_SIZE = 50;

export interface RowModel {
  id: string;
  stale: boolean;
  cells: { key: string; text: string; numeric: boolean }[];
}

export function accountRowModels(rows: AccountRow[]): RowModel[] {
  return rows.map((r) => ({
    id: r.id,
    stale: r.stale === true,
    cells: ACCOUNT_COLUMNS.map((c) => ({ key: c.key, text: c.text(r), numeric: c.numeric })),
  }));
}

/** "Showing 1–50 of 213 accounts". */
export function pageSummary(offset: number, shown: number, total: number): string {
  if (total === 0) return 'No accounts';
  const noun = total === 1 ? 'account' : 'accounts';
  if (shown >= total && offset === 0) return `${num(total)} ${noun}`;
  return `Showing ${num(offset + 1)}–${num(offset + shown)} of ${num(total)} ${noun}`;
}
