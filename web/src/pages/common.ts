// Pieces shared by the pages: title, as-of picker, error panel, sortable header.
import { ApiError } from '../api';
import { h } from '../dom';
import { isIsoDate } from '../format';
import type { Health } from '../kpis';
import type { SortDir } from '../tables/sort';
import { ariaSort } from '../tables/sort';

export interface PageContext {
  root: HTMLElement;
  url: URL;
  /** Aborted when the user leaves the page: drop late results. */
  signal: AbortSignal;
}

export function setTitle(title: string | null): void {
  document.title = title ? `${title} — Scorecards` : 'Scorecards';
}

export function roleLabel(role: string | null | undefined): string {
  switch (role) {
    case 'ae':
      return 'Account executive';
    case 'manager':
      return 'Manager';
    case 'executive':
      return 'Executive';
    default:
      return role ?? '';
  }
}

export function healthClass(health: Health): string {
  return `health-${health}`;
}

/** The as-of date from the URL, if it is a valid date. */
export function asOfParam(url: URL): string | null {
  const v = url.searchParams.get('as_of');
  return isIsoDate(v) ? v : null;
}

/** A date input that calls onChange with a valid YYYY-MM-DD. */
export function asOfPicker(value: string | null, onChange: (date: string | null) => void): HTMLElement {
  const input = h('input', { type: 'date', id: 'as-of', name: 'as_of', value: value ?? '', testid: 'as-of', required: true });
  input.addEventListener('change', () => {
    if (input.value === '' || isIsoDate(input.value)) onChange(input.value || null);
  });
  return h('label', { class: 'as-of' }, h('span', null, 'As of'), input);
}

export function errorPanel(err: unknown): HTMLElement {
  let title = 'Something went wrong';
  let msg = err instanceof Error ? err.message : String(err);
  if (err instanceof ApiError) {
    if (err.status === 404) title = 'Not found';
    else if (err.status === 403) title = 'No access';
    else if (err.status === 400) title = 'Bad request';
    else if (err.status === 0) title = 'Server unreachable';
    msg = err.message;
  }
  return h(
    'section',
    { class: 'panel error', role: 'alert', testid: 'error' },
    h('h2', null, title),
    h('p', null, msg),
    h('p', null, h('a', { href: '/' }, 'Back to people')),
  );
}

export function loading(label = 'Loading…'): HTMLElement {
  return h('p', { class: 'loading', 'aria-live': 'polite' }, label);
}

/** A sortable <th> with a button; aria-sort reflects the current sort. */
export function sortHeader(
  label: string,
  key: string,
  current: { key: string; dir: SortDir } | null,
  numeric: boolean,
  onSort: (key: string) => void,
  title?: string,
): HTMLTableCellElement {
  const state = ariaSort(current, key);
  return h(
    'th',
    { scope: 'col', class: numeric ? 'num' : null, 'aria-sort': state, data: { key } },
    h(
      'button',
      { type: 'button', class: 'sort', title: title ?? `Sort by ${label}`, on: { click: () => onSort(key) } },
      label,
      h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''),
    ),
  );
}
