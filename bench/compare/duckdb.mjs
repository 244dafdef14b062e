// The scorecard figures computed by DuckDB from the native CSV files, timed.
//
//   node bench/compare/duckdb.mjs --data DIR --as-of 2026-12-17 --out FILE.json [--rep David]
//
// Needs `npm install --prefix bench/compare/.deps @duckdb/node-api` (run_all.sh
// does it). Times: the CSV load (CREATE TABLE ... AS SELECT * FROM read_csv),
// a preparation step that does not depend on the as-of date (history rows
// with empty fields carried forward, the running highest open stage, the
// account of each activity, the manager tree's closure), then each query:
// warm-up, then RUNS runs, median.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { params, figureColumns, timeIt, log, toJson, plain } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '.deps', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const dataDir = resolve(args.data);
const { st, D, asOf, P, quarters } = params(dataDir, args['as-of'] || '2026-12-17');
const repName = args.rep || 'David';

const inst = await DuckDBInstance.create(':memory:', { memory_limit: process.env.SC_DUCKDB_MEMORY || '12GB' });
const con = await inst.connect();
const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjects();
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
const csv = (f) => lit(join(dataDir, f));
const dlit = (d) => `DATE '${new Date(d * 86400000).toISOString().slice(0, 10)}'`;
await q("SET TimeZone = 'UTC'");
const version = (await q('SELECT version() AS v'))[0].v;
const threads = Number((await q("SELECT current_setting('threads') AS t"))[0].t);

// ---- CSV load: every file of the data set, as `scorecards import` reads them.
const TS = 'TIMESTAMPTZ';
const tables = {
  users: ['users.csv', { id: 'VARCHAR', name: 'VARCHAR', manager_id: 'VARCHAR' }],
  stages: ['stages.csv', { name: 'VARCHAR', order: 'INTEGER', is_closed: 'BOOLEAN', is_won: 'BOOLEAN', probability: 'DOUBLE', forecast_category: 'VARCHAR' }],
  accounts: ['accounts.csv', { id: 'VARCHAR', name: 'VARCHAR', owner_id: 'VARCHAR', created_at: TS }],
  contacts: ['contacts.csv', { id: 'VARCHAR', account_id: 'VARCHAR' }],
  opportunities: ['opportunities.csv', { id: 'VARCHAR', account_id: 'VARCHAR', owner_id: 'VARCHAR', type: 'VARCHAR', amount: 'DECIMAL(18,2)', stage: 'VARCHAR', forecast_category: 'VARCHAR', created_at: TS, close_date: 'DATE' }],
  stage_history: ['stage_history.csv', { opportunity_id: 'VARCHAR', changed_at: TS, stage: 'VARCHAR', amount: 'DECIMAL(18,2)', close_date: 'DATE', forecast_category: 'VARCHAR' }],
  activities: ['activities.csv', { id: 'VARCHAR', type: 'VARCHAR', owner_id: 'VARCHAR', account_id: 'VARCHAR', contact_id: 'VARCHAR', opportunity_id: 'VARCHAR', occurred_at: TS }],
  quotas: ['quotas.csv', { owner_id: 'VARCHAR', start_date: 'DATE', end_date: 'DATE', amount: 'DECIMAL(18,2)' }],
  forecasts: ['forecasts.csv', { owner_id: 'VARCHAR', period: 'VARCHAR', category: 'VARCHAR', amount: 'DECIMAL(18,2)', submitted_at: TS }],
};
const typesOf = (t) => `{${Object.entries(t).map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ')}}`;
log(`duckdb ${version}, ${threads} threads: loading ${dataDir}`);
const t0 = performance.now();
for (const [name, [file, types]] of Object.entries(tables)) {
  await q(`CREATE TABLE ${name} AS SELECT * FROM read_csv(${csv(file)}, header = true, types = ${typesOf(types)})`);
}
const loadMs = performance.now() - t0;
log(`  CSV load ${(loadMs / 1000).toFixed(2)} s`);

// ---- Preparation, independent of the as-of date (a capable user's derived tables).
const t1 = performance.now();
await q(`CREATE TABLE stage_info AS
  SELECT name, "order" AS ord, is_closed OR is_won AS is_closed, is_won,
         coalesce(forecast_category, CASE WHEN NOT (is_closed OR is_won) THEN 'pipeline' WHEN is_won THEN 'closed' ELSE 'omitted' END) AS dfc,
         CASE WHEN NOT (is_closed OR is_won) THEN "order" END AS open_order
  FROM stages`);
