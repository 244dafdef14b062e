// Checks that the SQL figures agree with the engine's: one AE (David), their
// manager and the VP (`scorecards report --format json`), the all-AE query's
// row of the AE, and the stale-account list (`scorecards accounts --stale`).
//
//   node bench/compare/validate.mjs --bin scorecards --db FILE.db --as-of D --out FILE.json TOOL.json...
//
// Prints a side-by-side table for the AE and exits 1 on any disagreement.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const opt = (k) => argv[argv.indexOf(`--${k}`) + 1];
const files = argv.filter((a, i) => a.endsWith('.json') && argv[i - 1] !== '--out');
const tools = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
const run = (...a) => JSON.parse(execFileSync(opt('bin'), [...a, '--as-of', opt('as-of'), '--format', 'json', '--db', opt('db')], { encoding: 'utf8', maxBuffer: 1 << 28 }));

// The engine's figures in the shape of the SQL rows.
function fromEngine(doc) {
  const f = { quota: doc.quota, bookings: doc.bookings, open_pipeline: doc.open_pipeline, commit: doc.forecast.commit, best_case: doc.forecast.best_case };
  doc.win_rates.forEach((w, i) => {
    Object.assign(f, { [`q${i}_closed`]: w.closed, [`q${i}_won`]: w.won, [`team_q${i}_closed`]: w.team_closed, [`team_q${i}_won`]: w.team_won });
    if (w.win_rate_amount != null) f[`q${i}_win_rate_amount`] = w.win_rate_amount;
  });
  f.cohort = doc.funnel.cohort_size;
  const stages = doc.funnel.stages;
  stages.forEach((s, i) => {
    if (i > 0) f[`reached_${s.order}`] = s.reached;
    f[`team_reached_${s.order}`] = s.team_reached;
  });
  const last = stages[stages.length - 1];
  if (last.conversion != null) f.cohort_won = Math.round(last.conversion * last.reached);
  if (last.team_conversion != null) f.team_cohort_won = Math.round(last.team_conversion * last.team_reached);
  return f;
}
// A SQL result (rep row + team row, or an all-AE row with team_ columns) in the same shape.
function fromSql(rows) {
  const rep = Array.isArray(rows) ? rows.find((r) => r.who === 'rep') : rows;
  const team = Array.isArray(rows) ? rows.find((r) => r.who === 'team') : null;
  const f = {};
  for (const [k, v] of Object.entries(rep)) f[k] = v;
  if (team) for (const [k, v] of Object.entries(team)) f[`team_${k}`] = v;
  for (let i = 0; `q${i}_closed` in f; ++i) {
    if (f[`q${i}_closed_amount`]) f[`q${i}_win_rate_amount`] = f[`q${i}_won_amount`] / f[`q${i}_closed_amount`];
  }
  f.team_reached_1 = f.team_cohort;
  return f;
}
const close = (a, b) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) : a === b);

let failures = 0;
const report = { checks: [] };
function compare(label, engine, sqlByTool) {
  const keys = Object.keys(engine);
  let ok = true;
  for (const k of keys) {
    for (const [tool, f] of Object.entries(sqlByTool)) {
      if (!close(engine[k], f[k])) {
        ok = false;
        console.error(`MISMATCH ${label} ${k}: engine ${engine[k]} ${tool} ${f[k]}`);
      }
    }
  }
  report.checks.push({ label, fields: keys.length, ok });
  if (!ok) ++failures;
  return ok;
}

const people = tools[0].people;
const docs = { ae: run('report', '--rep', people.ae), manager: run('report', '--rep', people.manager), vp: run('report', '--rep', people.vp) };
for (const who of ['ae', 'manager', 'vp']) {
  const engine = fromEngine(docs[who]);
  const sql = Object.fromEntries(tools.map((t) => [t.tool, fromSql(t.results[who])]));
  compare(`${who} (${people[who]})`, engine, sql);
  if (who === 'ae') {
    const rows = Object.keys(engine).map((k) => [k, engine[k], ...tools.map((t) => sql[t.tool][k])]);
    console.log(['figure', 'engine', ...tools.map((t) => t.tool)].join('\t'));
    for (const r of rows) console.log(r.map((x) => (typeof x === 'number' ? +x.toFixed(6) : x)).join('\t'));
    report.ae_table = rows;
  }
}
{
  const engine = fromEngine(docs.ae);
  compare(`all-AE query, row of ${people.ae}`, engine, Object.fromEntries(tools.map((t) => [t.tool, fromSql(t.results.all_aes_rep)])));
}
{
  const accounts = run('accounts', '--rep', people.busiest, '--stale');
  const keys = ['id', 'open_pipeline', 'open_opportunities', 'last_touch_at', 'days_since_touch', 'calls_30d', 'emails_30d', 'meetings_30d',
    'calls_90d', 'emails_90d', 'meetings_90d', 'next_close_date'];
  const pick = (r) => Object.fromEntries(keys.map((k) => [k, k.endsWith('d') && k !== 'id' && r[k] == null && k.match(/_(30|90)d$/) ? 0 : r[k]]));
  const engine = { count: accounts.length };
  accounts.slice(0, 20).forEach((r, i) => { for (const [k, v] of Object.entries(pick(r))) engine[`${i}.${k}`] = v; });
  const sql = Object.fromEntries(tools.map((t) => {
    const f = { count: t.results.stale.count };
    t.results.stale.rows.forEach((r, i) => { for (const [k, v] of Object.entries(pick(r))) f[`${i}.${k}`] = v; });
    return [t.tool, f];
  }));
  compare(`stale accounts of ${people.busiest} (${accounts.length})`, engine, sql);
}
for (const c of report.checks) console.log(`${c.ok ? 'agree' : 'DISAGREE'}: ${c.label}, ${c.fields} figures`);
report.ok = failures === 0;
if (opt('out')) writeFileSync(opt('out'), JSON.stringify(report, null, 1));
process.exit(failures ? 1 : 0);
