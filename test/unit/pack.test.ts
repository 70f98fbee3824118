// npm run pack against a local fake hub (no network here): files land in the
// hub layout, downloads resume, checksums are checked, failures are named, and
// no partial file is ever left looking complete.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { makePack } from '../../scripts/pack.mjs';
import { fixtureEmbedderId, fixtureLlmId, fixtureRecord, fixtureRerankerId, startFakeHub } from '../support/fake-hub.mjs';
import { parseCatalog } from '../../src/catalog/catalog';
import { mirrored, resolveMain } from '../../scripts/pack/plan.mjs';
import { fixtureModelsDir } from './helpers';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function pack(faults = {}, out = mkdtempSync(join(tmpdir(), 'pack-'))) {
  const hub = await startFakeHub(fixtureModelsDir, faults);
  closers.push(hub.close);
  const log: string[] = [];
  const run = () => makePack({ llm: fixtureLlmId, embedder: fixtureEmbedderId, source: hub.url, out, lab: true, prebuilt: [fixtureRecord], log: (m: string) => log.push(m) });
  return { hub, out, log, run };
}

async function startFakeHubFor() {
  const hub = await startFakeHub(fixtureModelsDir);
  closers.push(hub.close);
  return hub;
}

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)).map((f) => `${d.name}/${f}`) : [d.name]));

describe('pack URLs', () => {
  it('mirrors keep the path; web-llm folders get resolve/main/', () => {
    expect(mirrored('https://huggingface.co/mlc-ai/X/resolve/main/a.bin', 'http://mirror:8080/hf')).toBe('http://mirror:8080/hf/mlc-ai/X/resolve/main/a.bin');
    expect(mirrored('https://huggingface.co/a', null)).toBe('https://huggingface.co/a');
    expect(resolveMain('https://huggingface.co/mlc-ai/X')).toBe('https://huggingface.co/mlc-ai/X/resolve/main/');
  });
});

