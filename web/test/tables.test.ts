import { describe, expect, it } from 'vitest';
import { ACCOUNT_COLUMNS, accountRowModels, pageSummary } from '../src/tables/accounts';
import { dealRows } from '../src/tables/deals';
import { diagnosisLines, diagnosisText, funnelRows, noBottleneckText } from '../src/tables/funnel';
import { ariaSort, compareValues, formatSort, nextSort, parseSort, sortRows } from '../src/tables/sort';
import { TEAM_COLUMNS, teamRowModels, teamTotalModel } from '../src/tables/team';
import { accounts, david, maria, team } from './fixtures';

describe('sorting', () => {
  it('puts missing values last in both directions', () => {
    const xs = [3, null, 1, undefined, 2];
    expect(sortRows(xs, (x) => x, 'asc')).toEqual([1, 2, 3, null, undefined]);
    expect(sortRows(xs, (x) => x, 'desc')).toEqual([3, 2, 1, null, undefined]);
  });

  it('compares strings naturally and case-insensitively', () => {
    expect(compareValues('abc', 'ABD')).toBeLessThan(0);
    expect(compareValues('Rep 10', 'Rep 9')).toBeGreaterThan(0);
  });

  it('is stable', () => {
    const rows = [{ k: 1, n: 'a' }, { k: 0, n: 'b' }, { k: 1, n: 'c' }];
    expect(sortRows(rows, (r) => r.k, 'desc').map((r) => r.n)).toEqual(['a', 'c', 'b']);
  });

  it('parses and formats the server sort parameter', () => {
    expect(parseSort('-open_pipeline')).toEqual({ key: 'open_pipeline', dir: 'desc' });
    expect(parseSort('name')).toEqual({ key: 'name', dir: 'asc' });
    expect(parseSort('')).toBeNull();
    expect(formatSort('days_since_touch', 'desc')).toBe('-days_since_touch');
    expect(formatSort('name', 'asc')).toBe('name');
  });

  it('flips the direction on the same column, starts a new column in its default', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name', 'asc')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name', 'asc')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'open_pipeline', 'desc')).toEqual({ key: 'open_pipeline', dir: 'desc' });
    expect(nextSort(null, 'x', 'asc')).toEqual({ key: 'x', dir: 'asc' });
    expect(ariaSort({ key: 'x', dir: 'desc' }, 'x')).toBe('descending');
    expect(ariaSort({ key: 'x', dir: 'desc' }, 'y')).toBe('none');
  });
});

describe('account table', () => {
  it('has the columns of the brief, keyed by the API names', () => {
    expect(ACCOUNT_COLUMNS.map((c) => c.key)).toEqual([
      'name', 'open_pipeline', 'open_opportunities', 'last_touch_at', 'days_since_touch',
      'calls_30d', 'emails_30d', 'meetings_30d', 'calls_90d', 'emails_90d', 'meetings_90d', 'next_close_date',
    ]);
  });

  it('formats cells and flags stale rows', () => {
    const models = accountRowModels(accounts().rows);
    const acme = models.find((m) => m.cells[0]!.text === 'Acme Logistics')!;
    expect(acme.stale).toBe(false);
    expect(acme.cells.find((c) => c.key === 'open_pipeline')!.text).toBe('$95,000');
    expect(acme.cells.find((c) => c.key === 'last_touch_at')!.text).toBe('Dec 14, 2026');
    expect(acme.cells.find((c) => c.key === 'next_close_date')!.text).toBe('Dec 23, 2026');
    const wayne = models.find((m) => m.cells[0]!.text === 'Wayne Biotech')!;
    expect(wayne.stale).toBe(true);
    expect(wayne.cells.find((c) => c.key === 'last_touch_at')!.text).toBe('—');
    expect(wayne.cells.find((c) => c.key === 'days_since_touch')!.text).toBe('—');
    expect(models.filter((m) => m.stale).map((m) => m.cells[0]!.text).sort()).toEqual(
      ['Initech Software', 'Oceanic Airlines', 'Pied Piper', 'Tyrell Robotics', 'Wayne Biotech'],
    );
  });

  it('summarises the page', () => {
    expect(pageSummary(0, 24, 24)).toBe('24 accounts');
    expect(pageSummary(50, 50, 213)).toBe('Showing 51–100 of 213 accounts');
    expect(pageSummary(0, 0, 0)).toBe('No accounts');
    expect(pageSummary(0, 1, 1)).toBe('1 account');
  });
});

