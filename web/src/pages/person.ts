// The one-on-one page: KPI tiles, bookings vs quota, close rate by quarter,
// the funnel with its diagnosis, the account table, stalled and slipped deals.
import { api } from '../api';
import { bookingsOption } from '../charts/bookings';
import { mountChart } from '../charts/echarts';
import { funnelOption, hasPeers } from '../charts/funnel';
import type { ChartOption } from '../charts/types';
import { winRateOption } from '../charts/winrates';
import { h, replace } from '../dom';
import { date, firstName, money, num, percent, setCurrency } from '../format';
import { kpiTiles, type KpiTile } from '../kpis';
import { navigate, personPath, teamPath } from '../router';
import { ACCOUNT_COLUMNS, ACCOUNTS_PAGE_SIZE, accountRowModels, DEFAULT_ACCOUNT_SORT, pageSummary } from '../tables/accounts';
import { dealRows, type DealRowModel } from '../tables/deals';
import { diagnosisLines, funnelRows, noBottleneckText } from '../tables/funnel';
import { formatSort, nextSort, parseSort } from '../tables/sort';
import type { Scorecard, User } from '../types';
import { asOfParam, asOfPicker, healthClass, type PageContext, roleLabel, setTitle, sortHeader } from './common';

export function isManager(doc: Scorecard, users: User[] = []): boolean {
  if (doc.user.role !== 'ae') return true;
  if (Array.isArray(doc.team)) return true;
  if (users.find((u) => u.id === doc.user.id)?.has_reports) return true;
  return users.some((u) => u.manager_id === doc.user.id);
}

