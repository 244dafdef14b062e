// A stand-in for `scorecards serve`: serves web/dist (SPA fallback to
// index.html) and the JSON API from the fixtures in test/fixtures, with the
// figures moved by ?as_of= so the browser tests can see a change. Used by the
// e2e tests when neither SCORECARDS_URL nor SCORECARDS_BIN is set, and by hand:
//
//   node e2e/mock-server.mjs [--port 8080] [--web-root dist] [--auth]
//
// prints "Serving on http://127.0.0.1:PORT/" like the real server. With
// --auth, the API answers 401 until POST /api/login with
// {"email":"david@example.com","password":"demo"}.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'test', 'fixtures');
const load = (name) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

/** The CSP the real server should send too: no inline scripts or styles. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

const DAY = 86_400_000;
const dayNum = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const isIso = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isoOf(dayNum(v)) === v;
const clone = (v) => JSON.parse(JSON.stringify(v));

function data() {
  const users = load('users.json').users;
  const david = load('scorecard-david.json');
  const maria = load('scorecard-maria.json');
  const teamMaria = load('team-maria.json');
  const accounts = load('accounts-david.json');
  return { users, david, maria, teamMaria, accounts };
}

const ref = (u) => ({ id: u.id, name: u.name, role: u.role, manager_id: u.manager_id });

/** A scorecard for any user: the fixtures for David and Maria, David's scaled for the others. */
function baseScorecard(d, user) {
  if (user.id === d.david.user.id) return clone(d.david);
  if (user.id === d.maria.user.id) return clone(d.maria);
  const i = d.users.findIndex((u) => u.id === user.id);
  const f = 1 + ((i * 37) % 9) / 4; // 1.0 .. 3.0, stable per user
  const doc = clone(user.role === 'ae' ? d.david : d.maria);
  doc.user = ref(user);
  doc.bookings_timeline = doc.bookings_timeline.map((p) => ({ ...p, bookings: Math.round(p.bookings * f) }));
  doc.bookings = doc.bookings_timeline.at(-1).bookings;
  doc.forecast = { ...doc.forecast, commit: doc.forecast.commit * f, best_case: doc.forecast.best_case * f, calculated: doc.forecast.calculated * f };
  doc.forecast_coverage = { commit: doc.forecast.commit / doc.quota, best_case: doc.forecast.best_case / doc.quota, calculated: doc.forecast.calculated / doc.quota };
  doc.funnel.stages = doc.funnel.stages.map((s) => ({ ...s, bottleneck: false }));
  doc.diagnosis = [];
  if (user.role !== 'ae') {
    const t = teamOf(d, user.id);
    doc.team = t.team;
    doc.team_total = t.team_total;
  } else {
    delete doc.team;
    delete doc.team_total;
  }
  return rederive(doc);
}

/** Recomputes the derived figures of a scorecard from quota, bookings, open_pipeline and the period. */
function rederive(doc) {
  const { start, end } = doc.period;
  const days = dayNum(end) - dayNum(start) + 1;
  const elapsed = Math.min(1, Math.max(0, (dayNum(doc.as_of) - dayNum(start) + 1) / days));
  doc.period.elapsed_fraction = elapsed;
  doc.quota_retirement = doc.quota > 0 ? doc.bookings / doc.quota : null;
  doc.pace = doc.quota_retirement === null || elapsed === 0 ? null : doc.quota_retirement / elapsed;
  doc.remaining_quota = Math.max(doc.quota - doc.bookings, 0);
  doc.quota_met = doc.quota > 0 && doc.bookings >= doc.quota;
  doc.pipeline_coverage = doc.remaining_quota > 0 ? doc.open_pipeline / doc.remaining_quota : null;
  return doc;
}

