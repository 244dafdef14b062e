// Sign-in and scoping against the real server (SCORECARDS_BIN: the demo
// sign-ins printed by `serve --demo`): signed out, the app shows the sign-in
// page; David signs in and sees his own page but not his manager's ("No
// access"); his manager signs in and sees the team. Skipped against the mock
// and SCORECARDS_URL servers (no per-person sign-ins there).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './browser';

const base = inject('baseUrl');
const signIns = inject('signIns');
const enabled = Boolean(signIns.ae && signIns.manager);
let browser: Browser;

beforeAll(async () => {
  if (enabled) browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function signedIn(who: 'ae' | 'manager', path = '/'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(new URL(path, base).href);
  await page.waitForSelector('[data-testid="login-form"]');
  await page.fill('[data-testid="login-email"]', signIns[who]!.email);
  await page.fill('[data-testid="login-password"]', signIns[who]!.password);
  await page.click('[data-testid="login-form"] button[type="submit"]');
  await page.waitForSelector('[data-testid="login-form"]', { state: 'detached' });
  await page.waitForSelector('#app[aria-busy="false"]');
  return { context, page };
}

async function me(page: Page): Promise<{ email: string; user: { id: string; name: string } | null }> {
  const res = await page.request.get(new URL('/api/me', base).href);
  expect(res.status()).toBe(200);
  return res.json();
}

describe.skipIf(!enabled)('sign-in against the real server', () => {
  it('shows the sign-in page when signed out, and a wrong password is refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForSelector('[data-testid="login-form"]');
    expect(await page.title()).toBe('Sign in — Scorecards');
    const api = await page.request.get(new URL('/api/users', base).href);
    expect(api.status()).toBe(401);
    await page.fill('[data-testid="login-email"]', signIns.ae!.email);
    await page.fill('[data-testid="login-password"]', 'not the password');
    await page.click('[data-testid="login-form"] button[type="submit"]');
    await expect.poll(() => page.textContent('[data-testid="login-error"]')).toBe('Wrong email or password.');
    await context.close();
  });

  it("lets David see his own page but not his manager's (No access)", async () => {
    const { context: mgrContext, page: mgrPage } = await signedIn('manager');
    const manager = (await me(mgrPage)).user!;
    await mgrContext.close();

    const { context, page } = await signedIn('ae');
    const david = (await me(page)).user!;
    expect(david.name).toBe('David');
    await page.goto(new URL(`/people/${encodeURIComponent(david.id)}`, base).href);
    await page.waitForSelector('[data-testid="person-page"]');
    expect(await page.title()).toBe('David — Scorecards');

    await page.goto(new URL(`/people/${encodeURIComponent(manager.id)}`, base).href);
    await page.waitForSelector('#app[aria-busy="false"]');
    expect(await page.textContent('[data-testid="error"]')).toContain('No access');
    const body = await page.textContent('body');
    expect(body).not.toContain(manager.name);
    const team = await page.request.get(new URL(`/api/users/${encodeURIComponent(manager.id)}/team`, base).href);
    expect(team.status()).toBe(403);
    await context.close();
  });

  it('shows the manager their team', async () => {
    const { context, page } = await signedIn('manager');
    const manager = (await me(page)).user!;
    await page.goto(new URL(`/people/${encodeURIComponent(manager.id)}/team`, base).href);
    await page.waitForSelector('[data-testid="team-table"]');
    const names = await page.locator('[data-testid="team-row"] [data-testid="team-member-link"]').allTextContents();
    expect(names).toContain('David');
    const users = await page.request.get(new URL('/api/users', base).href);
    const list = (await users.json()).users as { id: string }[];
    expect(list.length).toBe(names.length + 1); // the manager and the reports
    await context.close();
  });

  it('signs out from the top bar', async () => {
    const { context, page } = await signedIn('ae');
    await page.waitForSelector('[data-testid="account"]:not([hidden])');
    expect(await page.textContent('[data-testid="account-email"]')).toBe(signIns.ae!.email);
    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('[data-testid="login-form"]');
    const api = await page.request.get(new URL('/api/users', base).href);
    expect(api.status()).toBe(401);
    await context.close();
  });
});