describe('npm run pack', () => {
  it('downloads the LLM (hub layout + wasm) and the embedder, and writes the catalog', async () => {
    const { out, run } = await pack();
    const catalog = await run();
    const files = walk(out).sort();
    expect(files).toEqual(expect.arrayContaining([
      `mlc-ai/${fixtureLlmId}/resolve/main/mlc-chat-config.json`,
      `mlc-ai/${fixtureLlmId}/resolve/main/tensor-cache.json`,
      `mlc-ai/${fixtureLlmId}/resolve/main/params_shard_0.bin`,
      `mlc-ai/${fixtureLlmId}/resolve/main/tokenizer.json`,
      'libs/Tiny-Llama-q0f32-webgpu.wasm',
      `${fixtureEmbedderId}/onnx/model.onnx`,
      `${fixtureEmbedderId}/tokenizer.json`,
      'catalog.json',
    ]));
    expect(files.some((f) => f.endsWith('.part'))).toBe(false);
    expect(readFileSync(join(out, `mlc-ai/${fixtureLlmId}/resolve/main/params_shard_0.bin`))).toEqual(readFileSync(join(fixtureModelsDir, 'tiny-llama/params_shard_0.bin')));
    expect(catalog.llms).toEqual([
      expect.objectContaining({ id: fixtureLlmId, engine: 'web-llm', path: `mlc-ai/${fixtureLlmId}`, modelLib: 'libs/Tiny-Llama-q0f32-webgpu.wasm' }),
      expect.objectContaining({ id: `lab/${fixtureLlmId}`, engine: 'lab', path: `mlc-ai/${fixtureLlmId}/resolve/main` }),
    ]);
    expect(catalog.embedders[0]).toMatchObject({ id: fixtureEmbedderId, path: fixtureEmbedderId, dim: 128, dtype: 'fp32', pooling: 'mean' });
    expect(JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8'))).toEqual(catalog);
    expect(catalog.rerankers).toBeUndefined();
  });

  it('--reranker adds a cross-encoder in the same layout, listed under rerankers, and the app\'s catalog parser accepts it', async () => {
    const hub = await startFakeHubFor();
    const out = mkdtempSync(join(tmpdir(), 'pack-'));
    const catalog = await makePack({ llm: fixtureLlmId, embedder: fixtureEmbedderId, reranker: fixtureRerankerId, source: hub.url, out, prebuilt: [fixtureRecord], log: () => {} });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      expect(readFileSync(join(out, fixtureRerankerId, f))).toEqual(readFileSync(join(fixtureModelsDir, 'tiny-reranker', f)));
    }
    expect(catalog.rerankers).toEqual([{ id: fixtureRerankerId, label: 'tiny-reranker', path: fixtureRerankerId, maxTokens: 512, dtype: 'fp32' }]);
    const parsed = parseCatalog(readFileSync(join(out, 'catalog.json'), 'utf8'));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.catalog.rerankers.map((r) => r.id)).toEqual([fixtureRerankerId]);
  });

  it('--docs builds a ready-made library with the packed embedder, in the Library\'s export format', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pack-'));
    const catalog = await makePack({ llm: fixtureLlmId, embedder: fixtureEmbedderId, source: (await startFakeHubFor()).url, out, docs: 'public/demo/docs', prebuilt: [fixtureRecord], log: () => {} });
    expect(catalog.library).toBe('library.zip');
    const files = unzipSync(new Uint8Array(readFileSync(join(out, 'library.zip'))));
    const manifest = JSON.parse(strFromU8(files['library.json']!));
    expect(manifest.embedderIds).toEqual([fixtureEmbedderId]);
    expect(manifest.documents).toHaveLength(readdirSync('public/demo/docs').length);
  }, 120_000);

  it('resumes a broken-off download with a Range request, and checks the md5 of the shard', async () => {
    const { hub, run, log } = await pack({ breakOnce: ['params_shard_0.bin'] });
    await run();
    const shardRequests = hub.requests.filter((r: { path: string }) => r.path.endsWith('params_shard_0.bin'));
    expect(shardRequests).toHaveLength(2);
    expect(shardRequests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(log.find((l) => l.includes('params_shard_0.bin') && l.startsWith('✓'))).toMatch(/md5 ok/);
    expect(log.find((l) => l.includes('model.onnx') && l.startsWith('✓'))).toMatch(/sha256 ok/);
  });

  it('a failed run writes no catalog; the next run resumes the .part a killed run left', async () => {
    const first = await pack({ missing: ['model.onnx'] });
    await expect(first.run()).rejects.toThrow(/1 file\(s\) could not be downloaded; the catalog was not written/);
    expect(existsSync(join(first.out, 'catalog.json'))).toBe(false);
    // A run killed halfway through the ONNX file leaves its .part.
    const onnx = readFileSync(join(fixtureModelsDir, 'tiny-embedder/onnx/model.onnx'));
    mkdirSync(join(first.out, fixtureEmbedderId, 'onnx'), { recursive: true });
    writeFileSync(join(first.out, fixtureEmbedderId, 'onnx/model.onnx.part'), onnx.subarray(0, 1000));
    const again = await pack({}, first.out);
    await again.run();
    expect(again.log.find((l) => l.includes('model.onnx') && l.startsWith('✓'))).toMatch(/resumed at 1000, sha256 ok/);
    expect(readFileSync(join(again.out, fixtureEmbedderId, 'onnx/model.onnx'))).toEqual(onnx);
    expect(existsSync(join(again.out, 'catalog.json'))).toBe(true);
    // A third run downloads nothing again.
    const third = await pack({}, first.out);
    await third.run();
    expect(third.hub.requests.filter((r: { path: string }) => !r.path.endsWith('special_tokens_map.json'))).toEqual([]); // an absent optional file is asked for again
    expect(third.log.filter((l) => l.startsWith('✓')).every((l) => l.includes('already there'))).toBe(true);
  });

  it('a checksum mismatch removes the partial file and names the file and both sums', async () => {
    const { out, run } = await pack({ badChecksum: ['params_shard_0.bin'] });
    await expect(run()).rejects.toThrow(/params_shard_0\.bin: the md5 checksum does not match \(expected 0{32}, got [0-9a-f]{32}\)/);
    expect(walk(out).some((f) => f.includes('params_shard_0.bin'))).toBe(false);
    expect(existsSync(join(out, 'catalog.json'))).toBe(false);
  });

  it('names a missing file and an unknown model id', async () => {
    const { run } = await pack({ missing: ['tokenizer.json'] });
    await expect(run()).rejects.toThrow(/tokenizer\.json: not found \(HTTP 404\)/);
    await expect(makePack({ llm: 'Nope-q4f16_1-MLC', embedder: 'x', out: tmpdir(), prebuilt: [fixtureRecord], log: () => {} })).rejects.toThrow(/not in web-llm's prebuilt model list/);
  });
});
