import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { buildServiceWorker } from './scripts/build-sw.mjs';
import { contentSecurityPolicy, modelHosts } from './scripts/csp.mjs';
import { writeBuiltinModels } from './scripts/builtin/lexical-models.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const hosts = modelHosts();

/** The CSP as a <meta> tag (any static host) and as dist/_headers (hosts that read it; scripts/serve.mjs does). */
function csp(): Plugin {
  const policy = contentSecurityPolicy(hosts);
  return {
    name: 'rag-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n  Content-Security-Policy: ${policy}\n  Referrer-Policy: no-referrer\n` });
    },
  };
}

/** dist/sw.js, built once the app is (scripts/build-sw.mjs, Serwist). */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'rag-lab-service-worker',
    apply: 'build',
    configResolved: (c) => void (outDir = c.build.outDir),
    async closeBundle() {
      const root = fileURLToPath(new URL('.', import.meta.url));
      const r = await buildServiceWorker(root, join(root, outDir));
      for (const w of r.warnings) this.warn(w);
      console.log(`service worker: ${r.count} files precached (${(r.size / 2 ** 20).toFixed(1)} MB)`);
    },
  };
}

/**
 * The built-in lexical models (public/builtin/, docs/catalog.md) are generated, not committed: written before every
 * build and dev server by their deterministic script (about a second), next to the committed catalog.json.
 */
function builtinModels(): Plugin {
  return {
    name: 'rag-lab-builtin-models',
    async buildStart() {
      await writeBuiltinModels(fileURLToPath(new URL('./public/builtin', import.meta.url)));
    },
  };
}

// base './' keeps every URL relative, so the build runs from any static host
// and any sub-path (a workshop USB stick, GitHub Pages, a sub-folder).
export default defineConfig({
  base: './',
  // onnxruntime-web's wasm is emitted as a hashed asset and its URL handed to the
  // embed worker (src/main.ts): it is never fetched from a CDN. See docs/decisions.md.
  worker: { format: 'es' },
  // Eval runs record the app version they were measured with; the About panel names the model hosts.
  define: { __APP_VERSION__: JSON.stringify(version), __MODEL_HOSTS__: JSON.stringify(hosts) },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  optimizeDeps: { exclude: ['@huggingface/transformers', '@mlc-ai/web-llm'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [
    builtinModels(),
    csp(),
    serviceWorker(),
  ],
});