// History in order (changed_at as instants, ties by file order = rowid), an
// empty field carried forward from the previous row (the first row from the
// opportunity), and the highest open stage reached so far (§2.2, §3.5, §7.2, §7.3).
await q(`CREATE TABLE hist_r AS
  SELECT h.opportunity_id AS oid, h.changed_at,
         row_number() OVER w AS pos,
         h.stage,
         coalesce(last_value(h.amount IGNORE NULLS) OVER w, o.amount) AS amount,
         coalesce(last_value(h.close_date IGNORE NULLS) OVER w, o.close_date) AS close_date,
         coalesce(last_value(h.forecast_category IGNORE NULLS) OVER w, o.forecast_category) AS fc,
         max(s.open_order) OVER w AS cum_open
  FROM (SELECT rowid AS seq, * FROM stage_history) h
  JOIN opportunities o ON o.id = h.opportunity_id
  JOIN stage_info s ON s.name = h.stage
  WINDOW w AS (PARTITION BY h.opportunity_id ORDER BY h.changed_at, h.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ORDER BY oid, pos`);
// The account of an activity: its own, else its opportunity's, else its contact's (§1.1).
await q(`CREATE TABLE act_r AS
  SELECT coalesce(a.account_id, o.account_id, c.account_id) AS account_id, a.type, a.occurred_at
  FROM activities a LEFT JOIN opportunities o ON o.id = a.opportunity_id LEFT JOIN contacts c ON c.id = a.contact_id`);
await q(`CREATE TABLE closure AS
  WITH RECURSIVE c(anc, des, depth) AS (
    SELECT id, id, 0 FROM users
    UNION ALL SELECT c.anc, u.id, c.depth + 1 FROM c JOIN users u ON u.manager_id = c.des)
  SELECT * FROM c`);
await q(`CREATE TABLE forecasts_s AS SELECT rowid AS seq, * FROM forecasts`);
const prepMs = performance.now() - t1;
log(`  prep ${(prepMs / 1000).toFixed(2)} s`);

// ---- Setup (untimed, as the engine benchmark's fixture): who is measured.
const openOrders = (await q('SELECT ord FROM stage_info WHERE NOT is_closed ORDER BY ord')).map((r) => Number(r.ord));
const cols = figureColumns(openOrders, quarters.length);
const hasWrType = Number((await q(`SELECT count(*) AS n FROM opportunities WHERE type IN (${st.winrate_types.map(lit).join(',')})`))[0].n) > 0;
const rep = (await q(`SELECT id, manager_id FROM users WHERE id = ${lit(repName)} OR name = ${lit(repName)} ORDER BY rowid LIMIT 1`))[0];
const top = (await q('SELECT id FROM users WHERE manager_id IS NULL ORDER BY rowid LIMIT 1'))[0].id;
const busiest = (await q(`SELECT u.id FROM users u LEFT JOIN accounts a ON a.owner_id = u.id
  WHERE NOT EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id)
  GROUP BY u.id, u.rowid ORDER BY count(a.id) DESC, u.rowid DESC LIMIT 1`))[0].id;
const people = { ae: rep.id, manager: rep.manager_id || rep.id, vp: top, busiest };
log(`  people: ${JSON.stringify(people)}`);

const DEND = `TIMESTAMPTZ '${asOf} 00:00:00+00' + INTERVAL 1 DAY`;
const Dd = dlit(D);
const PS = dlit(P.start), PE = dlit(P.end);
const minOpen = openOrders[0];
const wrType = hasWrType ? `type IN (${st.winrate_types.map(lit).join(',')})` : 'true';