/** Moves a scorecard to another as-of date inside (or after) its period. */
function atAsOf(doc, asOf) {
  if (!asOf || asOf === doc.as_of) return doc;
  const base = doc.as_of;
  const { start, end } = doc.period;
  const full = doc.bookings_timeline;
  const last = full.at(-1);
  const out = [];
  for (let n = dayNum(start); n <= Math.min(dayNum(asOf), dayNum(end)); n++) {
    const iso = isoOf(n);
    const p = full.find((x) => x.date === iso);
    const pace = (doc.quota * (n - dayNum(start) + 1)) / (dayNum(end) - dayNum(start) + 1);
    out.push(p ?? { date: iso, bookings: last ? last.bookings : 0, quota_pace: pace });
  }
  doc.bookings_timeline = out;
  doc.as_of = asOf;
  doc.bookings = out.length ? out.at(-1).bookings : 0;
  // Earlier dates: a little more open pipeline, not yet closed; later: less.
  const shift = dayNum(asOf) - dayNum(base);
  doc.open_pipeline = Math.max(0, doc.open_pipeline - shift * 2_000);
  const wr = doc.win_rates.at(-1);
  if (wr && shift < 0) {
    const closed = Math.max(0, wr.closed + Math.ceil(shift / 7));
    const won = Math.min(wr.won, closed);
    doc.win_rates[doc.win_rates.length - 1] = { ...wr, closed, won, win_rate: closed > 0 ? won / closed : null };
  }
  return rederive(doc);
}

function teamOf(d, managerId) {
  if (managerId === d.teamMaria.user.id) return clone(d.teamMaria);
  const manager = d.users.find((u) => u.id === managerId);
  const reports = d.users.filter((u) => u.manager_id === managerId);
  const rows = reports.map((u, i) => {
    if (u.id === d.teamMaria.user.id) return { ...clone(d.teamMaria.team_total), user: ref(u) };
    if (u.role !== 'ae') {
      const t = teamOf(d, u.id);
      return { ...t.team_total, user: ref(u) };
    }
    const tmpl = clone(d.teamMaria.team[(i + 1) % d.teamMaria.team.length]);
    return { ...tmpl, user: ref(u) };
  });
  const sum = (f) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
  const quota = sum((r) => r.quota);
  const bookings = sum((r) => r.bookings);
  const open = sum((r) => r.open_pipeline);
  const elapsed = d.david.period.elapsed_fraction;
  const fc = { commit: sum((r) => r.forecast.commit), best_case: sum((r) => r.forecast.best_case), calculated: sum((r) => r.forecast.calculated), source: 'rollup' };
  const total = {
    quota, bookings, quota_retirement: quota ? bookings / quota : null, pace: quota ? bookings / quota / elapsed : null,
    remaining_quota: Math.max(quota - bookings, 0), open_pipeline: open,
    pipeline_coverage: quota > bookings ? open / (quota - bookings) : null, quota_met: quota > 0 && bookings >= quota,
    forecast: fc, forecast_coverage: { commit: fc.commit / quota, best_case: fc.best_case / quota, calculated: fc.calculated / quota },
    win_rate: { period: 'FY2026-Q4', closed: sum((r) => r.win_rate.closed), won: sum((r) => r.win_rate.won), win_rate: null },
    accounts: { total: sum((r) => r.accounts.total), with_open_pipeline: sum((r) => r.accounts.with_open_pipeline), stale: sum((r) => r.accounts.stale) },
  };
  total.win_rate.win_rate = total.win_rate.closed ? total.win_rate.won / total.win_rate.closed : null;
  return { user: ref(manager), team: rows, team_total: { user: ref(manager), ...total } };
}

const ACCOUNT_KEYS = new Set(['name', 'open_pipeline', 'open_opportunities', 'last_touch_at', 'days_since_touch', 'calls_30d', 'emails_30d', 'meetings_30d', 'calls_90d', 'emails_90d', 'meetings_90d', 'next_close_date']);

