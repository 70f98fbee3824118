// App-wide reactive state (Preact signals). Views read these; only the
// actions in ui/actions.ts write them.
import { computed, signal } from '@preact/signals';
import type { CatalogLoad } from '../catalog/catalog';
import { embedderChoices, rerankerChoices } from '../catalog/catalog';
import { builtinReason } from '../catalog/builtin-default';
import { online } from '../platform/network';
import type { DemoManifest } from '../demo/demo-pack';
import type { GpuInfo } from '../platform/gpu';
import type { StorageInfo } from '../platform/storage';
import type { Message } from './i18n/i18n';
import type { EmbedProgress, EmbedStatus } from '../shared/embed-api';

export const gpu = signal<GpuInfo | null>(null);
export const storage = signal<StorageInfo | null>(null);
export const catalog = signal<CatalogLoad | null>(null);

/** The site's own built-in models (builtin/catalog.json): lexical, tiny, served with the site. */
export const builtinCatalog = signal<CatalogLoad | null>(null);
/** Why the built-in embedder is the default (no pack, and offline or no WebGPU), or null when it is not. */
export const builtinEmbedderReason = computed(() =>
  builtinReason({ pack: !!catalog.value?.parsed?.catalog.embedders.length, online: online.value, webgpu: gpu.value ? gpu.value.available : null }));

export const embedders = computed(() => embedderChoices(catalog.value, { load: builtinCatalog.value, first: builtinEmbedderReason.value !== null }));
/** Cross-encoder rerankers on offer (local pack first); none is used until chosen. */
export const rerankers = computed(() => rerankerChoices(catalog.value, { load: builtinCatalog.value, first: builtinEmbedderReason.value !== null }));
/** The built-in embedder's choice, offered when a model cannot be downloaded. */
export const builtinEmbedder = computed(() => embedders.value.find((c) => c.entry.id === builtinCatalog.value?.parsed?.catalog.embedders[0]?.id) ?? null);
/** Loading or running the reranker, shown next to the search results. */
export const rerankTask = signal<{ state: 'idle' } | { state: 'running'; label: string; fraction: number | null }>({ state: 'idle' });

/** The user's pick; null means "the default", which is the local pack's first model if any. */
export const pickedEmbedderId = signal<string | null>(null);
export const selectedEmbedder = computed(() => {
  const list = embedders.value;
  return list.find((c) => c.entry.id === pickedEmbedderId.value) ?? list[0] ?? null;
});

export type Task = { state: 'idle' } | { state: 'running'; label: Message; fraction: number | null } | { state: 'failed'; message: Message };

export const embedStatus = signal<EmbedStatus>({ modelId: null, device: null, dtype: null });
export const embedTask = signal<Task>({ state: 'idle' });
export const lastEmbedProgress = signal<EmbedProgress | null>(null);

/** The demo pack's download; its files then go through normal ingestion. */
export type DemoState =
  | { state: 'none' }
  | { state: 'loading'; done: number; total: number }
  | { state: 'loaded'; manifest: DemoManifest }
  | { state: 'failed'; message: Message };
export const demo = signal<DemoState>({ state: 'none' });

/** An app-wide storage notice (another tab upgraded the database, or blocks an upgrade). */
export const databaseNotice = signal<{ text: Message; reload: boolean } | null>(null);
