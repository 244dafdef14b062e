// The scorecard figures computed by SQLite (the sqlite3 CLI) from the
// product's own database (the tables `scorecards import` writes), timed.
//
//   node bench/compare/sqlite.mjs --db FILE.db --data DIR --as-of 2026-12-17 --out FILE.json [--rep David] [--work COPY.db]
//
// The database is copied to --work (default FILE.db.sqlite-bench) so the
// product's file is untouched. Times: index creation (+ ANALYZE), a
// preparation step independent of the as-of date (history rows with empty
// fields carried forward and the running highest open stage, the manager
// tree's closure), then each query: warm-up, then RUNS runs, median of the
// CLI's `.timer` wall times (1 ms resolution). The database stores money in
// cents, dates as days and datetimes as milliseconds since 1970.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { params, figureColumns, median, RUNS, WARMUP, log, toJson, plain } from './common.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const dataDir = resolve(args.data);
const { st, D, asOf, P, quarters } = params(dataDir, args['as-of'] || '2026-12-17');
const repName = args.rep || 'David';
const work = args.work || `${args.db}.sqlite-bench`;

// A capable user's connection settings: a 1 GiB page cache, memory-mapped
// reads, temporary b-trees in memory.
const PRAGMAS = '.output /dev/null\nPRAGMA cache_size = -1048576;\nPRAGMA mmap_size = 17179869184;\nPRAGMA temp_store = MEMORY;\n.output stdout\n';
const sqlite = (script) => {
  const r = spawnSync('sqlite3', ['-bail', work], { input: PRAGMAS + script, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}\n--- script ---\n${script.slice(0, 4000)}`);
  return r.stdout;
};
const json = (sql) => { const o = sqlite(`.mode json\n${sql};\n`).trim(); return o ? JSON.parse(o) : []; };
// Wall times (ms) of the statements of `sql`, from the CLI's timer, with
// their CPU times (user + system) in `.cpu`.
const timed = (sql) => {
  const lines = sqlite(`.timer on\n${sql}\n`).split('\n').filter((l) => l.startsWith('Run Time: real'));
  const wall = lines.map((l) => Number(l.split(/\s+/)[3]) * 1000);
  wall.cpu = lines.map((l) => { const f = l.split(/\s+/); return (Number(f[5]) + Number(f[7])) * 1000; });
  return wall;
};
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

const version = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0];
log(`sqlite ${version}: copying ${args.db} to ${work}`);
for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true });
copyFileSync(args.db, work);
sqlite('PRAGMA journal_mode = DELETE;');

// ---- Indexes a capable user adds to the product's tables (timed).
const indexSql = `
CREATE INDEX ix_opp_id ON opportunities(id);
CREATE INDEX ix_opp_owner ON opportunities(owner_id);
CREATE INDEX ix_opp_account ON opportunities(account_id);
CREATE INDEX ix_hist_opp ON stage_history(opportunity_id, changed_at, seq);
CREATE INDEX ix_act_account ON activities(account_id, type, occurred_at);
CREATE INDEX ix_acc_owner ON accounts(owner_id);
CREATE INDEX ix_acc_id ON accounts(id);
CREATE INDEX ix_users_id ON users(id);
CREATE INDEX ix_users_manager ON users(manager_id);
CREATE INDEX ix_quotas_owner ON quotas(owner_id, start_date, end_date);
CREATE INDEX ix_forecasts_owner ON forecasts(owner_id, period, category, submitted_at);
ANALYZE;`;
const indexMs = timed(indexSql).reduce((a, b) => a + b, 0);
log(`  indexes ${(indexMs / 1000).toFixed(2)} s`);

// ---- Preparation independent of the as-of date (timed).
const prepSql = `
PRAGMA temp_store = MEMORY;
CREATE TABLE stage_info AS
  SELECT name, sort_order AS ord, (is_closed OR is_won) AS is_closed, is_won,
         coalesce(forecast_category, CASE WHEN NOT (is_closed OR is_won) THEN 'pipeline' WHEN is_won THEN 'closed' ELSE 'omitted' END) AS dfc,
         CASE WHEN NOT (is_closed OR is_won) THEN sort_order END AS open_order
  FROM stages;
CREATE TABLE hist_r (oid TEXT NOT NULL, pos INTEGER NOT NULL, changed_at INTEGER, stage TEXT, amount INTEGER,
                     close_date INTEGER, fc TEXT, cum_open INTEGER, PRIMARY KEY (oid, pos)) WITHOUT ROWID;
INSERT INTO hist_r
  SELECT oid, pos, changed_at, stage,
         coalesce(max(amount) OVER (PARTITION BY oid, ga), o_amount),
         coalesce(max(close_date) OVER (PARTITION BY oid, gc), o_close),
         coalesce(max(fc) OVER (PARTITION BY oid, gf), o_fc),
         cum_open
  FROM (SELECT h.opportunity_id AS oid, h.changed_at, h.stage, h.amount, h.close_date, h.forecast_category AS fc,
               o.amount AS o_amount, o.close_date AS o_close, o.forecast_category AS o_fc,
               row_number() OVER w AS pos, count(h.amount) OVER w AS ga, count(h.close_date) OVER w AS gc,
               count(h.forecast_category) OVER w AS gf, max(s.open_order) OVER w AS cum_open
        FROM stage_history h JOIN opportunities o ON o.id = h.opportunity_id JOIN stage_info s ON s.name = h.stage
        WINDOW w AS (PARTITION BY h.opportunity_id ORDER BY h.changed_at, h.seq ROWS UNBOUNDED PRECEDING));
CREATE TABLE closure AS
  WITH RECURSIVE c(anc, des, depth) AS (
    SELECT id, id, 0 FROM users
    UNION ALL SELECT c.anc, u.id, c.depth + 1 FROM c JOIN users u ON u.manager_id = c.des)
  SELECT * FROM c;
CREATE INDEX ix_closure ON closure(anc, depth, des);
CREATE INDEX ix_closure_des ON closure(des);
ANALYZE;`;
const prepMs = timed(prepSql).reduce((a, b) => a + b, 0);
log(`  prep ${(prepMs / 1000).toFixed(2)} s`);

// ---- Setup (untimed): who is measured.
const openOrders = json('SELECT ord FROM stage_info WHERE NOT is_closed ORDER BY ord').map((r) => r.ord);
const cols = figureColumns(openOrders, quarters.length);
const types = st.winrate_types.map(lit).join(',');
const hasWrType = json(`SELECT count(*) AS n FROM opportunities WHERE type IN (${types})`)[0].n > 0;
const rep = json(`SELECT id, manager_id FROM users WHERE id = ${lit(repName)} OR name = ${lit(repName)} ORDER BY seq LIMIT 1`)[0];
const top = json("SELECT id FROM users WHERE manager_id = '' ORDER BY seq LIMIT 1")[0].id;
const busiest = json(`SELECT u.id FROM users u LEFT JOIN accounts a ON a.owner_id = u.id
  WHERE NOT EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id)
  GROUP BY u.seq ORDER BY count(a.id) DESC, u.seq DESC LIMIT 1`)[0].id;
const people = { ae: rep.id, manager: rep.manager_id || rep.id, vp: top, busiest };
log(`  people: ${JSON.stringify(people)}`);

const DEND = (D + 1) * 86400000;
const PS = P.start, PE = P.end;
const minOpen = openOrders[0];
const wrType = hasWrType ? `type IN (${types})` : '1';

const stateCtes = (rel) => `
  rel AS MATERIALIZED (${rel}),
  hs AS MATERIALIZED (
    SELECT h.oid, h.stage, h.amount, h.close_date, h.fc, h.changed_at < ${DEND} AS le, h.cum_open,
           max(CASE WHEN h.changed_at < ${DEND} THEN h.pos ELSE -h.pos END) AS k
    FROM hist_r h WHERE h.oid IN (SELECT id FROM rel) GROUP BY h.oid),
  s0 AS (
    SELECT o.id, o.owner_id, o.account_id, o.type,
           CASE WHEN hs.oid IS NOT NULL THEN hs.stage
                WHEN NOT so.is_closed OR o.close_date <= ${D} THEN o.stage
                ELSE (SELECT name FROM stage_info WHERE open_order = ${minOpen}) END AS stage,
           coalesce(hs.amount, o.amount) AS amount,
           coalesce(hs.close_date, o.close_date) AS close_date,
           CASE WHEN hs.oid IS NOT NULL THEN hs.fc ELSE o.forecast_category END AS fc0,
           CASE WHEN hs.le THEN hs.cum_open END AS max_open
    FROM rel o LEFT JOIN hs ON hs.oid = o.id JOIN stage_info so ON so.name = o.stage),
  state AS MATERIALIZED (
    SELECT s0.*, si.is_closed, si.is_won, coalesce(s0.fc0, si.dfc) AS fc
    FROM s0 JOIN stage_info si ON si.name = s0.stage)`;

const perOwner = () => {
  const f = [
    `sum(CASE WHEN is_won AND close_date BETWEEN ${PS} AND min(${PE}, ${D}) THEN amount END) AS bookings`,
    `sum(CASE WHEN NOT is_closed AND close_date BETWEEN ${PS} AND ${PE} AND fc <> 'omitted' THEN amount END) AS open_pipeline`,
    `sum(CASE WHEN NOT is_closed AND close_date BETWEEN ${PS} AND ${PE} AND fc = 'commit' THEN amount END) AS open_commit`,
    `sum(CASE WHEN NOT is_closed AND close_date BETWEEN ${PS} AND ${PE} AND fc = 'best_case' THEN amount END) AS open_best_case`,
  ];
  quarters.forEach((qq, i) => {
    const w = `${wrType} AND is_closed AND close_date BETWEEN ${qq.start} AND min(${qq.end}, ${D})`;
    f.push(`count(CASE WHEN ${w} THEN 1 END) AS q${i}_closed`, `count(CASE WHEN ${w} AND is_won THEN 1 END) AS q${i}_won`,
      `sum(CASE WHEN ${w} THEN amount END) AS q${i}_closed_amount`, `sum(CASE WHEN ${w} AND is_won THEN amount END) AS q${i}_won_amount`);
  });
  const coh = `is_closed AND close_date > ${D - st.lookback_days} AND close_date <= ${D}`;
  f.push(`count(CASE WHEN ${coh} THEN 1 END) AS cohort`);
  for (const o of openOrders.slice(1)) f.push(`count(CASE WHEN ${coh} AND (is_won OR max_open >= ${o}) THEN 1 END) AS reached_${o}`);
  f.push(`count(CASE WHEN ${coh} AND is_won THEN 1 END) AS cohort_won`);
  return `SELECT owner_id, ${f.join(',\n    ')} FROM state GROUP BY owner_id`;
};
const sums = (prefix = '') => cols.map((c) => `coalesce(sum(${c}), 0) AS ${prefix}${c}`).join(', ');

const qOwn = `q_own AS (
    SELECT owner_id, sum(amount * (min(end_date, ${PE}) - max(start_date, ${PS}) + 1) * 1.0 / (end_date - start_date + 1)) AS q
    FROM quotas WHERE start_date <= ${PE} AND end_date >= ${PS} GROUP BY owner_id)`;
const submitted = `sub_fc AS (
    SELECT owner_id, category, amount FROM (
      SELECT owner_id, category, amount, row_number() OVER (PARTITION BY owner_id, category ORDER BY submitted_at DESC, seq DESC) AS rn
      FROM forecasts WHERE period = ${lit(P.label)} AND submitted_at < ${DEND}) WHERE rn = 1)`;

const personSql = (pid) => `
WITH RECURSIVE
  person AS (SELECT id, nullif(manager_id, '') AS mgr FROM users WHERE id = ${lit(pid)}),
  sub AS (SELECT des AS owner FROM closure WHERE anc = ${lit(pid)}),
  teamset AS (SELECT des AS owner FROM closure, person WHERE anc = coalesce(person.mgr, person.id) AND (person.mgr IS NULL OR depth > 0)),
  ${stateCtes(`SELECT * FROM opportunities WHERE owner_id IN (SELECT owner FROM teamset) AND created_at < ${DEND}`)},
  po AS MATERIALIZED (${perOwner()}),
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
     LEFT JOIN sub_fc f ON f.owner_id = cwalk.id AND f.category = 'commit' LEFT JOIN po ON po.owner_id = cwalk.id) AS 'commit',
  (SELECT sum(coalesce(f.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0) + coalesce(po.open_best_case, 0))) FROM bwalk
     LEFT JOIN sub_fc f ON f.owner_id = bwalk.id AND f.category = 'best_case' LEFT JOIN po ON po.owner_id = bwalk.id) AS best_case
