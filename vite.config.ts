import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, modelHosts } from './scripts/csp.mjs';

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
    csp(),
    // The service worker precaches the app shell and the demo pack, so a second visit works offline;
    // a pack's models/ are cached as they are first used (they can be large). See docs/offline.md.
    VitePWA({
      injectRegister: null,
      registerType: 'autoUpdate',
      manifest: false,
      filename: 'sw.js',
      workbox: {
        globPatterns: ['**/*'],
        globIgnores: ['models/**', '_headers'],
        maximumFileSizeToCacheInBytes: 64 * 2 ** 20,
        navigateFallback: 'index.html',
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/models\//.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'rag-lab-pack', cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
});
