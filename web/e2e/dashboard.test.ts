// Browser tests of the dashboard against a real or mock server (see
// global-setup.ts). Values shown on the page are compared with the API's,
// formatted with the same rules a person reads.
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { multiple, percent } from '../src/format';
import type { AccountsPage, Scorecard, TeamDoc, User } from '../src/types';
import { launch, shot } from './browser';

const base = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let request: APIRequestContext;
const problems: string[] = [];

async function api<T>(path: string): Promise<T> {
  const res = await request.get(new URL(path, base).href);
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

async function open(path: string): Promise<void> {
  await page.goto(new URL(path, base).href);
  await page.waitForSelector('#app[aria-busy="false"]');
}

async function accountsLoaded(): Promise<void> {
  await page.waitForSelector('[data-testid="accounts"][data-loading="false"]');
}

let david: User;
let users: User[];

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  request = context.request;
  // The real server asks for a sign-in: the admin sees everyone. The request
  // context shares its cookies with the pages.
  const admin = inject('signIns').admin;
  if (admin) {
    const res = await request.post(new URL('/api/login', base).href, {
      data: { email: admin.email, password: admin.password },
      headers: { Origin: new URL(base).origin },
    });
    expect(res.ok(), `sign-in as ${admin.email}: ${await res.text()}`).toBe(true);
  }
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[04]/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  users = (await api<{ users: User[] }>('/api/users')).users;
  const found = users.find((u) => u.name === 'David') ?? users.find((u) => /^David\b/.test(u.name));
  expect(found, 'a user named David (the demo data set)').toBeTruthy();
  david = found!;
});

afterAll(async () => {
  await browser?.close();
});

describe('home', () => {
  it('lists the org tree and finds a person by name', async () => {
    await open('/');
    expect(await page.title()).toBe('People — Scorecards');
    await expect.poll(() => page.locator(`[data-testid="org-tree"] a[href="/people/${encodeURIComponent(david.id)}"]`).count()).toBe(1);
    await page.fill('[data-testid="search"]', 'david');
    const results = page.locator('[data-testid="search-results"] a.person-link');
    expect(await results.allTextContents()).toContain(david.name);
    await page.screenshot({ path: shot('home.png'), fullPage: true });
    await results.filter({ hasText: david.name }).first().click();
    await page.waitForURL(`**/people/${encodeURIComponent(david.id)}`);
    await page.waitForSelector('[data-testid="person-page"]');
  });
});

