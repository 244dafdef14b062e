// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'test-output');

export function launch(): Promise<Browser> {
  mkdirSync(outDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const shot = (name: string) => join(outDir, name);
