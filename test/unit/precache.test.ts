// What a first visit downloads through the service worker's precache: the app
// shell and the demo pack, not a pack's models/ nor the built-in models' files
// (builtin/<model>/), which are cached when first used. The built-in catalog is
// precached, so that the offline page still lists them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getManifest } from '@serwist/build';
import { describe, expect, it } from 'vitest';
import { precacheGlobs } from '../../scripts/build-sw.mjs';

describe('the precache list', () => {
  it('holds the shell, the demo pack and the built-in catalog, and none of the model files', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'rag-lab-dist-'));
    for (const file of [
      'index.html', 'assets/index-abc.js', 'assets/ort-wasm-simd-threaded.jsep-abc.wasm', 'demo/manifest.json', 'demo/docs/history.md',
      'builtin/catalog.json', 'builtin/lexical-embedder/onnx/model.onnx', 'builtin/lexical-embedder/tokenizer.json', 'builtin/lexical-reranker/config.json',
      'models/catalog.json', 'models/tiny-embedder/onnx/model.onnx', 'sw.js', '_headers',
    ]) {
      mkdirSync(dirname(join(dist, file)), { recursive: true });
      writeFileSync(join(dist, file), 'x');
    }
    const { manifestEntries, warnings } = await getManifest({ globDirectory: dist, ...precacheGlobs });
    expect(warnings).toEqual([]);
    expect(manifestEntries!.map((e) => (typeof e === 'string' ? e : e.url)).sort()).toEqual([
      'assets/index-abc.js', 'assets/ort-wasm-simd-threaded.jsep-abc.wasm', 'builtin/catalog.json', 'demo/docs/history.md', 'demo/manifest.json', 'index.html',
    ]);
  });
});
