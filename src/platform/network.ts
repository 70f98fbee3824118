// Online/offline state and the service worker (production builds only).
import { signal } from '@preact/signals';

/** False while the browser reports no network. */
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  addEventListener('online', () => (online.value = true));
  addEventListener('offline', () => (online.value = false));
}

export type OfflineReady = 'unsupported' | 'installing' | 'ready' | 'failed';
/** Whether the app shell is cached for offline use. */
export const offlineReady = signal<OfflineReady>('installing');

/** Registers the service worker that precaches the app shell (see vite.config.ts and docs/offline.md). */
export async function registerServiceWorker(baseUrl: string): Promise<void> {
  if (!('serviceWorker' in navigator)) {
    offlineReady.value = 'unsupported';
    return;
  }
  try {
    await navigator.serviceWorker.register(new URL('sw.js', baseUrl), { scope: './' });
    await navigator.serviceWorker.ready;
    offlineReady.value = 'ready';
  } catch (e) {
    console.warn('Offline use is not available here:', e);
    offlineReady.value = 'failed';
  }
}
