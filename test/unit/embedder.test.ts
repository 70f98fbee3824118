import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Embedder, dtypeFor, localModelPath, onnxFileName } from '../../src/embed/embedder';
import { rowDot, rowNorm } from '../../src/embed/vectors';
import { EmbedError, ModelLoadError, isAbortError } from '../../src/shared/errors';
import { fixtureModelsDir, tinyEmbedderEntry, tinyEmbedderSpec } from './helpers';

/** The oracle: mean of the fixture's embedding-table rows over the text's tokens, normalized. */
async function expectedVector(text: string): Promise<Float32Array> {
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(join(fixtureModelsDir, 'tiny-embedder/onnx/model.onnx')));
  const table = model.graph!.initializer!.find((t) => t.name === 'embeddings')!;
  const [, dim] = table.dims!.map(Number) as [number, number];
  const raw = table.rawData!;
  const weights = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  env.allowRemoteModels = false;
  env.localModelPath = `${fixtureModelsDir}/`;
  const tokenizer = await AutoTokenizer.from_pretrained('tiny-embedder');
  const ids = tokenizer.encode(text);
  const v = new Float64Array(dim);
  for (const id of ids) for (let j = 0; j < dim; j++) v[j]! += weights[id * dim + j]!;
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
}

describe('Embedder (transformers.js on the CPU, fixture model)', () => {
  const embedder = new Embedder({ batchSize: 2 });
  beforeAll(async () => {
    await embedder.load(tinyEmbedderSpec());
  });

  it('matches the golden vectors computed straight from the ONNX weights', async () => {
    const texts = ['Kelp is cut between 1 May and 15 August.', 'The seed warden checks the hygrometer every Monday.', 'Tolsey Blue'];
    const r = await embedder.embed(1, texts, 'passage');
    expect(r).toMatchObject({ dim: 128, count: 3 });
    for (let i = 0; i < texts.length; i++) {
      const want = await expectedVector(texts[i]!);
      const got = r.vectors.subarray(i * 128, (i + 1) * 128);
      for (let j = 0; j < 128; j += 17) expect(got[j]).toBeCloseTo(want[j]!, 5);
    }
  });

  it('returns unit vectors in which shared words mean similarity', async () => {
    const r = await embedder.embed(2, ['The ferry sails to Carrow.', 'Which ferry sails to Carrow?', 'Heather honey sets like jelly.'], 'query');
    for (let i = 0; i < 3; i++) expect(rowNorm(r.vectors, r.dim, i)).toBeCloseTo(1, 5);
    expect(rowDot(r.vectors, r.dim, 0, 1)).toBeGreaterThan(0.6);
    expect(rowDot(r.vectors, r.dim, 0, 2)).toBeLessThan(0.3);
  });

  it('truncates at the entry\'s maxTokens and reports the token counts', async () => {
    const small = new Embedder();
    await small.load(tinyEmbedderSpec({ maxTokens: 8 }));
    const long = 'barley '.repeat(40);
    const r = await small.embed(3, [long, 'kelp'], 'passage');
    expect(r.tokenCounts).toEqual([8, 3]);
  });

  it('applies query and passage prefixes', async () => {
    const prefixed = new Embedder();
    await prefixed.load(tinyEmbedderSpec({ id: 'prefixed', queryPrefix: 'seawall seawall seawall ', passagePrefix: '' }));
    const q = await prefixed.embed(4, ['honey'], 'query');
    const p = await prefixed.embed(5, ['honey'], 'passage');
    const dot = q.vectors.reduce((s, x, i) => s + x * p.vectors[i]!, 0);
    expect(dot).toBeLessThan(0.9);
    expect(p.vectors).toEqual((await embedder.embed(6, ['honey'], 'passage')).vectors);
  });

  it('stops a cancelled job between batches with an AbortError', async () => {
    const texts = Array.from({ length: 6 }, (_, i) => `text ${i}`);
    const job = embedder.embed(7, texts, 'passage', (p) => {
      if (p.kind === 'embed' && p.done === 2) embedder.cancel(7);
    });
    const error = await job.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    // The cancel flag is cleared: the same job id works again.
    await expect(embedder.embed(7, ['again'], 'passage')).resolves.toMatchObject({ count: 1 });
  });

  it('reports status, and refuses to embed before a model is loaded', async () => {
    expect(embedder.status()).toEqual({ modelId: 'local/tiny-embedder', device: 'cpu', dtype: 'fp32' });
    await expect(new Embedder().embed(1, ['x'], 'query')).rejects.toThrow(EmbedError);
  });

  it('rejects a catalog entry whose dimension is wrong', async () => {
    const wrong = new Embedder();
    await wrong.load(tinyEmbedderSpec({ id: 'wrong-dim', dim: 384 }));
    await expect(wrong.embed(1, ['x'], 'query')).rejects.toThrow(/returned 128-dimensional vectors, but its catalog entry says 384/);
  });

  it('explains where a missing model was looked for', async () => {
    const missing = new Embedder();
    const error = await missing.load(tinyEmbedderSpec({ id: 'missing', path: 'no-such-model' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as Error).message).toMatch(/local pack .*no-such-model.*config\.json, tokenizer\.json and onnx\//s);
  });
});

describe('load helpers', () => {
  it('picks the dtype per device', () => {
    expect(dtypeFor(tinyEmbedderEntry({ dtype: { webgpu: 'fp16', wasm: 'q8' } }), 'webgpu')).toBe('fp16');
    expect(dtypeFor(tinyEmbedderEntry({ dtype: { webgpu: 'fp16', wasm: 'q8' } }), 'wasm')).toBe('q8');
    expect(dtypeFor(tinyEmbedderEntry({ dtype: 'fp32' }), 'wasm')).toBe('fp32');
  });

  it('names the ONNX file transformers.js loads for each dtype', () => {
    expect(['fp32', 'fp16', 'q8', 'q4f16'].map(onnxFileName)).toEqual(['model.onnx', 'model_fp16.onnx', 'model_quantized.onnx', 'model_q4f16.onnx']);
  });

  it('turns an absolute pack URL into a same-origin path, keeping any sub-path', () => {
    expect(localModelPath('https://h.example/workshop/models/')).toBe('/workshop/models/');
    expect(localModelPath('http://127.0.0.1:4173/models')).toBe('/models/');
    expect(localModelPath('/abs/dir/models')).toBe('/abs/dir/models/');
  });
});
