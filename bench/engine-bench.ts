// Browser entry of `npm run bench:engine`: the fixture models served at models/.
import { runEngineBench, type EngineMeasurement } from './engine-core';

(window as unknown as { engineBench: () => Promise<EngineMeasurement[]> }).engineBench = async () => {
  const out: EngineMeasurement[] = [];
  const read = async (id: string, file: string) => (await fetch(new URL(`models/${id}/${file}`, location.href))).arrayBuffer();
  await runEngineBench(read, 'webgpu', 'Chromium (SwiftShader WebGPU)', (m) => out.push(m));
  return out;
};
