// Sorting helpers shared by the table models: missing values (null,
// undefined, NaN) always sort last, whatever the direction.

export type SortDir = 'asc' | 'desc';
export type Sortable = number | string | boolean | null | undefined;

function missing(v: Sortable): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Compares two values in the given direction, missing values last. */
export function compareValues(a: Sortable, b: Sortable, dir: SortDir = 'asc'): number {
  const ma = missing(a);
  const mb = missing(b);
  if (ma || mb) return ma === mb ? 0 : ma ? 1 : -1;
  let c: number;
  if (typeof a === 'string' && typeof b === 'string') c = a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true });
  else c = Number(a) - Number(b);
  return dir === 'asc' ? c : -c;
}

/** A stable sort by one key (a copy; the input is not changed). */
export function sortRows<T>(rows: readonly T[], key: (row: T) => Sortable, dir: SortDir): T[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => compareValues(key(x.row), key(y.row), dir) || x.i - y.i)
    .map((x) => x.row);
}

/** Parses a server sort parameter: "-open_pipeline" -> {key: "open_pipeline", dir: "desc"}. */
export function parseSort(sort: string | null | undefined): { key: string; dir: SortDir } | null {
  if (!sort) return null;
  return sort.startsWith('-') ? { key: sort.slice(1), dir: 'desc' } : { key: sort, dir: 'asc' };
}

export function formatSort(key: string, dir: SortDir): string {
  return dir === 'desc' ? `-${key}` : key;
}

/**
 * The sort after a click on column `key`: the same column flips direction,
 * another column starts in its default direction.
 */
export function nextSort(current: { key: string; dir: SortDir } | null, key: string, defaultDir: SortDir): { key: string; dir: SortDir } {
  if (current && current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: defaultDir };
}

/** The aria-sort value of a column header. */
export function ariaSort(current: { key: string; dir: SortDir } | null, key: string): 'ascending' | 'descending' | 'none' {
  if (!current || current.key !== key) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}