// The state of each opportunity of `rel` as of D (§2.2): the last history row
// at or before the end of D, else the first row, else the opportunity's own
// fields with the closed-after-D rule; `max_open` is the highest open stage of
// its history rows at or before D (the funnel's "reached", §3.5).
const stateCtes = (rel) => `
  rel AS MATERIALIZED (${rel}),
  hs AS (
    SELECT h.oid, arg_max({stage: h.stage, amount: h.amount, close_date: h.close_date, fc: h.fc,
                           le: h.changed_at < ${DEND}, cum_open: h.cum_open},
                          CASE WHEN h.changed_at < ${DEND} THEN h.pos ELSE -h.pos END) AS r
    FROM hist_r h WHERE h.oid IN (SELECT id FROM rel) GROUP BY h.oid),
  s0 AS (
    SELECT o.id, o.owner_id, o.account_id, o.type,
           CASE WHEN hs.oid IS NOT NULL THEN hs.r.stage
                WHEN NOT so.is_closed OR o.close_date <= ${Dd} THEN o.stage
                ELSE (SELECT name FROM stage_info WHERE open_order = ${minOpen}) END AS stage,
           coalesce(hs.r.amount, o.amount) AS amount,
           coalesce(hs.r.close_date, o.close_date) AS close_date,
           CASE WHEN hs.oid IS NOT NULL THEN hs.r.fc ELSE o.forecast_category END AS fc0,
           CASE WHEN hs.r.le THEN hs.r.cum_open END AS max_open
    FROM rel o LEFT JOIN hs ON hs.oid = o.id JOIN stage_info so ON so.name = o.stage),
  state AS MATERIALIZED (
    SELECT s0.*, si.is_closed, si.is_won, coalesce(s0.fc0, si.dfc) AS fc
    FROM s0 JOIN stage_info si ON si.name = s0.stage)`;

// Per-owner additive figures over `state` (names: figureColumns).
const perOwner = () => {
  const f = [
    `sum(CASE WHEN is_won AND close_date BETWEEN ${PS} AND least(${PE}, ${Dd}) THEN amount END) AS bookings`,
    `sum(CASE WHEN NOT is_closed AND close_date BETWEEN ${PS} AND ${PE} AND fc <> 'omitted' THEN amount END) AS open_pipeline`,
    `sum(CASE WHEN NOT is_closed AND close_date BETWEEN ${PS} AND ${PE} AND fc = 'commit' THEN amount END) AS open_commit`,
    `sum(CASE WHEN NOT is_closed AND close_date BETWEEN ${PS} AND ${PE} AND fc = 'best_case' THEN amount END) AS open_best_case`,
  ];
  quarters.forEach((qq, i) => {
    const w = `${wrType} AND is_closed AND close_date BETWEEN ${dlit(qq.start)} AND least(${dlit(qq.end)}, ${Dd})`;
    f.push(`count(CASE WHEN ${w} THEN 1 END) AS q${i}_closed`, `count(CASE WHEN ${w} AND is_won THEN 1 END) AS q${i}_won`,
      `sum(CASE WHEN ${w} THEN amount END) AS q${i}_closed_amount`, `sum(CASE WHEN ${w} AND is_won THEN amount END) AS q${i}_won_amount`);
  });
  const coh = `is_closed AND close_date > ${Dd} - ${st.lookback_days} AND close_date <= ${Dd}`;
  f.push(`count(CASE WHEN ${coh} THEN 1 END) AS cohort`);
  for (const o of openOrders.slice(1)) f.push(`count(CASE WHEN ${coh} AND (is_won OR max_open >= ${o}) THEN 1 END) AS reached_${o}`);
  f.push(`count(CASE WHEN ${coh} AND is_won THEN 1 END) AS cohort_won`);
  return `SELECT owner_id, ${f.join(',\n    ')} FROM state GROUP BY owner_id`;
};
const sums = (prefix = '') => cols.map((c) => `coalesce(sum(${c}), 0) AS ${prefix}${c}`).join(', ');

// Quota for P (§3.1, §7.6): prorated rows; a person without overlapping rows
// of their own has their reports' (recursively).
const qOwn = `q_own AS (
    SELECT owner_id, sum(amount * (least(end_date, ${PE}) - greatest(start_date, ${PS}) + 1) / (end_date - start_date + 1)) AS q
    FROM quotas WHERE start_date <= ${PE} AND end_date >= ${PS} GROUP BY owner_id)`;
// Latest submitted forecast per owner and category for P (§3.3, §7.9).
const submitted = `sub_fc AS (
    SELECT owner_id, category, amount FROM forecasts_s
    WHERE period = ${lit(P.label)} AND submitted_at < ${DEND}
    QUALIFY row_number() OVER (PARTITION BY owner_id, category ORDER BY submitted_at DESC, seq DESC) = 1)`;

