import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { landingPages } from './landing-pages.plugin';
import { precompress } from './precompress.plugin';

// The web app is built into dist/web (git-ignored) and served by the API on the same origin
// (apps/api/src/web/web-app.middleware.ts). `vite` (dev) proxies the API to a running `npm start`.
const apiUrl = process.env.QCYCLE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic' },
  plugins: [
    // The e-mailed task link (/tasks/<id>?token=…) is answered with tasks.html, which has the task
    // page's code fetched along with the entry script (docs/web.md, "On a slow link").
    landingPages({ '/tasks/': 'src/tasks/task-entry.page.tsx' }),
    // The API sends these brotli and gzip copies to browsers that accept them.
    precompress(),
  ],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Agencies' networks are often closed: nothing is fetched from elsewhere, assets are hashed.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      // React Router marks its modules "use client" for server-component bundlers; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        // Rollup split the components pages share into chunks of one or two kilobytes: a task's
        // page came in fourteen files, a cycle's dashboard in thirteen. On 3G each round of six
        // requests (a browser's connections to one HTTP/1.1 origin) waits a round trip of ~400 ms,
        // three rounds before the page could show; merged into the chunks they load with, it is
        // one round (bench/slow-link.bench.ts). Rollup merges only where no side effect moves.
        experimentalMinChunkSize: 10_000,
      },
    },
  },
  server: { proxy: { '/api': apiUrl, '/health': apiUrl } },
});
