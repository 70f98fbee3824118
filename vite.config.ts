import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// base './' keeps every URL relative, so the build runs from any static host
// and any sub-path (a workshop USB stick, GitHub Pages, a sub-folder).
export default defineConfig({
  base: './',
  // onnxruntime-web's wasm is emitted as a hashed asset and its URL handed to the
  // embed worker (src/main.ts): it is never fetched from a CDN. See docs/decisions.md.
  worker: { format: 'es' },
  // Eval runs record the app version they were measured with.
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  optimizeDeps: { exclude: ['@huggingface/transformers', '@mlc-ai/web-llm'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
