// How much memory a LoRA training run may plan for on this device. Browsers do not
// say how much GPU memory a tab may use, so the budget is a documented rule
// (docs/finetune.md, "What fits on which GPU"), checked against the estimate before a
// run starts; the largest buffer comes from the adapter's own limits. Pure.

export interface TrainBudget {
  /** Bytes the run may plan for. */
  bytes: number;
  /** The largest single buffer (a WebGPU storage binding must hold it). */
  maxBuffer: number;
}

const GiB = 2 ** 30;

/** WebAssembly's 32-bit memory: one 4 GiB heap holds everything. */
export const wasmBudget: TrainBudget = { bytes: 4 * GiB, maxBuffer: 2 * GiB };

export interface GpuLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/**
 * WebGPU: at most 4 GiB, and at most half the machine's memory where the browser says how much it
 * has (`navigator.deviceMemory`, rounded and capped at 8 GiB by browsers; integrated GPUs share it);
 * 2 GiB on a fallback (software) adapter, which runs on the CPU's memory.
 */
export function gpuBudget(limits: GpuLimits, fallback: boolean, deviceMemoryGiB?: number): TrainBudget {
  let bytes = fallback ? 2 * GiB : 4 * GiB;
  if (deviceMemoryGiB && deviceMemoryGiB > 0) bytes = Math.min(bytes, (deviceMemoryGiB / 2) * GiB);
  return { bytes, maxBuffer: Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) };
}