describe('team table', () => {
  const cell = (m: { cells: { key: string; text: string }[] }, key: string) => m.cells.find((c) => c.key === key)!.text;

  it('keeps the server order by default and formats the cells', () => {
    const rows = teamRowModels(team().team);
    expect(rows.map((r) => r.name)).toEqual(['David', 'Priya Shah', 'Tom Becker', 'Elena Rossi', 'Marcus Lee']);
    expect(cell(rows[0]!, 'quota_retirement')).toBe('20%');
    expect(cell(rows[0]!, 'pipeline_coverage')).toBe('2.2×');
    expect(cell(rows[0]!, 'win_rate')).toBe('25% (2/8)');
    expect(cell(rows[0]!, 'accounts_stale')).toBe('5 of 13');
    expect(cell(rows[3]!, 'pipeline_coverage')).toBe('Quota met'); // Elena: 312k of 300k
    expect(cell(rows[4]!, 'win_rate')).toBe('— (0/0)'); // Marcus: nothing closed
  });

  it('sorts by any column, both directions, missing values last', () => {
    const t = team().team;
    expect(teamRowModels(t, { key: 'quota_retirement', dir: 'desc' }).map((r) => r.name)).toEqual(
      ['Elena Rossi', 'Priya Shah', 'Tom Becker', 'Marcus Lee', 'David'],
    );
    expect(teamRowModels(t, { key: 'quota_retirement', dir: 'asc' }).map((r) => r.name)[0]).toBe('David');
    expect(teamRowModels(t, { key: 'name', dir: 'desc' }).map((r) => r.name)).toEqual(
      ['Tom Becker', 'Priya Shah', 'Marcus Lee', 'Elena Rossi', 'David'],
    );
    const byRate = teamRowModels(t, { key: 'win_rate', dir: 'asc' }).map((r) => r.name);
    expect(byRate.at(-1)).toBe('Marcus Lee'); // null win rate sorts last even ascending
    const byCov = teamRowModels(t, { key: 'pipeline_coverage', dir: 'desc' }).map((r) => r.name);
    expect(byCov[0]).toBe('Priya Shah');
    expect(byCov.at(-1)).toBe('Elena Rossi'); // coverage null (quota met)
  });

  it('every column sorts without throwing', () => {
    for (const c of TEAM_COLUMNS) expect(teamRowModels(team().team, { key: c.key, dir: 'asc' })).toHaveLength(5);
  });

  it('has a team total row', () => {
    const total = teamTotalModel(team())!;
    expect(total.name).toBe('Team total');
    expect(total.id).toBeNull();
    expect(cell(total, 'bookings')).toBe('$945,000');
    expect(cell(total, 'quota')).toBe('$1,500,000');
    expect(teamTotalModel({ team_total: null })).toBeNull();
  });

  it("is also in a manager's scorecard", () => {
    expect(teamRowModels(maria().team!).map((r) => r.id)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });
});

describe('funnel table and diagnosis', () => {
  it('highlights the bottleneck row only', () => {
    const rows = funnelRows(david());
    expect(rows.map((r) => r.bottleneck)).toEqual([false, false, false, true, false]);
    const bj = rows[3]!;
    expect(bj.stage).toBe('Business Justification');
    expect(bj.next).toBe('Negotiation');
    expect(bj.conversion).toBe('35%');
    expect(bj.peerConversion).toBe('62%');
    expect(bj.pValue).toBe('0.01');
    expect(bj.reached).toBe('23');
    expect(rows[4]!.next).toBe('Won');
  });

  it('writes the diagnosis as a manager reads it', () => {
    expect(diagnosisLines(david())).toEqual([
      'Business Justification → Negotiation: 35% vs 62% for peers (n=23, p=0.01); coach: business justification',
    ]);
  });

  it('takes n from the funnel when the diagnosis has none, and copes with missing parts', () => {
    const doc = david();
    delete doc.diagnosis![0]!.reached;
    expect(diagnosisLines(doc)[0]).toContain('(n=23, p=0.01)');
    expect(
      diagnosisText({ stage: 'Negotiation', next_stage: 'Won', conversion: 0.5, peer_conversion: 0.75, p_value: 0.0004, skills: [] }, null),
    ).toBe('Negotiation → Won: 50% vs 75% for peers (p<0.001)');
  });

  it('explains an empty diagnosis', () => {
    expect(noBottleneckText(maria())).toBe('No peers to compare with: no bottleneck test.');
    const doc = david();
    doc.funnel = { stages: [] };
    expect(noBottleneckText(doc)).toBe('No funnel data for this period.');
  });
});

describe('deals', () => {
  it('lists stalled deals largest first with owner names', () => {
    const rows = dealRows(david().kpis!.stalled, (id) => (id === 'u1' ? 'David' : undefined));
    expect(rows.map((r) => r.amount)).toEqual(['$85,000', '$64,000', '$42,000']);
    expect(rows[0]!.owner).toBe('David');
    expect(rows[0]!.sinceChange).toBe('47 days');
    expect(rows[0]!.closeDate).toBe('Dec 22, 2026');
  });

  it('shows the original close date of slipped deals', () => {
    const rows = dealRows(david().kpis!.slipped);
    expect(rows[0]!.name).toBe('Hooli Cloud — data platform');
    expect(rows[0]!.originalCloseDate).toBe('Dec 15, 2026');
    expect(rows[0]!.closeDate).toBe('Jan 15, 2027');
    expect(rows[0]!.owner).toBe('David'); // owner_name from the server
    const anonymous = dealRows(david().kpis!.slipped!.map(({ owner_name: _n, ...d }) => d));
    expect(anonymous[0]!.owner).toBe('u1'); // no name known: the id
    expect(anonymous[0]!.sinceChange).toBe('—'); // slipped deals have no days_since_change
  });

  it('handles no deals', () => {
    expect(dealRows(undefined)).toEqual([]);
  });
});

describe('server-provided names', () => {
  it("prefers the deal's owner_name and the stage's next_stage", () => {
    const doc = david();
    expect(dealRows(doc.kpis!.stalled)[0]!.owner).toBe('David');
    doc.funnel!.stages[0]!.next_stage = 'Discovery Call';
    expect(funnelRows(doc)[0]!.next).toBe('Discovery Call');
  });

  it('names the team total "Team total" even though it carries the manager as user', () => {
    const t = team();
    expect(t.team_total!.user?.id).toBe('m1');
    const m = teamTotalModel(t)!;
    expect(m.name).toBe('Team total');
    expect(m.cells[0]!.text).toBe('Team total');
  });
});
