// Browser entry of `npm run bench:engine`: the fixture models served at models/, the
// SmolLM2-135M-shaped model made in memory, and what this WebGPU adapter costs per kernel
// dispatch and per read-back (the floor under any decode step of ours).
import { LabEngine, type ModelFileReader } from '../../llm/lab/lab-engine';
import { runEngineBench, runSyntheticBench, type EngineMeasurement, type MemoryProbe } from '../engine-core';

// Chromium's JS heap only: jax-js's GPU buffers are not in it.
const memory: MemoryProbe = { what: 'JS heap (performance.memory), not GPU buffers', bytes: () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN };

// WebGPU's flag values (the GPUBufferUsage and GPUMapMode namespaces are not in TypeScript's DOM types).
const usage = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, STORAGE: 0x80 };
const mapRead = 0x1;

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

/**
 * Raw WebGPU, no jax-js: the time of one read-back (a copy and mapAsync, nothing computed) and of
 * one small compute dispatch, recorded in one command buffer or submitted one by one (what jax-js
 * did before our patch). Then counts the dispatches and submits a decode step of ours makes, by
 * wrapping the WebGPU entry points while the lab engine generates 8 and then 40 tokens.
 */
async function webgpuFloor(read: ModelFileReader): Promise<EngineMeasurement> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('No WebGPU adapter.');
  const device = await adapter.requestDevice();
  const module = device.createShaderModule({ code: '@group(0) @binding(0) var<storage, read_write> a: array<f32>;\n@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u) { if (g.x < arrayLength(&a)) { a[g.x] = a[g.x] + 1.0; } }' });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const buffer = device.createBuffer({ size: 4096, usage: usage.STORAGE | usage.COPY_SRC });
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer } }] });
  const timeSteps = async (kernels: number, oneSubmit: boolean, reps = 20) => {
    const times: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const t = performance.now();
      let encoder = device.createCommandEncoder();
      for (let k = 0; k < kernels; k++) {
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(16);
        pass.end();
        if (!oneSubmit) (device.queue.submit([encoder.finish()]), (encoder = device.createCommandEncoder()));
      }
      const staging = device.createBuffer({ size: 256, usage: usage.MAP_READ | usage.COPY_DST });
      encoder.copyBufferToBuffer(buffer, 0, staging, 0, 256);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(mapRead);
      staging.destroy();
      times.push(performance.now() - t);
    }
    return med(times);
  };
  await timeSteps(8, true, 3); // warm-up
  const roundTrip = await timeSteps(0, true);
  const kernels = 40;
  const batched = ((await timeSteps(kernels, true)) - roundTrip) / kernels;
  const separate = ((await timeSteps(kernels, false)) - roundTrip) / kernels;
  device.destroy();

  // Count what one decode step of the lab engine dispatches and submits (the difference between 40 and 8 new tokens).
  const counts = { dispatches: 0, submits: 0 };
  const dispatch = GPUComputePassEncoder.prototype.dispatchWorkgroups;
  const submit = GPUQueue.prototype.submit;
  const engine = new LabEngine(read);
  await engine.load('tiny-qwen2');
  await engine.setDevice('webgpu');
  const generate = async (maxTokens: number) => {
    counts.dispatches = counts.submits = 0;
    let completion = 0;
    for await (const c of engine.chat([{ role: 'user', content: 'Who keeps the seed bank?' }], { maxTokens })) if (c.type === 'done') completion = c.usage.completionTokens;
    return { ...counts, completion };
  };
  await generate(8); // compiles
  GPUComputePassEncoder.prototype.dispatchWorkgroups = function (...args: Parameters<typeof dispatch>) { counts.dispatches++; return dispatch.apply(this, args); };
  GPUQueue.prototype.submit = function (...args: Parameters<typeof submit>) { counts.submits++; return submit.apply(this, args); };
  let short;
  let long;
  try {
    short = await generate(8);
    long = await generate(40);
  } finally {
    GPUComputePassEncoder.prototype.dispatchWorkgroups = dispatch;
    GPUQueue.prototype.submit = submit;
    await engine.unload();
  }
  const steps = long.completion - short.completion;
  const perStep = { dispatches: (long.dispatches - short.dispatches) / steps, submits: (long.submits - short.submits) / steps };
  const floorMs = roundTrip + perStep.dispatches * batched;
  return {
    bench: 'engine', case: `WebGPU floor on this adapter (raw WebGPU, median of 20), and what a decode step of ours dispatches (tiny-qwen2, ${steps} steps)`, n: 20,
    p50_ms: round(floorMs, 2), p95_ms: round(floorMs, 2),
    read_back_ms: round(roundTrip, 2), dispatch_us: round(batched * 1000), dispatches_per_decode_step: round(perStep.dispatches, 1), submits_per_decode_step: round(perStep.submits, 1),
    decode_step_floor_ms: round(floorMs, 2), decode_ceiling_tokens_per_s: round(1000 / floorMs),
    baseline: { what: 'one submit per dispatch, as jax-js 0.1.25 did before patches/', dispatch_us: round(separate * 1000) },
  };
}

(window as unknown as { engineBench: (o: { synthetic: boolean; fixtures: boolean }) => Promise<EngineMeasurement[]> }).engineBench = async ({ synthetic, fixtures }) => {
  const out: EngineMeasurement[] = [];
  const read = async (id: string, file: string) => (await fetch(new URL(`models/${id}/${file}`, location.href))).arrayBuffer();
  if (fixtures) {
    await runEngineBench(read, 'webgpu', 'Chromium (SwiftShader WebGPU)', (m) => out.push(m), memory);
    out.push(await webgpuFloor(read));
    // Without WebGPU the lab engine runs jax-js on Wasm in its worker: the same comparison there.
    await runEngineBench(read, 'wasm', 'Chromium (no worker pool: the page is not cross-origin isolated)', (m) => out.push(m), memory);
  }
  if (synthetic) await runSyntheticBench('webgpu', 'Chromium (SwiftShader WebGPU)', (m) => out.push(m), memory);
  return out;
};
