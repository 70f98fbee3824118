// Online/offline state and the service worker (production builds only).
import { signal } from '@preact/signals';

/** False while the browser reports no network. */
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  const sync = () => (online.value = navigator.onLine);
  window.addEventListener('online', sync);
  window.addEventListener('offline', sync);
  // A page that starts while the network state is still being settled (a reload served by the
  // service worker with the network just turned off) can read onLine before the browser has
  // applied the new state, and the 'offline' event is not sent to a document that was not yet
  // listening. Reading it again once the page has loaded and whenever it is shown closes that gap.
  window.addEventListener('load', sync);
  window.addEventListener('pageshow', sync);
  document.addEventListener('visibilitychange', sync);
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
    const registration = await navigator.serviceWorker.register(new URL('sw.js', baseUrl), { scope: './' });
    await navigator.serviceWorker.ready;
    // `ready` resolves with the active worker, which may be an older version while a new one still
    // precaches: the page says it works offline only once no worker is installing or waiting.
    await settled(registration);
    offlineReady.value = 'ready';
  } catch (e) {
    console.warn('Offline use is not available here:', e);
    offlineReady.value = 'failed';
  }
}

/** Resolves once the registration's newest worker has finished installing (precaching) and is active. */
async function settled(registration: ServiceWorkerRegistration): Promise<void> {
  for (;;) {
    const pending = registration.installing ?? registration.waiting;
    if (!pending) return;
    await new Promise<void>((resolve, reject) =>
      pending.addEventListener('statechange', () => (pending.state === 'redundant' ? reject(new Error('The new service worker failed to install.')) : resolve()), { once: true }));
  }
}
