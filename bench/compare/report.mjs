// Writes the results of bench/run_all.sh into docs/benchmarks.md: the file's
// header and, in the section "Engine vs DuckDB and SQLite", the subsection of
// this scale. Every other section (and the other scales' subsections) is kept
// as it is in the file, which is re-read right before writing.
//
//   node bench/compare/report.mjs --scale 17 --dir RESULTS_DIR --data DATA_DIR --doc docs/benchmarks.md
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const opt = (k) => argv[argv.indexOf(`--${k}`) + 1];
const scale = opt('scale');
const dir = opt('dir');
const doc = opt('doc');
const read = (f) => readFileSync(join(dir, f), 'utf8').trim();
const readJson = (f) => JSON.parse(read(f));

const duck = readJson('duckdb.json');
const lite = readJson('sqlite.json');
const validate = existsSync(join(dir, 'validate.json')) ? readJson('validate.json') : { ok: false, checks: [] };
const engine = readJson('engine.json');
const engineLine = (read('engine.stderr').match(/engine_bench: .*/) || [''])[0];
const engineMiB = (engineLine.match(/engine (\d+) MiB/) || [])[1];
const counts = engineLine.replace(/^engine_bench: /, '').replace(/; engine .*/, '');

const benchMedian = (name, field = 'real_time') => {
  const b = engine.benchmarks.find((x) => x.run_name === name && x.aggregate_name === 'median');
  if (!b) return null;
  const unit = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit];
  return b[field] * unit;
};
const runAt = existsSync(join(dir, 'run_at')) ? read('run_at') : new Date().toISOString().slice(0, 16).replace('T', ' ');
const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [, cpus()[0]?.model || '?'])[1];
const memGiB = (totalmem() / 2 ** 30).toFixed(1);
const nproc = cpus().length;
const loadBefore = read('load_before');
const loadAfter = read('load_after');
const loaded = Math.max(...loadBefore.split(' ').map(Number), ...loadAfter.split(' ').map(Number)) > nproc * 0.75;

const ms = (x) => (x == null ? '—' : x < 1 ? `${x.toFixed(3)} ms` : x < 100 ? `${x.toFixed(1)} ms` : x < 10000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`);
const sec = (x) => `${Number(x).toFixed(2)} s`;
const ratio = (a, b) => (a == null || b == null || b === 0 ? '—' : a / b >= 100 ? `${Math.round(a / b)}×` : `${(a / b).toFixed(1)}×`);

const rows = [
  ['ae', 'BM_ScorecardAe', `one AE's scorecard (${duck.people.ae}, David)`],
  ['manager', 'BM_ScorecardFirstLineManager', `a first-line manager's (${duck.people.manager}, David's)`],
  ['vp', 'BM_ScorecardTop', `the VP's over the whole org (${duck.people.vp})`],
  ['all_aes', 'BM_AllAeScorecards', 'every AE\'s scorecard (engine: one after another; SQL: one GROUP BY owner query)'],
  ['stale', 'BM_StaleAccountsBusiestAe', `stale accounts of the AE with the most accounts (${duck.people.busiest})`],
];
let table = '| figures | engine | DuckDB | SQLite | faster SQL ÷ engine |\n|---|---:|---:|---:|---:|\n';
for (const [key, bm, label] of rows) {
  const e = benchMedian(bm);
  const d = duck.queries[key]?.median_ms;
  const s = lite.queries[key]?.median_ms;
  const best = Math.min(d ?? Infinity, s ?? Infinity);
  table += `| ${label} | ${ms(e)} | ${ms(d)} | ${ms(s)} | **${ratio(best, e)}** (${d <= s ? 'DuckDB' : 'SQLite'}) |\n`;
}
// The same in CPU time (user + system of all threads), when both tools have it.
let cpuTable = '';
if (duck.queries.ae?.cpu_median_ms != null && lite.queries.ae?.cpu_median_ms != null) {
  cpuTable = '\nCPU time (user + system, all threads: less sensitive to the other load on the machine):\n\n'
    + '| figures | engine | DuckDB | SQLite | faster SQL ÷ engine |\n|---|---:|---:|---:|---:|\n';
  for (const [key, bm, label] of rows) {
    const e = benchMedian(bm, 'cpu_time');
    const d = duck.queries[key]?.cpu_median_ms;
    const s = lite.queries[key]?.cpu_median_ms;
    const best = Math.min(d ?? Infinity, s ?? Infinity);
    cpuTable += `| ${label.replace(/ \(engine:.*\)$/, '')} | ${ms(e)} | ${ms(d)} | ${ms(s)} | ${ratio(best, e)} |\n`;
  }
}
const importS = Number(read('import_s'));
const loadS = duck.load_ms / 1000;
// How much single runs varied.
const sqlSpread = Math.max(...[duck, lite].flatMap((t) => Object.values(t.queries).map((q) => Math.max(...q.runs_ms) / Math.max(1e-9, Math.min(...q.runs_ms)))));
const engineCv = Math.max(...engine.benchmarks.filter((b) => b.aggregate_name === 'cv').map((b) => b.real_time));
const spread = `single SQL runs differed by up to ${sqlSpread.toFixed(1)}× (slowest ÷ fastest), the engine's repetitions by a coefficient of variation up to ${(engineCv * 100).toFixed(0)}%`;
// The goals of issue 7, at the large scale.
let goals = '';
if (scale === 'large') {
  const e = (bm) => benchMedian(bm);
  const best = (k) => Math.min(duck.queries[k].median_ms, lite.queries[k].median_ms);
  const g = (ok, text) => `${ok ? 'met' : '**missed**'}: ${text}`;
  goals = `\nGoals of issue 7 on this run: ${[
    g(e('BM_ScorecardAe') < 1, `one AE under 1 ms (${ms(e('BM_ScorecardAe'))})`),
    g(e('BM_ScorecardTop') < 100, `the VP under 100 ms (${ms(e('BM_ScorecardTop'))}, CPU ${ms(benchMedian('BM_ScorecardTop', 'cpu_time'))})`),
    g(e('BM_AllAeScorecards') < 2000, `all AEs under 2 s (${ms(e('BM_AllAeScorecards'))})`),
    ...[['ae', 'BM_ScorecardAe', 'one AE'], ['vp', 'BM_ScorecardTop', 'the VP'], ['all_aes', 'BM_AllAeScorecards', 'all AEs']]
      .map(([k, bm, t]) => g(best(k) / e(bm) >= 10, `${t} at least 10× the faster SQL (${ratio(best(k), e(bm))})`)),
    g(importS <= loadS, `import at least as fast as DuckDB's CSV load (${sec(importS)} vs ${sec(loadS)})`),
    g(Number(engineMiB) < 4096, `loaded engine under 4 GiB (${engineMiB} MiB)`),
  ].join('; ')}.\n`;
}
const catS = Number(read('cat.time'));
const dataMB = (Number(read('data_bytes')) / 1e6).toFixed(0);
const importRss = Math.round(Number(read('import_rss_kb')) / 1024);
const label = scale === 'large' ? 'large' : `${scale} (medium)`;

const sub = `### Scale ${label}

