// What the browser's WebGPU offers. Asked once at start-up; the answer decides
// which engines and model variants the UI offers.
import { tKey, type Translatable } from '../shared/errors';

export type GpuInfo =
  | { available: false; reason: string; reasonKey?: Translatable }
  | { available: true; adapterName: string; shaderF16: boolean; maxBufferMB: number; fallback: boolean };

interface AdapterLike {
  features: ReadonlySet<string>;
  limits: { maxBufferSize: number };
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

/** A readable adapter name from whatever fields this browser fills in. */
export function adapterName(info: AdapterLike['info']): string {
  if (!info) return 'unknown adapter';
  const parts = [info.description, info.vendor, info.architecture, info.device].filter((p): p is string => !!p && p.length > 0);
  return parts.length ? [...new Set(parts)].join(' · ') : 'unknown adapter';
}

/** Probes WebGPU without creating a device. */
export async function probeGpu(nav: { gpu?: unknown } = navigator): Promise<GpuInfo> {
  const gpu = nav.gpu as GpuLike | undefined;
  if (!gpu) return { available: false, reason: 'This browser has no WebGPU (navigator.gpu is missing).', reasonKey: tKey('common:noGpu.noApi') };
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return {
      available: false,
      reason: `WebGPU adapter request failed: ${(e as Error).message}`,
      reasonKey: tKey('common:noGpu.requestFailed', { detail: (e as Error).message }),
    };
  }
  if (!adapter) return { available: false, reason: 'WebGPU is present but no adapter was granted (blocked GPU or driver).', reasonKey: tKey('common:noGpu.noAdapter') };
  return {
    available: true,
    adapterName: adapterName(adapter.info),
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferMB: Math.round(adapter.limits.maxBufferSize / 2 ** 20),
    fallback: !!(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
}

/**
 * WebGPU when the page found an adapter and the GPU is free; WebAssembly otherwise. A loaded LLM
 * holds the GPU (its weights and, while it answers, its compute): the reranker then runs on the CPU
 * instead of competing with it. The device is chosen when the reranker loads.
 */
export function rerankDevice(gpuAvailable: boolean, llmDevice: 'webgpu' | 'wasm' | 'cpu' | null): 'webgpu' | 'wasm' {
  return gpuAvailable && llmDevice !== 'webgpu' ? 'webgpu' : 'wasm';
}