// (a), (b): one person's figures: theirs (subtree) and their team's, quota,
// judgment forecast (submitted, categories, or the managers' roll-up).
const personSql = (pid) => `
WITH RECURSIVE
  person AS (SELECT id, manager_id AS mgr FROM users WHERE id = ${lit(pid)}),
  sub AS (SELECT des AS owner FROM closure WHERE anc = ${lit(pid)}),
  teamset AS (SELECT des AS owner FROM closure, person WHERE anc = coalesce(person.mgr, person.id) AND (person.mgr IS NULL OR depth > 0)),
  ${stateCtes(`SELECT * FROM opportunities WHERE owner_id IN (SELECT owner FROM teamset) AND created_at < ${DEND}`)},
  po AS (${perOwner()}),
  ${qOwn},
  qwalk(id) AS (SELECT ${lit(pid)} UNION ALL SELECT u.id FROM users u JOIN qwalk w ON u.manager_id = w.id WHERE w.id NOT IN (SELECT owner_id FROM q_own)),
  ${submitted},
  cwalk(id) AS (SELECT ${lit(pid)} UNION ALL SELECT u.id FROM users u JOIN cwalk w ON u.manager_id = w.id
                WHERE w.id NOT IN (SELECT owner_id FROM sub_fc WHERE category = 'commit')),
  bwalk(id) AS (SELECT ${lit(pid)} UNION ALL SELECT u.id FROM users u JOIN bwalk w ON u.manager_id = w.id
                WHERE w.id NOT IN (SELECT owner_id FROM sub_fc WHERE category = 'best_case'))
SELECT 'rep' AS who, ${sums()},
  (SELECT coalesce(sum(q), 0) FROM qwalk JOIN q_own ON q_own.owner_id = qwalk.id) AS quota,
  (SELECT sum(coalesce(f.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0))) FROM cwalk
     LEFT JOIN sub_fc f ON f.owner_id = cwalk.id AND f.category = 'commit' LEFT JOIN po ON po.owner_id = cwalk.id) AS commit,
  (SELECT sum(coalesce(f.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0) + coalesce(po.open_best_case, 0))) FROM bwalk
     LEFT JOIN sub_fc f ON f.owner_id = bwalk.id AND f.category = 'best_case' LEFT JOIN po ON po.owner_id = bwalk.id) AS best_case
FROM po WHERE owner_id IN (SELECT owner FROM sub)
UNION ALL
SELECT 'team', ${sums()}, NULL, NULL, NULL FROM po`;

// (c): every AE's figures in one query, with their team's.
const allAesSql = () => `
WITH
  ${stateCtes(`SELECT * FROM opportunities WHERE created_at < ${DEND}`)},
  po AS (${perOwner()}),
  ${qOwn},
  ${submitted},
  team AS (SELECT c.anc AS mgr, ${sums('team_')} FROM closure c JOIN po ON po.owner_id = c.des WHERE c.depth > 0 GROUP BY c.anc),
  aes AS (SELECT u.id, u.manager_id FROM users u WHERE NOT EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id))
SELECT aes.id, po.*, coalesce(q_own.q, 0) AS quota,
  coalesce(fc.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0)) AS commit,
  coalesce(fb.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0) + coalesce(po.open_best_case, 0)) AS best_case,
  team.*
FROM aes LEFT JOIN po ON po.owner_id = aes.id LEFT JOIN q_own ON q_own.owner_id = aes.id
  LEFT JOIN sub_fc fc ON fc.owner_id = aes.id AND fc.category = 'commit'
  LEFT JOIN sub_fc fb ON fb.owner_id = aes.id AND fb.category = 'best_case'
  LEFT JOIN team ON team.mgr = aes.manager_id
ORDER BY aes.id`;

