// The service worker (Serwist): precaches the app shell and the demo pack so a
// second visit works offline, and caches a pack's models/ files on first use.
// Built apart from the app, then the precache list is injected (scripts/build-sw.mjs).
import { CacheFirst, CacheableResponsePlugin, Serwist, type PrecacheEntry } from 'serwist';

const sw = self as unknown as ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] };

const serwist = new Serwist({
  precacheEntries: sw.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true, navigateFallback: 'index.html' },
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      // Packs can hold gigabytes: each file is cached the first time it is used, not precached. The built-in
      // models (builtin/<model>/) too: a first visit that never uses them downloads none of them.
      matcher: ({ url, sameOrigin }) => sameOrigin && (/\/models\//.test(url.pathname) || /\/builtin\/[^/]+\//.test(url.pathname)),
      handler: new CacheFirst({ cacheName: 'rag-lab-pack', plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
    },
  ],
});

serwist.addEventListeners();
