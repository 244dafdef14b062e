// Formatting numbers, money and dates for people. Every formatter returns
// DASH ("—") for null, undefined and non-finite values (SPEC §3: a ratio with a
// zero denominator is shown as "—", never 0 or infinity).
//
//   money(60000)          -> "$60,000"
//   moneyCompact(1234567) -> "$1.2M"
//   percent(0.348)        -> "35%"
//   multiple(2.1667)      -> "2.2×"

export const DASH = '—';
const LOCALE = 'en-US';
let currency = 'USD';

/** Sets the ISO 4217 currency used by money formatters (one per dataset). */
export function setCurrency(code: string): void {
  if (/^[A-Z]{3}$/.test(code)) currency = code;
}

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${currency}|${key}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, opts);
    cache.set(k, f);
  }
  return f;
}

/** Full amount: no decimals from 1,000 up, at most 2 below ("$60,000", "$12.50"). */
export function money(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  if (Math.abs(v) >= 1000) {
    return nf('money0', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(v);
  }
  return nf('money2', { style: 'currency', currency, maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(v);
}

/** Short amount for tiles and axes ("$520K", "$1.2M", "$950"). */
export function moneyCompact(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return nf('moneyC', { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(v);
}

/** A fraction as a percentage: percent(0.2) -> "20%", percent(0.2359, 1) -> "23.6%". */
export function percent(v: number | null | undefined, digits = 0): string {
  if (!isNum(v)) return DASH;
  return nf(`pct${digits}`, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

/** A coverage ratio as a multiple: multiple(2.1667) -> "2.2×". */
export function multiple(v: number | null | undefined, digits = 1): string {
  if (!isNum(v)) return DASH;
  return `${nf(`mul${digits}`, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)}×`;
}

/** An integer or decimal with grouping: num(1234) -> "1,234". */
export function num(v: number | null | undefined, digits = 0): string {
  if (!isNum(v)) return DASH;
  return nf(`num${digits}`, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
}

/** A p-value: "0.01", "0.004", "<0.001". */
export function pValue(p: number | null | undefined): string {
  if (!isNum(p)) return DASH;
  if (p < 0.001) return '<0.001';
  if (p < 0.005) return p.toFixed(3);
  return p.toFixed(2);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date or datetime as a calendar date, in UTC: "2026-12-17" -> "Dec 17, 2026". */
export function date(v: string | null | undefined): string {
  if (!v) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return DASH;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return DASH;
  return `${month} ${Number(m[3])}, ${m[1]}`;
}

/** A short date without the year ("Dec 17"), for chart axes. */
export function shortDate(v: string | null | undefined): string {
  if (!v) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return DASH;
  return `${MONTHS[Number(m[2]) - 1] ?? '?'} ${Number(m[3])}`;
}

/** A count of days: days(1) -> "1 day", days(12) -> "12 days". */
export function days(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return `${num(v)} ${Math.abs(v) === 1 ? 'day' : 'days'}`;
}

/** The first name of a person, for headings ("David Kim" -> "David"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** True for a valid calendar date written YYYY-MM-DD. */
export function isIsoDate(v: string | null | undefined): v is string {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