export async function renderPerson(ctx: PageContext, id: string): Promise<void> {
  const asOf = asOfParam(ctx.url);
  const period = ctx.url.searchParams.get('period');
  const usersP = api.users().catch(() => [] as User[]);
  const doc = await api.scorecard(id, { asOf, period });
  const users = await usersP;
  if (ctx.signal.aborted) return;

  if (doc.currency) setCurrency(doc.currency);
  const name = doc.user.name;
  const byId = new Map(users.map((u) => [u.id, u]));
  const manager = doc.user.manager_id ? byId.get(doc.user.manager_id) : undefined;
  setTitle(name);

  const picker = asOfPicker(doc.as_of, (d) => {
    const url = new URL(ctx.url.href);
    if (d) url.searchParams.set('as_of', d);
    else url.searchParams.delete('as_of');
    navigate(url.pathname + url.search);
  });

  const header = h(
    'header',
    { class: 'page-header' },
    h(
      'nav',
      { class: 'crumbs no-print', 'aria-label': 'Breadcrumb' },
      h('a', { href: '/' }, 'People'),
      manager ? [' / ', h('a', { href: personPath(manager.id, asOf) }, manager.name)] : null,
    ),
    h(
      'div',
      { class: 'title-row' },
      h(
        'div',
        null,
        h('h1', { testid: 'person-name' }, name),
        h(
          'p',
          { class: 'subtitle' },
          [roleLabel(doc.user.role), byId.get(doc.user.id)?.team, manager ? `reports to ${manager.name}` : null].filter(Boolean).join(' · '),
        ),
        h(
          'p',
          { class: 'period', testid: 'period' },
          h('strong', null, doc.period.label),
          ` (${date(doc.period.start)} – ${date(doc.period.end)}) · as of `,
          h('strong', { testid: 'as-of-label' }, date(doc.as_of)),
        ),
      ),
      h(
        'div',
        { class: 'controls no-print' },
        picker,
        isManager(doc, users) ? h('a', { class: 'button', href: teamPath(doc.user.id, asOf), testid: 'team-link' }, 'Team') : null,
        h('button', { type: 'button', class: 'button secondary', on: { click: () => window.print() } }, 'Print brief'),
      ),
    ),
  );

  const charts: [HTMLElement, ChartOption][] = [];
  const chartBox = (testid: string, option: ChartOption, label: string, cls = 'chart'): HTMLElement => {
    const el = h('div', { class: cls, testid, role: 'img', 'aria-label': label });
    charts.push([el, option]);
    return el;
  };

  const who = firstName(name);
  const funnelStages = doc.funnel?.stages ?? [];
  const diag = diagnosisLines(doc);
  const peers = doc.funnel?.has_peers ?? hasPeers(funnelStages);

  const sections = [
    header,
    h('section', { class: 'kpis', 'aria-label': 'Key figures' }, kpiTiles(doc).map(tile)),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'panel' },
        h('h2', null, 'Bookings vs quota'),
        h('p', { class: 'hint' }, `${money(doc.bookings)} booked of ${money(doc.quota)}; the dashed line is the pace to reach quota.`),
        doc.bookings_timeline && doc.bookings_timeline.length > 0
          ? chartBox('chart-bookings', bookingsOption(doc), `Bookings over ${doc.period.label}: ${money(doc.bookings)} of ${money(doc.quota)} quota`)
          : h('p', { class: 'empty' }, 'No bookings timeline: the period has not started.'),
      ),
      h(
        'section',
        { class: 'panel' },
        h('h2', null, 'Close rate by quarter'),
        h('p', { class: 'hint' }, 'New business, won of closed; the line is the team.'),
        (doc.win_rates ?? []).length > 0 ? chartBox('chart-winrates', winRateOption(doc, who), `Close rate by quarter, ${who} vs team`) : h('p', { class: 'empty' }, 'No closed deals.'),
      ),
    ),
    h(
      'section',
      { class: 'panel', testid: 'funnel' },
      h('h2', null, 'Conversion funnel'),
      h('p', { class: 'hint' }, `Deals closed in the last year (cohort of ${num(doc.funnel?.cohort_size)}), conversion to the next stage, ${who} vs ${peers ? 'peers' : 'team'}.`),
      h(
        'div',
        { class: diag.length ? 'diagnosis bad' : 'diagnosis', testid: 'diagnosis' },
        h('h3', null, diag.length ? 'Diagnosis' : 'No bottleneck'),
        diag.length ? h('ul', null, diag.map((line) => h('li', null, line))) : h('p', null, noBottleneckText(doc)),
      ),
      funnelStages.length > 0 ? chartBox('chart-funnel', funnelOption(doc, who), `Conversion by stage, ${who} vs ${peers ? 'peers' : 'team'}`, 'chart chart-funnel') : null,
      funnelStages.length > 0 ? funnelTable(doc, who) : null,
    ),
    accountsSection(ctx, doc),
    dealsSection('Stalled deals', 'stalled', 'Open deals with no change for more than 30 days.', dealRows(doc.kpis?.stalled, (o) => byId.get(o)?.name), false, doc.user.role !== 'ae'),
    dealsSection('Slipped deals', 'slipped', `Deals expected in ${doc.period.label} at its start, now closing later or lost.`, dealRows(doc.kpis?.slipped, (o) => byId.get(o)?.name), true, doc.user.role !== 'ae'),
    otherFigures(doc),
  ];
  replace(ctx.root, h('article', { class: 'person-page', testid: 'person-page', data: { as_of: doc.as_of } }, sections));
  for (const [el, opt] of charts) mountChart(el, opt);
}

function tile(t: KpiTile): HTMLElement {
  return h(
    'div',
    { class: ['kpi', healthClass(t.health)], testid: t.id, data: { health: t.health, value: t.raw ?? '' } },
    h('div', { class: 'kpi-label' }, t.label),
    t.items
      ? h(
          'dl',
          { class: 'kpi-items' },
          t.items.map((it) =>
            h(
              'div',
              { class: ['kpi-item', healthClass(it.health)], testid: it.id, data: { health: it.health, value: it.raw ?? '' } },
              h('dt', null, it.label),
              h('dd', { class: 'kpi-value' }, it.value),
            ),
          ),
        )
      : h('div', { class: 'kpi-value' }, t.value),
    t.details.map((d) => h('div', { class: 'kpi-detail' }, d)),
  );
}

