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
    // Routes load their own code (React.lazy in App.tsx) and the libraries come in several chunks,
    // none over 500 kB, so a change to the app does not invalidate the cached libraries.
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 4 },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion|stylis)/, priority: 3 },
            { name: 'react-admin', test: /node_modules[\\/](react-admin|ra-[a-z-]+|@tanstack|react-hook-form)/, priority: 2 },
            { name: 'charts', test: /node_modules[\\/](recharts|d3-|victory|@reduxjs|redux|immer|es-toolkit)/, priority: 2 },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
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
