// The sign-in flow against the mock server in --auth mode (the real server's
// sign-in comes later): a 401 shows the form, a good password shows the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, shot } from './browser';
import { startMockServer } from './mock-server.mjs';

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'dist');
let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  server = await startMockServer({ webRoot: dist, auth: true });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('sign-in', () => {
  it('asks for credentials on 401, rejects a wrong password, then shows the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}people/u1`);
    await page.waitForSelector('[data-testid="login-form"]');
    expect(await page.title()).toBe('Sign in — Scorecards');
    await page.fill('[data-testid="login-email"]', 'david@example.com');
    await page.fill('[data-testid="login-password"]', 'wrong');
    await page.click('[data-testid="login-form"] button[type="submit"]');
    await expect.poll(() => page.textContent('[data-testid="login-error"]')).toBe('Wrong email or password.');
    await page.screenshot({ path: shot('login.png') });
    await page.fill('[data-testid="login-password"]', 'demo');
    await page.click('[data-testid="login-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="person-page"]');
    expect(await page.title()).toBe('David — Scorecards');
    expect(page.url()).toBe(`${server.url}people/u1`);
  });
});
