// A manager's team page: one row per direct report, sortable client-side by
// any column, each name linking to that person's one-on-one page, and the
// team total (the manager's own figures, which include deals they own).
import { api } from '../api';
import { h, replace } from '../dom';
import { date } from '../format';
import { coverageHealth, DEFAULT_COVERAGE_TARGET, paceHealth } from '../kpis';
import { navigate, personPath, teamPath } from '../router';
import { TEAM_COLUMNS, teamRowModels, teamTotalModel, type TeamRowModel } from '../tables/team';
import { nextSort, type SortDir } from '../tables/sort';
import type { TeamDoc, TeamRow } from '../types';
import { asOfParam, asOfPicker, healthClass, type PageContext, setTitle, sortHeader } from './common';

export async function renderTeam(ctx: PageContext, id: string): Promise<void> {
  const asOf = asOfParam(ctx.url);
  const doc = await api.team(id, { asOf });
  if (ctx.signal.aborted) return;
  const name = doc.user.name;
  setTitle(`${name}'s team`);
  let sort: { key: string; dir: SortDir } | null = null;
  const tableBox = h('div', { class: 'table-wrap' });

  const draw = () => replace(tableBox, teamTable(doc, sort, asOf, (key) => {
    const col = TEAM_COLUMNS.find((c) => c.key === key);
    sort = nextSort(sort, key, col?.defaultDir ?? 'asc');
    draw();
  }));
  draw();

  const picker = asOfPicker(doc.as_of ?? asOf, (d) => {
    const url = new URL(ctx.url.href);
    if (d) url.searchParams.set('as_of', d);
    else url.searchParams.delete('as_of');
    navigate(url.pathname + url.search);
  });
  const docAsOf = doc.as_of ?? asOf;

  replace(
    ctx.root,
    h(
      'article',
      { class: 'team-page', testid: 'team-page' },
      h(
        'header',
        { class: 'page-header' },
        h('nav', { class: 'crumbs no-print', 'aria-label': 'Breadcrumb' }, h('a', { href: '/' }, 'People'), ' / ', h('a', { href: personPath(doc.user.id, asOf) }, name)),
        h(
          'div',
          { class: 'title-row' },
          h(
            'div',
            null,
            h('h1', { testid: 'team-title' }, `${name}'s team`),
            h(
              'p',
              { class: 'subtitle' },
              `${doc.team.length} direct ${doc.team.length === 1 ? 'report' : 'reports'}${doc.period ? ` · ${doc.period.label}` : ''}${docAsOf ? ` · as of ${date(docAsOf)}` : ''}`,
            ),
          ),
          h(
            'div',
            { class: 'controls no-print' },
            picker,
            h('a', { class: 'button secondary', href: personPath(doc.user.id, asOf) }, `${name}'s scorecard`),
          ),
        ),
      ),
      h(
        'section',
        { class: 'panel' },
        doc.team.length === 0 ? h('p', { class: 'empty' }, 'No direct reports.') : tableBox,
        h('p', { class: 'hint' }, 'Close rate: new business, current quarter. The total is the manager’s own scorecard and includes deals the manager owns, so it can exceed the sum of the rows.'),
      ),
    ),
  );
}

function rowCells(m: TeamRowModel, row: TeamRow | null, asOf: string | null): HTMLElement[] {
  return m.cells.map((c) => {
    if (c.key === 'name') {
      if (!m.id) return h('th', { scope: 'row' }, c.text);
      const isMgr = row ? row.user.role !== 'ae' : false;
      return h(
        'th',
        { scope: 'row' },
        h('a', { href: personPath(m.id, asOf), testid: 'team-member-link' }, c.text),
        isMgr ? h('a', { class: 'sub-link', href: teamPath(m.id, asOf), title: `${c.text}'s team` }, 'team') : null,
      );
    }
    let cls: string | null = null;
    if (c.key === 'pace') cls = healthClass(paceHealth(row ? row.pace : m.pace, row?.quota_met === true));
    if (c.key === 'pipeline_coverage' && row) cls = healthClass(coverageHealth(row.pipeline_coverage, DEFAULT_COVERAGE_TARGET, row.quota_met === true));
    if (c.key === 'accounts_stale' && m.staleAccounts > 0) cls = 'health-warn';
    return h('td', { class: ['num', cls], data: { key: c.key } }, c.text);
  });
}

function teamTable(doc: TeamDoc, sort: { key: string; dir: SortDir } | null, asOf: string | null, onSort: (key: string) => void): HTMLElement {
  const models = teamRowModels(doc.team, sort);
  const byId = new Map(doc.team.map((r) => [r.user.id, r]));
  const total = teamTotalModel(doc);
  return h(
    'table',
    { class: 'data team-table', testid: 'team-table' },
    h('thead', null, h('tr', null, TEAM_COLUMNS.map((c) => sortHeader(c.label, c.key, sort, c.numeric, onSort)))),
    h(
      'tbody',
      null,
      models.map((m) => h('tr', { testid: 'team-row', data: { id: m.id } }, rowCells(m, m.id ? (byId.get(m.id) ?? null) : null, asOf))),
    ),
    total ? h('tfoot', null, h('tr', { testid: 'team-total', class: 'total' }, rowCells(total, null, asOf))) : null,
  );
}
