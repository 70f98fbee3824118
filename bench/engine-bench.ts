// Browser entry of `npm run bench:engine`: the fixture models served at models/, and the
// SmolLM2-135M-shaped model made in memory.
import { runEngineBench, runSyntheticBench, type EngineMeasurement, type MemoryProbe } from './engine-core';

// Chromium's JS heap only: jax-js's GPU buffers are not in it.
const memory: MemoryProbe = { what: 'JS heap (performance.memory), not GPU buffers', bytes: () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN };

(window as unknown as { engineBench: (o: { synthetic: boolean; fixtures: boolean }) => Promise<EngineMeasurement[]> }).engineBench = async ({ synthetic, fixtures }) => {
  const out: EngineMeasurement[] = [];
  const read = async (id: string, file: string) => (await fetch(new URL(`models/${id}/${file}`, location.href))).arrayBuffer();
  if (fixtures) await runEngineBench(read, 'webgpu', 'Chromium (SwiftShader WebGPU)', (m) => out.push(m), memory);
  if (synthetic) await runSyntheticBench('webgpu', 'Chromium (SwiftShader WebGPU)', (m) => out.push(m), memory);
  return out;
};
