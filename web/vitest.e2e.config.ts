import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core driving Debian's /usr/bin/chromium against a
// running server (SCORECARDS_URL), one started from SCORECARDS_BIN, or the mock.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
