#!/usr/bin/env node
// Writes the site's built-in lexical embedder and reranker into public/builtin/
// (next to its committed catalog.json). Deterministic and fast (about a second);
// vite.config.ts runs it before every build and dev server, so the model files
// are generated, not committed (docs/decisions.md).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuiltinModels } from './builtin/lexical-models.mjs';

const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'builtin');
const { vocabSize, dim } = await writeBuiltinModels(out);
console.log(`built-in models: ${vocabSize} tokens, ${dim}-d, in ${out}`);
