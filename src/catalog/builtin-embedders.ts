// Online embedders offered when no local pack overrides them. The data is JSON,
// so that scripts/pack.mjs (plain Node) reads the same list. The e5 family was
// trained with "query: " / "passage: " prefixes; without them retrieval drops.
import type { EmbedderEntry } from '../shared/catalog-types';
import list from './builtin-embedders.json' with { type: 'json' };

export const builtinEmbedders: readonly EmbedderEntry[] = list as EmbedderEntry[];