function funnelTable(doc: Scorecard, who: string): HTMLElement {
  const rows = funnelRows(doc);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data funnel-table', testid: 'funnel-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Stage → next'),
          h('th', { scope: 'col', class: 'num' }, `${who}: reached`),
          h('th', { scope: 'col', class: 'num' }, 'conversion'),
          h('th', { scope: 'col', class: 'num' }, 'Team: reached'),
          h('th', { scope: 'col', class: 'num' }, 'conversion'),
          h('th', { scope: 'col', class: 'num' }, 'Peers'),
          h('th', { scope: 'col', class: 'num', title: 'One-sided two-proportion z-test, rep below peers' }, 'p'),
          h('th', { scope: 'col' }, 'Skills'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { testid: 'funnel-row', class: r.bottleneck ? 'bottleneck' : null, data: { bottleneck: r.bottleneck ? 'true' : 'false', stage: r.stage } },
            h('th', { scope: 'row' }, `${r.stage} → ${r.next}`, r.bottleneck ? h('span', { class: 'badge bad' }, 'bottleneck') : null),
            h('td', { class: 'num' }, r.reached),
            h('td', { class: 'num' }, r.conversion),
            h('td', { class: 'num' }, r.teamReached),
            h('td', { class: 'num' }, r.teamConversion),
            h('td', { class: 'num' }, r.peerConversion),
            h('td', { class: 'num' }, r.pValue),
            h('td', null, r.skills),
          ),
        ),
      ),
    ),
  );
}

function dealsSection(title: string, id: string, hint: string, rows: DealRowModel[], slipped: boolean, showOwner: boolean): HTMLElement {
  return h(
    'section',
    { class: 'panel', testid: `${id}-deals` },
    h('h2', null, title, h('span', { class: 'count' }, ` ${rows.length}`)),
    h('p', { class: 'hint' }, hint),
    rows.length === 0
      ? h('p', { class: 'empty' }, 'None.')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, 'Deal'),
                h('th', { scope: 'col' }, 'Account'),
                showOwner ? h('th', { scope: 'col' }, 'Owner') : null,
                h('th', { scope: 'col', class: 'num' }, 'Amount'),
                h('th', { scope: 'col' }, 'Stage'),
                slipped ? h('th', { scope: 'col' }, 'Was closing') : null,
                h('th', { scope: 'col' }, 'Close date'),
                slipped ? null : h('th', { scope: 'col', class: 'num' }, 'Since last change'),
              ),
            ),
            h(
              'tbody',
              null,
              rows.map((r) =>
                h(
                  'tr',
                  { testid: `${id}-row` },
                  h('td', null, r.name),
                  h('td', null, r.account),
                  showOwner ? h('td', null, r.owner) : null,
                  h('td', { class: 'num' }, r.amount),
                  h('td', null, r.stage),
                  slipped ? h('td', null, r.originalCloseDate) : null,
                  h('td', null, r.closeDate),
                  slipped ? null : h('td', { class: 'num' }, r.sinceChange),
                ),
              ),
            ),
          ),
        ),
  );
}

function otherFigures(doc: Scorecard): HTMLElement | null {
  const k = doc.kpis;
  if (!k) return null;
  const a = k.activities ?? {};
  const t = k.team_activities_per_rep ?? {};
  const item = (label: string, value: string) => h('div', null, h('dt', null, label), h('dd', null, value));
  return h(
    'section',
    { class: 'panel', testid: 'other-figures' },
    h('h2', null, 'Other figures'),
    h(
      'dl',
      { class: 'figures' },
      item('Average deal size', money(k.avg_deal_size)),
      item('Sales cycle (median)', k.sales_cycle_days == null ? '—' : `${num(k.sales_cycle_days)} days`),
      item('Pipeline created this period', money(k.pipeline_created)),
      item('Calls (team per rep)', `${num(a.call)} (${num(t.call)})`),
      item('Emails (team per rep)', `${num(a.email)} (${num(t.email)})`),
      item('Meetings (team per rep)', `${num(a.meeting)} (${num(t.meeting)})`),
      doc.accounts ? item('Accounts: open pipeline / stale', `${num(doc.accounts.with_open_pipeline)} / ${num(doc.accounts.stale)} of ${num(doc.accounts.total)}`) : null,
      doc.quota_met ? item('Quota', `met (${percent(doc.quota_retirement)})`) : null,
    ),
  );
}