describe("David's one-on-one page", () => {
  let doc: Scorecard;

  beforeAll(async () => {
    doc = await api<Scorecard>(`/api/users/${encodeURIComponent(david.id)}/scorecard`);
    await open(`/people/${encodeURIComponent(david.id)}`);
    await page.waitForSelector('[data-testid="person-page"]');
    await accountsLoaded();
  });

  it('sets the title and shows the period', async () => {
    expect(await page.title()).toBe(`${doc.user.name} — Scorecards`);
    expect(await page.textContent('[data-testid="period"]')).toContain(doc.period.label);
  });

  it('shows retirement, coverage, forecast and close rate tiles equal to the API', async () => {
    const text = (id: string) => page.locator(`[data-testid="${id}"] .kpi-value`).first().textContent();
    expect(await text('kpi-retirement')).toBe(percent(doc.quota_retirement));
    const coverage = doc.quota_met && doc.pipeline_coverage == null ? 'Quota met' : multiple(doc.pipeline_coverage);
    expect(await text('kpi-coverage')).toBe(coverage);
    expect(await text('kpi-forecast-commit')).toBe(percent(doc.forecast_coverage?.commit));
    expect(await text('kpi-forecast-best-case')).toBe(percent(doc.forecast_coverage?.best_case));
    expect(await text('kpi-forecast-calculated')).toBe(percent(doc.forecast_coverage?.calculated));
    const rates = doc.win_rates ?? [];
    const current = rates.at(-1);
    let expected: number | null;
    if (current && current.win_rate != null) expected = current.win_rate;
    else {
      const closed = rates.reduce((s, w) => s + w.closed, 0);
      expected = closed > 0 ? rates.reduce((s, w) => s + w.won, 0) / closed : null;
    }
    expect(await text('kpi-close-rate')).toBe(percent(expected));
    // The tile colour follows pace: >= 1 good, >= 0.8 warn, else bad.
    const pace = doc.pace;
    const health = doc.quota_met ? 'good' : pace == null ? 'none' : pace >= 1 ? 'good' : pace >= 0.8 ? 'warn' : 'bad';
    expect(await page.getAttribute('[data-testid="kpi-retirement"]', 'data-health')).toBe(health);
  });

  it('draws the charts', async () => {
    for (const id of ['chart-bookings', 'chart-winrates', 'chart-funnel']) {
      const box = await page.locator(`[data-testid="${id}"] canvas`).first().boundingBox();
      expect(box, id).toBeTruthy();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(150);
    }
    await page.screenshot({ path: shot('person.png'), fullPage: true });
  });

  it('highlights the funnel bottleneck and writes the diagnosis', async () => {
    const flagged = (doc.funnel?.stages ?? []).filter((s) => s.bottleneck).map((s) => s.stage);
    expect(flagged.length, 'David has a bottleneck in the demo data').toBeGreaterThan(0);
    const rows = page.locator('[data-testid="funnel-row"][data-bottleneck="true"]');
    expect(await rows.count()).toBe(flagged.length);
    expect(await rows.first().getAttribute('data-stage')).toBe(flagged[0]);
    const diag = (await page.textContent('[data-testid="diagnosis"]')) ?? '';
    const d = doc.diagnosis![0]!;
    expect(diag).toContain(`${d.stage} → ${d.next_stage}: ${percent(d.conversion)} vs ${percent(d.peer_conversion)} for peers`);
    if (d.skills?.length) expect(diag).toContain(`coach: ${d.skills.join(', ')}`);
    await page.locator('[data-testid="funnel"]').screenshot({ path: shot('funnel.png') });
  });

  it('lists accounts with open pipeline by default, and only stale ones when asked', async () => {
    const id = encodeURIComponent(david.id);
    const open = await api<AccountsPage>(`/api/users/${id}/accounts?as_of=${doc.as_of}&open_pipeline=1&limit=50`);
    const rows = page.locator('[data-testid="account-row"]');
    expect(await rows.count()).toBe(Math.min(open.total, 50));
    expect(await page.isChecked('[data-testid="filter-open-pipeline"]')).toBe(true);

    await page.check('[data-testid="filter-stale"]');
    await page.waitForSelector('[data-testid="accounts"][data-loading="true"]', { timeout: 2000 }).catch(() => {});
    await accountsLoaded();
    const stale = await api<AccountsPage>(`/api/users/${id}/accounts?as_of=${doc.as_of}&open_pipeline=1&stale=1&limit=50`);
    expect(stale.total, 'David has stale accounts in the demo data').toBeGreaterThan(0);
    const n = await rows.count();
    expect(n).toBe(Math.min(stale.total, 50));
    const flags = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-stale')));
    expect(flags.every((f) => f === 'true')).toBe(true);
    await page.locator('[data-testid="accounts"]').screenshot({ path: shot('accounts-stale.png') });

    await page.uncheck('[data-testid="filter-stale"]');
    await accountsLoaded();
    await expect.poll(() => rows.count()).toBe(Math.min(open.total, 50));
  });

  it('sorts accounts on the server by clicking a column header', async () => {
    const header = page.locator('[data-testid="accounts-table"] th[data-key="days_since_touch"] button');
    const waitSorted = page.waitForRequest((r) => r.url().includes('/accounts') && r.url().includes('sort=-days_since_touch'));
    await header.click();
    await waitSorted;
    await accountsLoaded();
    await expect.poll(() => page.getAttribute('[data-testid="accounts-table"] th[data-key="days_since_touch"]', 'aria-sort')).toBe('descending');
    const days = await page
      .locator('[data-testid="account-row"] td[data-key="days_since_touch"]')
      .evaluateAll((els) => els.map((e) => (e.textContent === '—' ? null : Number(e.textContent!.replace(/,/g, '')))));
    const known = days.filter((d): d is number => d !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    // Server order puts never-touched accounts (null) together at one end.
    const firstNull = days.indexOf(null);
    if (firstNull >= 0) expect(days.slice(firstNull).every((d) => d === null) || days.slice(0, days.lastIndexOf(null) + 1).every((d) => d === null)).toBe(true);
  });

  it('shows stalled and slipped deals', async () => {
    expect(await page.locator('[data-testid="stalled-row"]').count()).toBe(doc.kpis?.stalled?.length ?? 0);
    expect(await page.locator('[data-testid="slipped-row"]').count()).toBe(doc.kpis?.slipped?.length ?? 0);
  });

  it('changes the figures when the as-of date changes', async () => {
    const before = await page.locator('.kpis').innerText();
    const d = new Date(`${doc.as_of}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 14);
    let earlier = d.toISOString().slice(0, 10);
    if (earlier < doc.period.start) earlier = doc.period.start;
    await page.fill('[data-testid="as-of"]', earlier);
    await page.waitForURL(`**/people/${encodeURIComponent(david.id)}?as_of=${earlier}`);
    await page.waitForSelector(`[data-testid="person-page"][data-as_of="${earlier}"]`);
    const doc2 = await api<Scorecard>(`/api/users/${encodeURIComponent(david.id)}/scorecard?as_of=${earlier}`);
    expect(doc2.as_of).toBe(earlier);
    expect(await page.locator('[data-testid="kpi-retirement"] .kpi-value').textContent()).toBe(percent(doc2.quota_retirement));
    const after = await page.locator('.kpis').innerText();
    expect(after).not.toBe(before);
    // Back to the first date through history.
    await page.goBack();
    await page.waitForSelector(`[data-testid="person-page"][data-as_of="${doc.as_of}"]`);
  });

  it('prints as a clean brief without controls', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(300); // charts re-draw for print
    try {
      expect(await page.isVisible('[data-testid="as-of"]')).toBe(false);
      expect(await page.isVisible('[data-testid="filter-stale"]')).toBe(false);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(255, 255, 255)');
      await page.screenshot({ path: shot('person-print.png'), fullPage: true });
      await page.pdf({ path: shot('person-brief.pdf'), format: 'A4', printBackground: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('team page', () => {
  it("lists the manager's team with a total, sorts, and links to each person", async () => {
    expect(david.manager_id, 'David has a manager').toBeTruthy();
    const mgr = encodeURIComponent(david.manager_id!);
    const doc = await api<TeamDoc>(`/api/users/${mgr}/team`);
    await open(`/people/${mgr}/team`);
    await page.waitForSelector('[data-testid="team-table"]');
    expect(await page.title()).toBe(`${doc.user.name}'s team — Scorecards`);
    const names = await page.locator('[data-testid="team-row"] [data-testid="team-member-link"]').allTextContents();
    expect(names).toEqual(doc.team.map((r) => r.user.name));
    expect(names).toContain(david.name);
    if (doc.team_total) expect(await page.locator('[data-testid="team-total"]').count()).toBe(1);
    await page.screenshot({ path: shot('team.png'), fullPage: true });

    // Sort by retirement, descending first.
    await page.click('[data-testid="team-table"] th[data-key="quota_retirement"] button');
    const sorted = await page.locator('[data-testid="team-row"] [data-testid="team-member-link"]').allTextContents();
    const expected = [...doc.team]
      .sort((a, b) => (b.quota_retirement ?? -Infinity) - (a.quota_retirement ?? -Infinity))
      .map((r) => r.user.name);
    expect(sorted[0]).toBe(expected[0]);
    expect(await page.getAttribute('[data-testid="team-table"] th[data-key="quota_retirement"]', 'aria-sort')).toBe('descending');

    await page.locator('[data-testid="team-member-link"]', { hasText: david.name }).first().click();
    await page.waitForURL(`**/people/${encodeURIComponent(david.id)}`);
    await page.waitForSelector('[data-testid="person-page"]');
    expect(await page.title()).toBe(`${david.name} — Scorecards`);
  });

  it("offers the team link on the manager's own page", async () => {
    await open(`/people/${encodeURIComponent(david.manager_id!)}`);
    await page.waitForSelector('[data-testid="person-page"]');
    await page.click('[data-testid="team-link"]');
    await page.waitForURL(`**/people/${encodeURIComponent(david.manager_id!)}/team`);
    await page.waitForSelector('[data-testid="team-table"]');
  });
});

describe('errors and policy', () => {
  it('shows a clear error for an unknown person', async () => {
    await open('/people/no-such-person-xyz');
    expect(await page.textContent('[data-testid="error"]')).toContain('Not found');
  });

  it('logged no script errors or Content-Security-Policy violations', () => {
    expect(problems).toEqual([]);
  });
});
