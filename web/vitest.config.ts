import { defineConfig } from 'vitest/config';

// Unit tests: pure functions (formatters, chart option builders, table models).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
