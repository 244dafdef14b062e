// Shared by duckdb.mjs and sqlite.mjs: the parameters of the benchmark (as-of
// date, period, win-rate quarters, settings of the data set), timing, and the
// names of the per-owner figures both SQL dialects compute.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const WARMUP = 1;
export const RUNS = Number(process.env.SC_COMPARE_RUNS || 5);

// Days since 1970-01-01 of a YYYY-MM-DD date, and back.
export const dayOf = (s) => Math.round(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000);
export const dateOf = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
const monthStart = (k) => Math.round(Date.UTC(Math.floor(k / 12), k % 12, 1) / 86400000);

// The few settings of settings.toml the compared figures use (SPEC §4), with
// the defaults of the specification.
export function readSettings(dataDir) {
  const s = {
    start_month: 1, lookback_days: 365, winrate_quarters: 4, winrate_types: ['New Business'],
    stale_days: 14, touch_types: ['call', 'email'],
  };
  const file = join(dataDir, 'settings.toml');
  if (!existsSync(file)) return s;
  let section = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const sec = line.match(/^\[(.+)\]$/);
    if (sec) { section = sec[1].trim(); continue; }
    const kv = line.match(/^([A-Za-z_]+)\s*=\s*(.+)$/);
    if (!kv) continue;
    const key = `${section}.${kv[1]}`;
    const val = kv[2].trim();
    const list = () => JSON.parse(val);
    if (key === 'fiscal.start_month') s.start_month = Number(val);
    if (key === 'forecast.lookback_days') s.lookback_days = Number(val);
    if (key === 'winrate.quarters') s.winrate_quarters = Number(val);
    if (key === 'winrate.types') s.winrate_types = list();
    if (key === 'accounts.stale_days') s.stale_days = Number(val);
    if (key === 'accounts.touch_types') s.touch_types = list();
  }
  return s;
}

// The scoring period (the fiscal quarter containing D) and the win-rate
// quarters (SPEC §2.1, §3.4, §7.10), as day numbers.
export function params(dataDir, asOf) {
  const st = readSettings(dataDir);
  const D = dayOf(asOf);
  const dt = new Date(D * 86400000);
  const k = dt.getUTCFullYear() * 12 + dt.getUTCMonth();
  const m0 = st.start_month - 1;
  const qk = k - (((k - m0) % 3) + 3) % 3;
  const quarter = (q) => {
    const fs = q - (((q - m0) % 12) + 12) % 12;
    const fy = Math.floor((fs + 11) / 12);
    return { label: `FY${fy}-Q${(q - fs) / 3 + 1}`, start: monthStart(q), end: monthStart(q + 3) - 1 };
  };
  const P = quarter(qk);
  const quarters = [];
  for (let i = st.winrate_quarters; i >= 0; --i) quarters.push(quarter(qk - 3 * i));
  return { st, D, asOf, P, quarters };
}

// Per-owner figures, additive over owners (so a person's figures are the sum
// over the owners of the subtree, and the team's over the team's subtrees).
export function figureColumns(openOrders, nQuarters) {
  const cols = ['bookings', 'open_pipeline', 'open_commit', 'open_best_case'];
  for (let i = 0; i < nQuarters; ++i) cols.push(`q${i}_closed`, `q${i}_won`, `q${i}_closed_amount`, `q${i}_won_amount`);
  cols.push('cohort');
  for (const o of openOrders.slice(1)) cols.push(`reached_${o}`);
  cols.push('cohort_won');
  return cols;
}

export function median(xs) {
  const a = [...xs].sort((x, y) => x - y);
  const n = a.length;
  return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

// Runs fn WARMUP + RUNS times; returns the median of the timed runs (ms) and
// the result of the last run.
export async function timeIt(fn) {
  let result;
  for (let i = 0; i < WARMUP; ++i) result = await fn();
  const runs = [];
  const cpu = [];
  for (let i = 0; i < RUNS; ++i) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = await fn();
    runs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  // cpu: the process's user + system time (all its threads), less sensitive
  // than wall time to other load on the machine.
  return { median_ms: median(runs), runs_ms: runs, cpu_median_ms: median(cpu), result };
}

export const log = (...a) => console.error(...a);

// JSON.stringify with BigInt (DuckDB returns BIGINT/HUGEINT as BigInt).
export const toJson = (x) => JSON.stringify(x, (k, v) => (typeof v === 'bigint' ? Number(v) : v), 1);

// Money columns (SQLite stores cents; DuckDB returns DECIMAL objects).
export const MONEY = /^(bookings|open_pipeline|open_commit|open_best_case|q\d+_(closed|won)_amount|commit|best_case|quota|team_(bookings|open_pipeline|open_commit|open_best_case|q\d+_(closed|won)_amount))$/;

// Plain numbers from a result row: DECIMAL objects and BigInts to Number,
// cents to units when `centsToUnits`.
export function plain(row, centsToUnits = false) {
  if (row == null) return row;
  const out = {};
  for (const [k, v0] of Object.entries(row)) {
    let v = v0;
    if (v && typeof v === 'object' && 'scale' in v && 'value' in v) v = Number(v.value) / 10 ** v.scale;
    else if (typeof v === 'bigint') v = Number(v);
    if (centsToUnits && typeof v === 'number' && MONEY.test(k)) v = v / 100;
    out[k] = v;
  }
  return out;
}
