// Browser entry of `npm run bench:retrieval`: the in-memory sizes on the page, and the million-row
// steps in a worker that the driver starts, calls and stops (it reads the renderer's memory between steps).
import { wrap, type Remote } from 'comlink';
import { runRetrievalBench, type Measurement } from '../retrieval-core';

type Million = typeof import('../million-core');

let worker: Worker | null = null;
let million: Remote<Million> | null = null;

Object.assign(window as object, {
  retrievalBench: async (sizes: number[]): Promise<Measurement[]> => {
    const out: Measurement[] = [];
    await runRetrievalBench(sizes, 'Chromium', (m) => out.push(m));
    return out;
  },
  million: {
    /** A fresh worker (a fresh heap): each layout's cold load and memory are measured in its own. */
    start(): void {
      worker?.terminate();
      worker = new Worker(new URL('./million.worker.ts', import.meta.url), { type: 'module' });
      million = wrap<Million>(worker);
    },
    call(name: keyof Million, args: unknown[]): Promise<unknown> {
      return (million![name] as (...a: unknown[]) => Promise<unknown>)(...args);
    },
    stop(): void {
      worker?.terminate();
      worker = null;
      million = null;
    },
  },
});
