import { useLayoutEffect, useRef } from 'preact/hooks';
import { online } from '../platform/network';
import { formatBytes } from '../platform/storage';
import { loadedLlm } from './chat-state';
import { embedStatus, gpu, storage } from './state';

function GpuStatus() {
  const g = gpu.value;
  if (!g) return <span>WebGPU: checking…</span>;
  if (!g.available) return <span class="warn" data-testid="gpu-status" data-available="false">WebGPU: not available</span>;
  return (
    <span data-testid="gpu-status" data-available="true" title={`Largest buffer: ${g.maxBufferMB} MB`}>
      WebGPU: {g.adapterName}
      {g.fallback ? ' (software)' : ''} · shader-f16: {g.shaderF16 ? 'yes' : 'no'}
    </span>
  );
}

function StorageStatus() {
  const s = storage.value;
  if (!s) return <span>Storage: unknown</span>;
  return (
    <span data-testid="storage-status" title={s.persisted ? 'Persistent: the browser will not evict it' : 'Best-effort: the browser may evict it under pressure'}>
      Storage: {formatBytes(s.usage)} of {formatBytes(s.quota)}
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
    <footer class="status-bar" aria-label="Status" ref={ref}>
      {!online.value && <span class="warn" data-testid="offline-status">Offline: only cached and pack models can load</span>}
      <GpuStatus />
      <StorageStatus />
      <span data-testid="models-status">
        Models: {[e.modelId ? `embedder ${e.modelId} (${e.device}, ${e.dtype})` : '', loadedLlm.value ? `LLM ${loadedLlm.value}` : ''].filter(Boolean).join(' · ') || 'none loaded'}
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
      <strong>No WebGPU here.</strong> {g.reason} Your library, embeddings and search still work: they run on the CPU through
      WebAssembly, only slower. Running an LLM needs WebGPU (a recent Chrome, Edge or Safari on a machine with a GPU); a CPU
      engine for tiny models is the fallback.
    </div>
  );
}