Run of ${runAt} UTC, \`bench/run_all.sh ${scale}\`
(${read('elapsed_s')} s in all) on ${nproc} × ${cpuModel}, ${memGiB} GiB; load average
${loadBefore} before and ${loadAfter} after${loaded ? ' — **the machine was loaded** by other engineers\' builds' : ''}. Every figure is a median (engine: 5
repetitions of Google Benchmark; SQL: 5 runs after a warm-up); ${spread}.
Data: ${counts} (${dataMB} MB of CSV); as of ${duck.as_of}, period ${duck.period.label}.
DuckDB ${duck.version} (${duck.threads} threads, in memory), SQLite ${lite.version} (sqlite3 CLI, \`.timer\`, 1 ms resolution).

${table}${cpuTable}
| loading the same files | time | ratio |
|---|---:|---:|
| reading them (\`cat\`, warm cache) | ${sec(catS)} | |
| \`scorecards import\` (validation, SQLite database, engine snapshot; median of ${read('import_runs').split(/\s+/).length}, max RSS ${importRss} MB) | ${sec(importS)} | |
| DuckDB CSV load (\`CREATE TABLE … AS SELECT * FROM read_csv(…)\`, 9 files) | ${sec(loadS)} | **DuckDB load ÷ import = ${(loadS / importS).toFixed(2)}×** |

Set-up outside the query timings, as a capable user would do once: DuckDB's
derived tables ${sec(duck.prep_ms / 1000)}; SQLite's indexes (and ANALYZE)
${sec(lite.index_ms / 1000)} plus its derived tables ${sec(lite.prep_ms / 1000)}.
Loaded engine: ${engineMiB ?? '?'} MiB (its own accounting).
${goals}
Agreement with the engine (\`bench/compare/validate.mjs\`): ${validate.ok ? 'all figures agree' : '**DISAGREEMENT — see validate.txt of the run**'}
(${validate.checks.map((c) => `${c.label}: ${c.ok ? 'agree' : 'DISAGREE'} on ${c.fields} figures`).join('; ')}).
`;

