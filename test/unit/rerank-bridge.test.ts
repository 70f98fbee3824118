// The rerank bridge against the real Reranker behind a real comlink MessageChannel
// (the Worker wrapper itself is covered by the browser tests).
import { afterEach, describe, expect, it } from 'vitest';
import { RerankBridge } from '../../src/bridges/rerank-bridge';
import { Reranker } from '../../src/embed/reranker';
import { ModelLoadError, isAbortError } from '../../src/shared/errors';
import type { RerankLoadSpec } from '../../src/shared/rerank-api';
import { fakeWorkers, tinyRerankerSpec } from './helpers';

function fakeWorkerFactory() {
  return fakeWorkers(() => {
    const reranker = new Reranker({ batchSize: 1 });
    // Node has no "wasm" device (onnxruntime-node runs on the CPU): map it, as the browser would run it.
    return {
      load: (spec: RerankLoadSpec, cb?: never) => reranker.load({ ...spec, device: spec.device === 'wasm' ? 'cpu' : spec.device }, cb),
      rerank: reranker.rerank.bind(reranker),
      cancel: reranker.cancel.bind(reranker),
      status: reranker.status.bind(reranker),
    };
  });
}

const bridges: RerankBridge[] = [];
afterEach(() => bridges.splice(0).forEach((b) => b.terminate()));

function bridge() {
  const factory = fakeWorkerFactory();
  const b = new RerankBridge(factory.create);
  bridges.push(b);
  return { b, made: factory.made };
}

const passages = ['Kelp is cut in May.', 'Heather honey sets like jelly.', 'Kelp beds on Tolsey.', 'Sheep are sheared in June.'];

describe('RerankBridge', () => {
  it('loads the model lazily on the first rerank and returns one score per passage', async () => {
    const { b, made } = bridge();
    expect(made).toHaveLength(0);
    const r = await b.rerank(tinyRerankerSpec(), 'when is kelp cut', passages);
    expect(made).toHaveLength(1);
    expect(r.scores).toHaveLength(4);
    expect(r.scores[0]!).toBeGreaterThan(r.scores[1]!);
    expect(b.status).toEqual({ modelId: 'local/tiny-reranker', device: 'cpu', dtype: 'fp32' });
  });

  it('cancels a running job through AbortSignal, and the next job still works', async () => {
    const { b } = bridge();
    const controller = new AbortController();
    const error = await b.rerank(tinyRerankerSpec(), 'kelp', passages, { signal: controller.signal, onProgress: (p) => p.kind === 'rerank' && controller.abort() }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    await expect(b.rerank(tinyRerankerSpec(), 'honey', passages)).resolves.toMatchObject({ scored: 4 });
  });

  it('retries on WebAssembly in a fresh worker when WebGPU cannot run the model', async () => {
    const { b, made } = bridge();
    // onnxruntime-node has no WebGPU adapter here, so the WebGPU load fails as on an old driver.
    await b.load({ ...tinyRerankerSpec(), device: 'webgpu' });
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    expect(b.status).toMatchObject({ modelId: 'local/tiny-reranker', device: 'cpu' });
  });

  it('reports a missing model at once instead of retrying on another device', async () => {
    const { b, made } = bridge();
    const error = await b.load({ ...tinyRerankerSpec({ id: 'gone', path: 'no-such-model' }), device: 'webgpu' }).catch((e: unknown) => e);
    expect((error as Error).name).toBe(ModelLoadError.name);
    expect(made).toHaveLength(1);
  });
});
