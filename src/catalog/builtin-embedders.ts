// Online embedders offered when no local pack overrides them. Data only.
import type { EmbedderEntry } from '../shared/catalog-types';

export const builtinEmbedders: readonly EmbedderEntry[] = [
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'all-MiniLM-L6-v2 (English, 384-d)',
    path: 'Xenova/all-MiniLM-L6-v2',
    dim: 384,
    maxTokens: 256,
    dtype: { webgpu: 'fp32', wasm: 'q8' },
    pooling: 'mean',
    queryPrefix: '',
    passagePrefix: '',
    languages: 'English',
    sizeMB: 23,
  },
  {
    id: 'Xenova/multilingual-e5-small',
    label: 'multilingual-e5-small (100 languages, 384-d)',
    path: 'Xenova/multilingual-e5-small',
    dim: 384,
    maxTokens: 512,
    dtype: { webgpu: 'fp32', wasm: 'q8' },
    pooling: 'mean',
    // The e5 family was trained with these prefixes; without them retrieval quality drops.
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    languages: 'Multilingual, including Chinese and Japanese',
    sizeMB: 118,
  },
];