const intro = `## Engine vs DuckDB and SQLite

The same figures computed by the engine (\`bench/engine_bench\`, on the
imported database), by DuckDB (npm \`@duckdb/node-api\`, from the native CSV
files) and by SQLite (the \`sqlite3\` CLI, on the database \`scorecards
import\` wrote, copied, with indexes added), on the same files in the same run
(\`bench/run_all.sh\`; the SQL is in \`bench/compare/\`). The ratio is the
faster of DuckDB and SQLite divided by the engine; import is compared with
DuckDB's CSV load.

What the SQL computes, as of D (end of the day, UTC) with the opportunity
state of SPEC §2.2 — per opportunity the last history row at or before D,
else its first row, else its own fields with the closed-after-D rule; empty
history fields carried forward; forecast categories per §7.3:
- one person (an AE, a manager, the VP): quota prorated by overlap days
  (managers without rows: their reports', recursively), bookings, open
  pipeline without \`omitted\`, open commit and best case, the judgment
  forecast (latest submitted row, else categories, for managers the roll-up),
  win counts and amounts of the last 4 quarters and the current one with the
  team's, and the funnel's reached counts of the 365-day cohort (rep and
  team);
- every AE at once: the same per AE (own quota and forecast) with the team's
  win counts and funnel, in one \`GROUP BY owner\` query;
- the stale-account list (§3.6, §7.12) of the AE with the most accounts: open
  pipeline, open deals, next close date, last call or email by anyone, the
  30/90-day counts, stale when untouched for more than 14 days.

The engine computes more for the same timing: the whole scorecard (timeline,
calculated forecast with p_win, KPIs, stalled and slipped deals, accounts,
diagnosis with z-tests) and, for the stale list, every account column. The SQL
is written as a capable user would: DuckDB — typed \`read_csv\`, window
functions with \`IGNORE NULLS\` to resolve history once, \`arg_max\` for the
state as of D, conditional aggregates, recursive CTEs over the manager tree,
prepared statements; SQLite — indexes on every join and filter column,
\`ANALYZE\`, the same derived history table (\`WITHOUT ROWID\`, keyed by
opportunity), \`max()\` with bare columns for the state as of D, materialized
CTEs, a 1 GiB page cache and memory-mapped reads. Both prepare, once and
outside the timings, what does not depend on the as-of date (the history with
empty fields resolved and the running highest open stage, each activity's
account, the manager tree's closure). Each query runs once as a warm-up, then 5
times; the median is shown.
`;

const header = `# Benchmarks

How fast Scorecards is on one machine (SPEC §6), measured — never asserted in
tests. \`bench/run_all.sh [17|large]\` generates the demo data set at that
scale, imports it, runs the engine benchmarks and the same figures in DuckDB
and SQLite, and rewrites the section "Engine vs DuckDB and SQLite" below
(and this header); the other sections ("Import and load", "HTTP") are written
by their own benchmarks and kept as they are. Scale 17 (medium) runs in a few
minutes; \`large\` (2,000 AEs, 2,000,000 opportunities, 2.6 GB of CSV) takes
longer.

Last run of \`bench/run_all.sh\`: ${runAt.slice(0, 10)}, on ${nproc} × ${cpuModel}, ${memGiB} GiB of memory.
`;

// ---- Merge into the file as it is now.
const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
const parts = old.split(/^(?=## )/m);
const head = parts[0].startsWith('## ') ? '' : parts.shift();
void head; // the header is ours: replaced
const SECTION = '## Engine vs DuckDB and SQLite';
let idx = parts.findIndex((p) => p.startsWith(SECTION));
let subs = [];
if (idx >= 0) {
  const sp = parts[idx].split(/^(?=### )/m);
  sp.shift(); // the intro: ours, replaced
  subs = sp;
}
const subTitle = `### Scale ${label}`;
const j = subs.findIndex((s) => s.split('\n')[0].trim() === subTitle);
if (j >= 0) subs[j] = `${sub}\n`;
else subs.push(`${sub}\n`);
subs.sort((a, b) => (a.startsWith('### Scale large') ? 1 : 0) - (b.startsWith('### Scale large') ? 1 : 0));
const section = `${intro}\n${subs.join('')}`;
if (idx >= 0) parts[idx] = section;
else parts.unshift(section);
const text = `${header}\n${parts.map((p) => p.replace(/\n*$/, '\n\n')).join('')}`.replace(/\n+$/, '\n');
// Re-read right before writing: if someone else changed the file meanwhile, start over.
if ((existsSync(doc) ? readFileSync(doc, 'utf8') : '') !== old) {
  console.error('report: docs/benchmarks.md changed while merging; run report.mjs again');
  process.exit(2);
}
writeFileSync(`${doc}.tmp`, text);
renameSync(`${doc}.tmp`, doc);
console.error(`report: wrote ${doc} (section "${SECTION}", ${subTitle})`);