FROM po WHERE owner_id IN (SELECT owner FROM sub)
UNION ALL
SELECT 'team', ${sums()}, NULL, NULL, NULL FROM po`;

const allAesSql = () => `
WITH
  ${stateCtes(`SELECT * FROM opportunities WHERE created_at < ${DEND}`)},
  po AS MATERIALIZED (${perOwner()}),
  ${qOwn},
  ${submitted},
  team AS MATERIALIZED (SELECT c.anc AS mgr, ${sums('team_')} FROM closure c JOIN po ON po.owner_id = c.des WHERE c.depth > 0 GROUP BY c.anc),
  aes AS (SELECT u.id, u.manager_id FROM users u WHERE NOT EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id))
SELECT aes.id, po.*, coalesce(q_own.q, 0) AS quota,
  coalesce(fc.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0)) AS 'commit',
  coalesce(fb.amount, coalesce(po.bookings, 0) + coalesce(po.open_commit, 0) + coalesce(po.open_best_case, 0)) AS best_case,
  team.*
FROM aes LEFT JOIN po ON po.owner_id = aes.id LEFT JOIN q_own ON q_own.owner_id = aes.id
  LEFT JOIN sub_fc fc ON fc.owner_id = aes.id AND fc.category = 'commit'
  LEFT JOIN sub_fc fb ON fb.owner_id = aes.id AND fb.category = 'best_case'
  LEFT JOIN team ON team.mgr = aes.manager_id
