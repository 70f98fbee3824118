import { useLayoutEffect, useRef } from 'preact/hooks';
import { online } from '../platform/network';
import { formatBytes } from './format';
import { say, t, tr } from './i18n/i18n';
import { loadedLlm, loadedLlmDevice } from './chat/chat-state';
import { embedStatus, gpu, storage } from './state';

function GpuStatus() {
  const g = gpu.value;
  if (!g) return <span>{t('common:status.gpuChecking')}</span>;
  if (!g.available) return <span class="warn" data-testid="gpu-status" data-available="false">{t('common:status.gpuMissing')}</span>;
  return (
    <span data-testid="gpu-status" data-available="true" title={t('common:status.gpuLargestBuffer', { size: g.maxBufferMB })}>
      {t('common:status.gpu', { adapter: g.adapterName })}
      {g.fallback ? t('common:status.gpuSoftware') : ''} · {t('common:status.shaderF16', { value: t(g.shaderF16 ? 'common:status.yes' : 'common:status.no') })}
    </span>
  );
}

function StorageStatus() {
  const s = storage.value;
  if (!s) return <span>{t('common:status.storageUnknown')}</span>;
  return (
    <span data-testid="storage-status" title={t(s.persisted ? 'common:status.persisted' : 'common:status.bestEffort')}>
      {t('common:status.storage', { usage: formatBytes(s.usage), quota: formatBytes(s.quota) })}
    </span>
  );
}

/** The always-visible footer: network, GPU, storage, and what is loaded. */
export function StatusBar() {
  const e = embedStatus.value;
  const ref = useRef<HTMLElement>(null);
  // The bar stays on screen while the page scrolls: its height (it wraps on narrow windows) is
  // reserved as scroll padding, so a focused control or a followed [n] link never ends up under it.
  useLayoutEffect(() => {
    const bar = ref.current;
    if (!bar || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => document.documentElement.style.setProperty('--status-bar-height', `${bar.offsetHeight}px`));
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);
  return (
    <footer class="status-bar" aria-label={t('common:status.label')} ref={ref}>
      {!online.value && <span class="warn" data-testid="offline-status">{t('common:status.offline')}</span>}
      <GpuStatus />
      <StorageStatus />
      <span data-testid="models-status" data-llm-device={loadedLlmDevice.value ?? ''}>
        {t('common:status.models', {
          list:
            [
              e.modelId ? t('common:status.embedder', { id: e.modelId, device: e.device, dtype: e.dtype }) : '',
              loadedLlm.value ? t('common:status.llm', { id: say(loadedLlm.value) }) : '',
            ]
              .filter(Boolean)
              .join(' · ') || t('common:status.noneLoaded'),
        })}
      </span>
    </footer>
  );
}

/** Shown above every view when WebGPU is missing: what still works, and how to get the rest. */
export function NoGpuBanner() {
  const g = gpu.value;
  if (!g || g.available) return null;
  return (
    <div class="banner" role="note">
      <strong>{t('common:noGpu.title')}</strong> {g.reasonKey ? tr(g.reasonKey) : g.reason} {t('common:noGpu.body')}
    </div>
  );
}