// (d): the stale accounts of a person (§3.6, §7.12), most open pipeline first.
const touch = st.touch_types.map(lit).join(',');
const staleSql = (pid) => `
WITH
  sub AS (SELECT des AS owner FROM closure WHERE anc = ${lit(pid)}),
  cand AS (SELECT id AS account_id FROM accounts WHERE owner_id IN (SELECT owner FROM sub)
           UNION SELECT account_id FROM opportunities WHERE owner_id IN (SELECT owner FROM sub)),
  ${stateCtes(`SELECT * FROM opportunities WHERE account_id IN (SELECT account_id FROM cand) AND created_at < ${DEND}`)},
  acc_opp AS (
    SELECT account_id,
           sum(CASE WHEN NOT is_closed AND fc <> 'omitted' THEN amount END) AS open_pipeline,
           count(CASE WHEN NOT is_closed THEN 1 END) AS open_opportunities,
           min(CASE WHEN NOT is_closed THEN close_date END) AS next_close_date,
           bool_or(NOT is_closed AND owner_id IN (SELECT owner FROM sub)) AS sub_open
    FROM state GROUP BY account_id),
  members AS (SELECT id AS account_id FROM accounts WHERE owner_id IN (SELECT owner FROM sub)
              UNION SELECT account_id FROM acc_opp WHERE sub_open),
  acts AS (
    SELECT account_id,
           max(CASE WHEN type IN (${touch}) THEN occurred_at END) AS last_touch_at,
           count(CASE WHEN type = 'call' AND occurred_at::DATE > ${Dd} - 30 THEN 1 END) AS calls_30d,
           count(CASE WHEN type = 'email' AND occurred_at::DATE > ${Dd} - 30 THEN 1 END) AS emails_30d,
           count(CASE WHEN type = 'meeting' AND occurred_at::DATE > ${Dd} - 30 THEN 1 END) AS meetings_30d,
           count(CASE WHEN type = 'call' AND occurred_at::DATE > ${Dd} - 90 THEN 1 END) AS calls_90d,
           count(CASE WHEN type = 'email' AND occurred_at::DATE > ${Dd} - 90 THEN 1 END) AS emails_90d,
           count(CASE WHEN type = 'meeting' AND occurred_at::DATE > ${Dd} - 90 THEN 1 END) AS meetings_90d
    FROM act_r WHERE account_id IN (SELECT account_id FROM members) AND occurred_at < ${DEND}
    GROUP BY account_id)
SELECT a.id, a.name, a.owner_id, coalesce(ao.open_pipeline, 0) AS open_pipeline, coalesce(ao.open_opportunities, 0) AS open_opportunities,
       strftime(acts.last_touch_at, '%Y-%m-%dT%H:%M:%SZ') AS last_touch_at, ${Dd} - acts.last_touch_at::DATE AS days_since_touch,
       acts.calls_30d, acts.emails_30d, acts.meetings_30d, acts.calls_90d, acts.emails_90d, acts.meetings_90d, ao.next_close_date::VARCHAR AS next_close_date
FROM members m JOIN accounts a ON a.id = m.account_id LEFT JOIN acc_opp ao ON ao.account_id = m.account_id LEFT JOIN acts ON acts.account_id = m.account_id
WHERE ao.open_pipeline > 0 AND (acts.last_touch_at IS NULL OR ${Dd} - acts.last_touch_at::DATE > ${st.stale_days})
ORDER BY open_pipeline DESC, a.name, a.id`;

if (process.env.SC_COMPARE_TRY) { // development aid: time the statements of a file
  const { readFileSync } = await import('node:fs');
  for (const sql of readFileSync(process.env.SC_COMPARE_TRY, 'utf8').split(';;')) {
    const r = await timeIt(() => q(sql));
    log(`try: ${r.median_ms.toFixed(1)} ms: ${sql.trim().slice(0, 60).replace(/\s+/g, ' ')}`);
  }
  process.exit(0);
}
const queries = {
  ae: personSql(people.ae),
  manager: personSql(people.manager),
  vp: personSql(people.vp),
  all_aes: allAesSql(),
  stale: staleSql(people.busiest),
};
const out = {
  tool: 'duckdb', version, threads, data: dataDir, as_of: asOf, period: P, quarters, people, columns: cols,
  load_ms: loadMs, prep_ms: prepMs, queries: {}, results: {},
};
for (const [name, sql] of Object.entries(queries)) {
  // Prepared once (as a service answering many scorecards would), so the
  // timings are of execution, not of planning the long statements.
  const prepared = await con.prepare(sql);
  const r = await timeIt(async () => (await prepared.runAndReadAll()).getRowObjects());
  out.queries[name] = { median_ms: r.median_ms, runs_ms: r.runs_ms, cpu_median_ms: r.cpu_median_ms, rows: r.result.length };
  log(`  ${name}: median ${r.median_ms.toFixed(1)} ms (${r.result.length} rows)`);
  const rows = r.result.map((x) => plain(x));
  if (name === 'all_aes') out.results.all_aes_rep = rows.find((x) => x.id === people.ae);
  else if (name === 'stale') out.results.stale = { count: rows.length, rows: rows.slice(0, 20) };
  else out.results[name] = rows;
  if (process.env.SC_COMPARE_DUMP) writeFileSync(`${process.env.SC_COMPARE_DUMP}.duckdb.${name}.sql`, sql);
  if (process.env.SC_COMPARE_PROFILE === name) {
    const plan = (await con.runAndReadAll(`EXPLAIN ANALYZE ${sql}`)).getRows();
    log(plan.map((r) => r[1]).join('\n'));
  }
}
writeFileSync(args.out, toJson(out));
log(`  wrote ${args.out}`);
