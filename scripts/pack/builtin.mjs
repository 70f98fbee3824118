// The app's built-in embedder and reranker lists (src/catalog/*.json), for the pack script.
import { readFile } from 'node:fs/promises';

export const builtin = JSON.parse(await readFile(new URL('../../src/catalog/builtin-embedders.json', import.meta.url), 'utf8'));
export const builtinRerankers = JSON.parse(await readFile(new URL('../../src/catalog/builtin-rerankers.json', import.meta.url), 'utf8'));
