import { defineConfig } from 'vite';

// The C++ server serves dist/ at "/" and answers deep links (/people/{id}, ...)
// with index.html, so assets use absolute paths.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline polyfill script: the server sets a Content-Security-Policy
    // without 'unsafe-inline'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` proxies the API to a running `scorecards serve` (or the mock).
    proxy: { '/api': process.env.SCORECARDS_URL ?? 'http://127.0.0.1:8080' },
  },
});