ORDER BY aes.id`;

const touch = st.touch_types.map(lit).join(',');
const dayMs = 86400000;
const staleSql = (pid) => `
WITH
  sub AS (SELECT des AS owner FROM closure WHERE anc = ${lit(pid)}),
  cand AS (SELECT id AS account_id FROM accounts WHERE owner_id IN (SELECT owner FROM sub)
           UNION SELECT account_id FROM opportunities WHERE owner_id IN (SELECT owner FROM sub)),
  ${stateCtes(`SELECT * FROM opportunities WHERE account_id IN (SELECT account_id FROM cand) AND created_at < ${DEND}`)},
  acc_opp AS MATERIALIZED (
    SELECT account_id,
           sum(CASE WHEN NOT is_closed AND fc <> 'omitted' THEN amount END) AS open_pipeline,
           count(CASE WHEN NOT is_closed THEN 1 END) AS open_opportunities,
           min(CASE WHEN NOT is_closed THEN close_date END) AS next_close_date,
           max(NOT is_closed AND owner_id IN (SELECT owner FROM sub)) AS sub_open
    FROM state GROUP BY account_id),
  members AS MATERIALIZED (SELECT id AS account_id FROM accounts WHERE owner_id IN (SELECT owner FROM sub)
              UNION SELECT account_id FROM acc_opp WHERE sub_open),
  acts AS MATERIALIZED (
    SELECT account_id,
           max(CASE WHEN type IN (${touch}) THEN occurred_at END) AS last_touch_at,
           count(CASE WHEN type = 'call' AND occurred_at >= ${(D - 29) * dayMs} THEN 1 END) AS calls_30d,
           count(CASE WHEN type = 'email' AND occurred_at >= ${(D - 29) * dayMs} THEN 1 END) AS emails_30d,
           count(CASE WHEN type = 'meeting' AND occurred_at >= ${(D - 29) * dayMs} THEN 1 END) AS meetings_30d,
           count(CASE WHEN type = 'call' AND occurred_at >= ${(D - 89) * dayMs} THEN 1 END) AS calls_90d,
           count(CASE WHEN type = 'email' AND occurred_at >= ${(D - 89) * dayMs} THEN 1 END) AS emails_90d,
           count(CASE WHEN type = 'meeting' AND occurred_at >= ${(D - 89) * dayMs} THEN 1 END) AS meetings_90d
    FROM activities WHERE account_id IN (SELECT account_id FROM members) AND occurred_at < ${DEND}
    GROUP BY account_id)
