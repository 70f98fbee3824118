// The one worker holder every bridge uses: lazy start, idle stop, crash, named errors back as their class.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerHandle } from '../../src/bridges/worker-handle';
import { AdapterError, WorkerCrashError, tKey } from '../../src/shared/errors';
import { fakeWorkers as makeFakeWorkers } from './helpers';

interface Api {
  echo(x: number): Promise<number>;
  hang(): Promise<never>;
  fail(): Promise<never>;
}

const fakeWorkers = () => makeFakeWorkers(() => ({
  echo: async (x: number) => x * 2,
  hang: () => new Promise<never>(() => undefined),
  fail: async () => {
    throw new AdapterError('bad adapter', { i18n: tKey('errors:adapter.configJson') });
  },
} satisfies Api));

afterEach(() => vi.useRealTimers());

describe('WorkerHandle', () => {
  it('starts the worker on the first call and stops it once idle for idleMs after the last call', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { create, made } = fakeWorkers();
    const stopped: number[] = [];
    const h = new WorkerHandle<Api>(create, { idleMs: 100, onStop: () => stopped.push(1) });
    expect(made).toHaveLength(0);
    expect(await h.call((api) => api.echo(2))).toBe(4);
    expect(await h.call((api) => api.echo(3))).toBe(6);
    expect(made).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(made[0]!.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(made[0]!.terminated).toBe(true);
    expect(stopped).toEqual([1]);
    expect(h.running).toBe(false);
    expect(await h.call((api) => api.echo(5))).toBe(10);
    expect(made).toHaveLength(2);
    h.terminate();
  });

  it('never stops a worker for being idle when idleMs is null', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { create, made } = fakeWorkers();
    const h = new WorkerHandle<Api>(create, { idleMs: null });
    await h.call((api) => api.echo(1));
    vi.advanceTimersByTime(24 * 3600_000);
    expect(made[0]!.terminated).toBe(false);
    h.terminate();
  });

  it('rejects the calls in flight with WorkerCrashError when the worker crashes, and starts a fresh one next', async () => {
    const { create, made } = fakeWorkers();
    const h = new WorkerHandle<Api>(create, { idleMs: 1000 });
    const pending = h.call((api) => api.hang());
    await h.call((api) => api.echo(1)); // the worker is up and answering
    made[0]!.crash('out of memory');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(pending).rejects.toThrow('The worker stopped unexpectedly (out of memory).');
    expect(made[0]!.terminated).toBe(true);
    expect(await h.call((api) => api.echo(4))).toBe(8);
    expect(made).toHaveLength(2);
    h.terminate();
  });

  it('terminate() rejects a call in flight with an AbortError, crash() with a WorkerCrashError saying what to do', async () => {
    const { create } = fakeWorkers();
    const h = new WorkerHandle<Api>(create, { idleMs: 1000, crashMessage: (reason) => `The test worker stopped (${reason}). Try again.` });
    const stopped = h.call((api) => api.hang());
    await Promise.resolve();
    h.terminate();
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    const crashed = h.call((api) => api.hang());
    await Promise.resolve();
    h.crash('out of memory');
    await expect(crashed).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(crashed).rejects.toThrow('The test worker stopped (out of memory). Try again.');
  });

  it('brings a named error back as its class, with its translation key (bridges/error-transport.ts)', async () => {
    const { create } = fakeWorkers();
    const h = new WorkerHandle<Api>(create, { idleMs: 1000 });
    const e = await h.call((api) => api.fail()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AdapterError);
    expect(e).toMatchObject({ message: 'bad adapter', i18n: { key: 'errors:adapter.configJson' } });
    h.terminate();
  });
});
