import { describe, expect, it } from 'vitest';
import { gpuBudget, wasmBudget } from '../../src/platform/train-budget';

const GiB = 2 ** 30;
const limits = { maxBufferSize: 4 * GiB, maxStorageBufferBindingSize: 2 * GiB };

describe('training memory budget', () => {
  it('WebGPU: 4 GiB, at most half the machine memory, and the smaller of the two buffer limits', () => {
    expect(gpuBudget(limits, false)).toEqual({ bytes: 4 * GiB, maxBuffer: 2 * GiB });
    expect(gpuBudget(limits, false, 4).bytes).toBe(2 * GiB);
    expect(gpuBudget(limits, false, 16).bytes).toBe(4 * GiB);
  });
  it('a fallback (software) adapter gets 2 GiB; WebAssembly its 4 GiB heap', () => {
    expect(gpuBudget({ maxBufferSize: GiB, maxStorageBufferBindingSize: 4 * GiB }, true)).toEqual({ bytes: 2 * GiB, maxBuffer: GiB });
    expect(wasmBudget.bytes).toBe(4 * GiB);
  });
});