function accountsSection(ctx: PageContext, doc: Scorecard): HTMLElement {
  const state = { openPipeline: true, stale: false, sort: DEFAULT_ACCOUNT_SORT, offset: 0 };
  const body = h('div', { class: 'accounts-body' });
  const summary = h('span', { class: 'summary', testid: 'accounts-summary', 'aria-live': 'polite' });
  const section = h('section', { class: 'panel', testid: 'accounts', data: { loading: 'true' } });

  const openBox = h('input', { type: 'checkbox', checked: state.openPipeline, testid: 'filter-open-pipeline' });
  const staleBox = h('input', { type: 'checkbox', checked: state.stale, testid: 'filter-stale' });
  openBox.addEventListener('change', () => {
    state.openPipeline = openBox.checked;
    state.offset = 0;
    void load();
  });
  staleBox.addEventListener('change', () => {
    state.stale = staleBox.checked;
    state.offset = 0;
    void load();
  });

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    section.setAttribute('data-loading', 'true');
    try {
      const page = await api.accounts(doc.user.id, {
        asOf: doc.as_of,
        openPipeline: state.openPipeline,
        stale: state.stale,
        sort: state.sort,
        limit: ACCOUNTS_PAGE_SIZE,
        offset: state.offset,
      });
      if (mine !== seq || ctx.signal.aborted) return;
      summary.textContent = pageSummary(state.offset, page.rows.length, page.total);
      replace(body, accountsTable(page.rows, page.total));
    } catch (e) {
      if (mine !== seq || ctx.signal.aborted) return;
      summary.textContent = '';
      replace(body, h('p', { class: 'empty error', role: 'alert' }, `Could not load accounts: ${(e as Error).message}`));
    } finally {
      if (mine === seq) section.setAttribute('data-loading', 'false');
    }
  }

  function accountsTable(rows: Parameters<typeof accountRowModels>[0], total: number): HTMLElement {
    const current = parseSort(state.sort);
    const onSort = (key: string) => {
      const col = ACCOUNT_COLUMNS.find((c) => c.key === key);
      const next = nextSort(current, key, col?.defaultDir ?? 'asc');
      state.sort = formatSort(next.key, next.dir);
      state.offset = 0;
      void load();
    };
    const models = accountRowModels(rows);
    const pager =
      total > ACCOUNTS_PAGE_SIZE
        ? h(
            'div',
            { class: 'pager no-print' },
            h('button', {
              type: 'button', class: 'button secondary', disabled: state.offset === 0,
              on: { click: () => { state.offset = Math.max(0, state.offset - ACCOUNTS_PAGE_SIZE); void load(); } },
            }, 'Previous'),
            h('button', {
              type: 'button', class: 'button secondary', disabled: state.offset + rows.length >= total,
              on: { click: () => { state.offset += ACCOUNTS_PAGE_SIZE; void load(); } },
            }, 'Next'),
          )
        : null;
    if (models.length === 0) return h('p', { class: 'empty', testid: 'accounts-empty' }, 'No accounts match these filters.');
    return h(
      'div',
      null,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data accounts-table', testid: 'accounts-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              { class: 'group-row' },
              h('th', { colspan: '5' }),
              h('th', { colspan: '3', class: 'group' }, 'Last 30 days'),
              h('th', { colspan: '3', class: 'group' }, 'Last 90 days'),
              h('th'),
            ),
            h('tr', null, ACCOUNT_COLUMNS.map((c) => sortHeader(c.label, c.key, current, c.numeric, onSort, c.group ? `Sort by ${c.label.toLowerCase()} in the last ${c.group}` : undefined))),
          ),
          h(
            'tbody',
            null,
            models.map((m) =>
              h(
                'tr',
                { testid: 'account-row', class: m.stale ? 'stale' : null, data: { stale: m.stale ? 'true' : 'false', id: m.id } },
                m.cells.map((c, i) =>
                  i === 0
                    ? h('th', { scope: 'row' }, c.text, m.stale ? h('span', { class: 'badge warn' }, 'stale') : null)
                    : h('td', { class: c.numeric ? 'num' : null, data: { key: c.key } }, c.text),
                ),
              ),
            ),
          ),
        ),
      ),
      pager,
    );
  }

  replace(
    section,
    h('h2', null, 'Accounts'),
    h(
      'p',
      { class: 'hint' },
      `Stale: open pipeline and no call or email for over two weeks. ${doc.accounts ? `${num(doc.accounts.stale)} stale of ${num(doc.accounts.with_open_pipeline)} with open pipeline (${num(doc.accounts.total)} accounts).` : ''}`,
    ),
    h(
      'div',
      { class: 'filters' },
      h('label', { class: 'toggle no-print' }, openBox, ' Open pipeline only'),
      h('label', { class: 'toggle no-print' }, staleBox, ' Stale only'),
      summary,
    ),
    body,
  );
  void load();
  return section;
}
