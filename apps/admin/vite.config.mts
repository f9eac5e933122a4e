import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  // Keep Vite's and Vitest's caches out of apps/admin, with the other installed packages.
  cacheDir: here('../../node_modules/.vite/admin'),
  resolve: {
    alias: { '@stance/common': here('../../libs/common/src') },
  },
  // Vite 8 compiles JSX with oxc; no React plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('../../dist/admin'),
    emptyOutDir: true,
    // react-admin and MUI make one ~1 MB chunk (~300 kB gzipped); fine for an admin app.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // "use client" directives in react-query and MUI mean nothing in a client-only bundle.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: {
    include: ['src/**/*.spec.{ts,tsx}'],
    environment: 'jsdom',
  },
});
