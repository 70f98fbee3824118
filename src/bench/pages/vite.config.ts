import { defineConfig } from 'vite';

// Benchmark pages: built apart from the app (npm run bench:*), never shipped in dist/.
export default defineConfig({
  root: 'src/bench/pages',
  base: './',
  worker: { format: 'es' },
  build: { outDir: '../../../dist-bench', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000 },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
