// Online cross-encoder rerankers offered when no local pack overrides them.
// Data in JSON, like the embedders, so plain-Node scripts can read the same list.
// Both are sequence-classification ONNX exports that transformers.js runs with one
// relevance logit per (query, passage) pair.
import type { RerankerEntry } from '../shared/catalog-types';
import list from './builtin-rerankers.json' with { type: 'json' };

export const builtinRerankers: readonly RerankerEntry[] = list as RerankerEntry[];