SELECT a.id, a.name, a.owner_id, coalesce(ao.open_pipeline, 0) AS open_pipeline, coalesce(ao.open_opportunities, 0) AS open_opportunities,
       strftime('%Y-%m-%dT%H:%M:%SZ', acts.last_touch_at / 1000, 'unixepoch') AS last_touch_at,
       ${D} - acts.last_touch_at / ${dayMs} AS days_since_touch,
       acts.calls_30d, acts.emails_30d, acts.meetings_30d, acts.calls_90d, acts.emails_90d, acts.meetings_90d,
       date(ao.next_close_date * 86400, 'unixepoch') AS next_close_date
FROM members m JOIN accounts a ON a.id = m.account_id LEFT JOIN acc_opp ao ON ao.account_id = m.account_id LEFT JOIN acts ON acts.account_id = m.account_id
WHERE ao.open_pipeline > 0 AND (acts.last_touch_at IS NULL OR ${D} - acts.last_touch_at / ${dayMs} > ${st.stale_days})
ORDER BY open_pipeline DESC, a.name, a.id`;

const queries = {
  ae: personSql(people.ae),
  manager: personSql(people.manager),
  vp: personSql(people.vp),
  all_aes: allAesSql(),
  stale: staleSql(people.busiest),
};
const out = {
  tool: 'sqlite', version, data: dataDir, db: resolve(args.db), as_of: asOf, period: P, quarters, people, columns: cols,
  index_ms: indexMs, prep_ms: prepMs, queries: {}, results: {},
};
for (const [name, sql] of Object.entries(queries)) {
  if (process.env.SC_COMPARE_DUMP) writeFileSync(`${process.env.SC_COMPARE_DUMP}.sqlite.${name}.sql`, sql);
  const rows = json(sql).map((x) => plain(x, true)); // the figures
  // In one process: WARMUP runs, then RUNS timed runs.
  const all = timed(`.output /dev/null\n${Array(WARMUP + RUNS).fill(`${sql};`).join('\n')}`);
  const runs = all.slice(-RUNS);
  out.queries[name] = { median_ms: median(runs), runs_ms: runs, cpu_median_ms: median(all.cpu.slice(-RUNS)), rows: rows.length };
  log(`  ${name}: median ${median(runs).toFixed(1)} ms (${rows.length} rows)`);
  if (name === 'all_aes') out.results.all_aes_rep = rows.find((x) => x.id === people.ae);
  else if (name === 'stale') out.results.stale = { count: rows.length, rows: rows.slice(0, 20) };
  else out.results[name] = rows;
}
writeFileSync(args.out, toJson(out));
for (const f of [work, `${work}-wal`, `${work}-shm`, `${work}-journal`]) if (!process.env.SC_COMPARE_KEEP) rmSync(f, { force: true });
log(`  wrote ${args.out}`);
