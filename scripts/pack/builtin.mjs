// The app's built-in embedder list (src/catalog/builtin-embedders.json), for the pack script.
import { readFile } from 'node:fs/promises';

export const builtin = JSON.parse(await readFile(new URL('../../src/catalog/builtin-embedders.json', import.meta.url), 'utf8'));
