// Finds the server the browser tests run against, in this order:
//   SCORECARDS_URL  a running server (its own web root), e.g. http://127.0.0.1:8080/
//   SCORECARDS_BIN  the `scorecards` binary: started as
//                   `$SCORECARDS_BIN serve --demo --port 0 --web-root web/dist`,
//                   its URL read from the stdout line "Serving on http://127.0.0.1:PORT/"
//                   and the demo sign-ins from the lines after it,
//                   "Demo sign-in (ae|manager|admin): EMAIL PASSWORD"
//   (neither)       e2e/mock-server.mjs serving web/dist and the fixtures
// The last two need `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMockServer } from './mock-server.mjs';

export interface SignIn {
  email: string;
  password: string;
}
/** Sign-ins by label: ae (David), manager (his), admin; empty when unknown. */
export type SignIns = Partial<Record<'ae' | 'manager' | 'admin', SignIn>>;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverKind: 'url' | 'bin' | 'mock';
    signIns: SignIns;
  }
}

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(webDir, 'dist');

function needDist(): void {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: run "npm run build" in web/ before "npm run test:e2e"`);
  }
}

function startBinary(bin: string): Promise<{ url: string; child: ChildProcess; signIns: SignIns }> {
  return new Promise((ok, fail) => {
    const args = ['serve', '--demo', '--port', '0', '--web-root', dist];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`${bin} ${args.join(' ')}: no "Serving on http://..." line within 180 s`));
    }, 180_000);
    const lines = createInterface({ input: child.stdout! });
    let url = '';
    const signIns: SignIns = {};
    lines.on('line', (line) => {
      const m = /Serving on (https?:\/\/\S+)/.exec(line);
      if (m) url = m[1]!.endsWith('/') ? m[1]! : `${m[1]}/`;
      const s = /^Demo sign-in \((ae|manager|admin)\): (\S+) (\S+)$/.exec(line);
      if (s) signIns[s[1] as keyof SignIns] = { email: s[2]!, password: s[3]! };
      // The admin's line comes last (all are printed and flushed together).
      if (url && signIns.admin) {
        clearTimeout(timer);
        ok({ url, child, signIns });
      }
    });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[scorecards] ${d}`));
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${bin} serve exited with ${code} before serving`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.SCORECARDS_URL;
  if (fromEnv) {
    project.provide('baseUrl', fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`);
    project.provide('serverKind', 'url');
    const env = process.env.SCORECARDS_EMAIL;
    project.provide('signIns', env ? { admin: { email: env, password: process.env.SCORECARDS_PASSWORD ?? '' } } : {});
    return async () => {};
  }
  needDist();
  const bin = process.env.SCORECARDS_BIN;
  if (bin) {
    const { url, child, signIns } = await startBinary(bin);
    console.log(`e2e: scorecards server at ${url} (demo sign-ins: ${Object.keys(signIns).join(', ')})`);
    project.provide('baseUrl', url);
    project.provide('serverKind', 'bin');
    project.provide('signIns', signIns);
    return async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 200));
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    };
  }
  const mock = await startMockServer({ webRoot: dist });
  console.log(`e2e: mock server at ${mock.url} (set SCORECARDS_BIN or SCORECARDS_URL to test the real server)`);
  project.provide('baseUrl', mock.url);
  project.provide('serverKind', 'mock');
  project.provide('signIns', {});
  return () => mock.close();
}