function accountsFor(d, user, q) {
  const base = d.david.as_of;
  const asOf = q.get('as_of') || base;
  const shift = dayNum(asOf) - dayNum(base);
  let rows = clone(d.accounts.rows).map((r) => {
    const days = r.days_since_touch === null ? null : r.days_since_touch + shift;
    const touched = days !== null && days >= 0;
    return {
      ...r,
      owner_id: user.role === 'ae' ? user.id : r.owner_id,
      owner_name: user.role === 'ae' ? user.name : r.owner_name,
      last_touch_at: touched ? r.last_touch_at : null,
      days_since_touch: touched ? days : null,
      stale: r.open_pipeline > 0 && (!touched || days > 14),
    };
  });
  if (q.get('open_pipeline') === '1' || q.get('open_pipeline') === 'true') rows = rows.filter((r) => r.open_pipeline > 0);
  if (q.get('stale') === '1' || q.get('stale') === 'true') rows = rows.filter((r) => r.stale);
  const sort = q.get('sort') || '-open_pipeline';
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  if (!ACCOUNT_KEYS.has(key)) throw Object.assign(new Error(`unknown sort column: ${key}`), { status: 400 });
  rows.sort((a, b) => {
    const x = a[key], y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
    return (desc ? -c : c) || a.name.localeCompare(b.name);
  });
  const total = rows.length;
  const offset = Number(q.get('offset') || 0);
  const limit = q.get('limit') ? Number(q.get('limit')) : total;
  return { total, rows: rows.slice(offset, offset + limit) };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json' };

export function startMockServer({ port = 0, host = '127.0.0.1', webRoot = join(here, '..', 'dist'), auth = false } = {}) {
  const d = data();
  const root = resolve(webRoot);
  const sessions = new Set();

  function json(res, status, body, extra = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP, ...extra });
    res.end(JSON.stringify(body));
  }

  function api(req, res, url) {
    const path = url.pathname;
    if (path === '/api/health') return json(res, 200, { status: 'ok' });
    if (path === '/api/login' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let creds = {};
        try { creds = JSON.parse(body); } catch { return json(res, 400, { error: 'body must be JSON {"email","password"}' }); }
        if (creds.email === 'david@example.com' && creds.password === 'demo') {
          const token = Math.random().toString(36).slice(2);
          sessions.add(token);
          return json(res, 200, { user: ref(d.users.find((u) => u.email === creds.email)) }, { 'Set-Cookie': `session=${token}; HttpOnly; SameSite=Strict; Path=/` });
        }
        return json(res, 401, { error: 'wrong email or password' });
      });
      return;
    }
    if (auth) {
      const m = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie || '');
      if (!m || !sessions.has(m[1])) return json(res, 401, { error: 'sign in required' });
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' });
    if (path === '/api/users') return json(res, 200, { users: d.users });
    const m = /^\/api\/users\/([^/]+)\/(scorecard|accounts|team)$/.exec(path);
    if (!m) return json(res, 404, { error: `no such endpoint: ${path}` });
    const id = decodeURIComponent(m[1]);
    const user = d.users.find((u) => u.id === id);
    if (!user) return json(res, 404, { error: `unknown user id: ${id}` });
    const asOf = url.searchParams.get('as_of');
    if (asOf !== null && !isIso(asOf)) return json(res, 400, { error: `bad as_of: '${asOf}' (want YYYY-MM-DD)` });
    const period = url.searchParams.get('period');
    if (period !== null && !/^FY\d{4}(-Q[1-4])?$/i.test(period.replace(/\s/g, ''))) return json(res, 400, { error: `bad period: '${period}'` });
    try {
      if (m[2] === 'scorecard') return json(res, 200, atAsOf(baseScorecard(d, user), asOf));
      if (m[2] === 'accounts') return json(res, 200, accountsFor(d, user, url.searchParams));
      const t = d.users.some((u) => u.manager_id === id) ? teamOf(d, id) : { user: ref(user), team: [], team_total: null };
      return json(res, 200, { ...t, as_of: asOf || d.david.as_of, period: d.david.period });
    } catch (e) {
      return json(res, e.status || 500, { error: e.message });
    }
  }

  function file(req, res, url) {
    let rel;
    try { rel = decodeURIComponent(url.pathname); } catch { rel = '/'; }
    let p = normalize(join(root, rel));
    if (!p.startsWith(root)) p = join(root, 'index.html');
    const isFile = existsSync(p) && statSync(p).isFile();
    if (!isFile) {
      if (extname(rel) && !rel.endsWith('.html')) { res.writeHead(404, { 'Content-Type': 'text/plain' }); return res.end('not found'); }
      p = join(root, 'index.html');
      if (!existsSync(p)) { res.writeHead(500, { 'Content-Type': 'text/plain' }); return res.end(`no ${p}: run npm run build`); }
    }
    const headers = { 'Content-Type': TYPES[extname(p)] || 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
    headers['Cache-Control'] = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, headers);
    res.end(readFileSync(p));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) return api(req, res, url);
    return file(req, res, url);
  });
  return new Promise((ok) => {
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ url: `http://${host}:${p}/`, close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const { url } = await startMockServer({ port: Number(opt('--port', '8080')), webRoot: opt('--web-root', join(here, '..', 'dist')), auth: args.includes('--auth') });
  console.log(`Serving on ${url}`);
}
