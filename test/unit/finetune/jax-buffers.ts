// Counts the live buffers of jax-js's Wasm backend, for leak tests. jax-js does not
// export its backend, so this finds the function named getBackend among the exports of
// the package's backend chunk (the same module instance the package itself uses) and
// wraps that backend's malloc/incRef/decRef to keep its own reference counts.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface Backend {
  malloc(size: number, data?: Uint8Array): number;
  incRef(slot: number): void;
  decRef(slot: number): void;
}

export async function countWasmBuffers(): Promise<() => number> {
  const dist = dirname(createRequire(import.meta.url).resolve('@jax-js/jax'));
  const chunk = readdirSync(dist).find((f) => /^backend-.*\.js$/.test(f));
  if (!chunk) throw new Error('jax-js backend chunk not found');
  const mod = (await import(pathToFileURL(join(dist, chunk)).href)) as Record<string, unknown>;
  const getBackend = Object.values(mod).find((v) => typeof v === 'function' && v.name === 'getBackend') as ((d: string) => Backend) | undefined;
  if (!getBackend) throw new Error('jax-js getBackend not found');
  const backend = getBackend('wasm');
  const refs = new Map<number, number>();
  const { malloc, incRef, decRef } = backend;
  backend.malloc = function (size, data) {
    const slot = malloc.call(this, size, data);
    refs.set(slot, 1);
    return slot;
  };
  backend.incRef = function (slot) {
    incRef.call(this, slot);
    if (refs.has(slot)) refs.set(slot, refs.get(slot)! + 1);
  };
  backend.decRef = function (slot) {
    decRef.call(this, slot);
    const n = refs.get(slot);
    if (n === undefined) return;
    if (n <= 1) refs.delete(slot);
    else refs.set(slot, n - 1);
  };
  return () => refs.size;
}
