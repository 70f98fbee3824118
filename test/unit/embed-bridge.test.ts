// The bridge against the real Embedder behind a real comlink MessageChannel:
// everything the browser worker does, except the Worker wrapper itself (that
// part is covered by the browser tests).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbedBridge } from '../../src/bridges/embed-bridge';
import { Embedder } from '../../src/embed/embedder';
import { WorkerCrashError, isAbortError } from '../../src/shared/errors';
import type { EmbedLoadSpec } from '../../src/shared/embed-api';
import { ModelLoadError } from '../../src/shared/errors';
import { fakeWorkers, tinyEmbedderSpec } from './helpers';

function fakeWorkerFactory() {
  return fakeWorkers(() => {
    const embedder = new Embedder({ batchSize: 1 });
    // Node has no "wasm" device (onnxruntime-node runs on the CPU): map it, as the browser would run it.
    return Object.assign(Object.create(embedder), {
      load: (spec: EmbedLoadSpec, cb?: never) => embedder.load({ ...spec, device: spec.device === 'wasm' ? 'cpu' : spec.device }, cb),
      embed: embedder.embed.bind(embedder),
      cancel: embedder.cancel.bind(embedder),
      status: embedder.status.bind(embedder),
    }) as object;
  });
}

const bridges: EmbedBridge[] = [];
afterEach(() => bridges.splice(0).forEach((b) => b.terminate()));

function bridge(idleMs?: number) {
  const factory = fakeWorkerFactory();
  const b = new EmbedBridge(factory.create, idleMs);
  bridges.push(b);
  return { b, made: factory.made };
}

describe('EmbedBridge', () => {
  it('loads lazily in a worker, reports progress, and returns transferred vectors', async () => {
    const { b, made } = bridge();
    expect(made).toHaveLength(0);
    const progress: string[] = [];
    await b.load(tinyEmbedderSpec(), { onProgress: (p) => progress.push(p.kind) });
    expect(made).toHaveLength(1);
    // Progress travels on its own proxy channel, so it may land just after the result.
    await vi.waitFor(() => expect(progress).toContain('ready'));
    expect(b.status).toEqual({ modelId: 'local/tiny-embedder', device: 'cpu', dtype: 'fp32' });
    const steps: number[] = [];
    const r = await b.embed(['kelp', 'barley', 'honey'], 'passage', { onProgress: (p) => p.kind === 'embed' && steps.push(p.done) });
    expect(r.vectors).toBeInstanceOf(Float32Array);
    expect(r.vectors.length).toBe(3 * 128);
    await vi.waitFor(() => expect(steps).toEqual([1, 2, 3]));
  });

  it('runs jobs one at a time, in order', async () => {
    const { b } = bridge();
    await b.load(tinyEmbedderSpec());
    const order: string[] = [];
    await Promise.all([
      b.embed(Array(6).fill('a long job'), 'passage').then(() => order.push('first')),
      b.embed(['short'], 'passage').then(() => order.push('second')),
    ]);
    expect(order).toEqual(['first', 'second']);
  });

  it('cancels a running job through AbortSignal, and the next job still works', async () => {
    const { b } = bridge();
    await b.load(tinyEmbedderSpec());
    const controller = new AbortController();
    const job = b.embed(Array(50).fill('kelp harvest'), 'passage', {
      signal: controller.signal,
      onProgress: (p) => p.kind === 'embed' && p.done === 1 && controller.abort(),
    });
    expect(isAbortError(await job.catch((e: unknown) => e))).toBe(true);
    await expect(b.embed(['still works'], 'passage')).resolves.toMatchObject({ count: 1 });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { b, made } = bridge();
    b.load(tinyEmbedderSpec()).catch(() => undefined);
    const controller = new AbortController();
    controller.abort();
    const error = await b.embed(['x'], 'passage', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(made).toHaveLength(1); // only the load started a worker
  });

  it('terminates the worker when idle and reloads the same model on the next call', async () => {
    const { b, made } = bridge(30);
    // Only the bridge's idle timer is faked: the model and the message channel run as usual.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await b.load(tinyEmbedderSpec());
      await b.embed(['x'], 'passage');
      vi.advanceTimersByTime(29);
      expect(made[0]!.terminated).toBe(false);
      vi.advanceTimersByTime(1);
    } finally {
      vi.useRealTimers();
    }
    expect(made[0]!.terminated).toBe(true);
    expect(b.status.modelId).toBeNull();
    await expect(b.embed(['y'], 'passage')).resolves.toMatchObject({ count: 1 });
    expect(made).toHaveLength(2);
    expect(b.status.modelId).toBe('local/tiny-embedder');
  });

  it('says what to do when no model was chosen', async () => {
    const { b } = bridge();
    await expect(b.embed(['x'], 'query')).rejects.toThrow(/Pick one in Models/);
  });

  it('retries on WebAssembly in a fresh worker when WebGPU cannot run the model', async () => {
    const { b, made } = bridge();
    // onnxruntime-node has no WebGPU adapter here, so the WebGPU load fails as on an old driver.
    await b.load({ ...tinyEmbedderSpec(), device: 'webgpu' });
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    expect(b.status).toMatchObject({ modelId: 'local/tiny-embedder', device: 'cpu' });
    await expect(b.embed(['kelp'], 'passage')).resolves.toMatchObject({ count: 1 });
  });

  it('reports a missing model at once instead of retrying on another device', async () => {
    const { b, made } = bridge();
    const error = await b.load({ ...tinyEmbedderSpec({ id: 'gone', path: 'no-such-model' }), device: 'webgpu' }).catch((e: unknown) => e);
    expect((error as Error).name).toBe(ModelLoadError.name);
    expect(made).toHaveLength(1);
  });

  it('a worker that dies mid-embed rejects the call with a WorkerCrashError, and the next call gets a fresh worker', async () => {
    const { b, made } = bridge();
    await b.load(tinyEmbedderSpec());
    const crashed = b.crashDuringEmbed(); // armed: fires once the next embed call is in flight
    const job = b.embed(Array(20).fill('kelp harvest'), 'passage');
    await crashed;
    const error = await job.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toMatch(/embedding worker stopped.*Try again/);
    expect(made[0]!.terminated).toBe(true);
    await expect(b.embed(['after the crash'], 'passage')).resolves.toMatchObject({ count: 1 });
    expect(made).toHaveLength(2);
    expect(b.status.modelId).toBe('local/tiny-embedder');
  });
});
