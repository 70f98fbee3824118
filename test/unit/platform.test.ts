import { describe, expect, it } from 'vitest';
import { adapterName, probeGpu, rerankDevice } from '../../src/platform/gpu';

const adapter = (features: string[], info: object = {}) => ({
  features: new Set(features),
  limits: { maxBufferSize: 256 * 2 ** 20 },
  info,
});

describe('probeGpu', () => {
  it('explains a browser without WebGPU', async () => {
    expect(await probeGpu({})).toEqual({ available: false, reason: expect.stringMatching(/no WebGPU/), reasonKey: { key: 'common:noGpu.noApi' } });
  });

  it('explains a refused adapter and a failing request', async () => {
    expect(await probeGpu({ gpu: { requestAdapter: async () => null } })).toMatchObject({ available: false, reason: expect.stringMatching(/no adapter/) });
    const failing = { requestAdapter: async () => { throw new Error('lost'); } };
    expect(await probeGpu({ gpu: failing })).toMatchObject({ available: false, reason: expect.stringMatching(/lost/) });
  });

  it('reports the adapter, shader-f16 and buffer size', async () => {
    const gpu = { requestAdapter: async () => adapter(['shader-f16'], { vendor: 'acme', architecture: 'rdna', isFallbackAdapter: false }) };
    expect(await probeGpu({ gpu })).toEqual({ available: true, adapterName: 'acme · rdna', shaderF16: true, maxBufferMB: 256, fallback: false });
    const soft = { requestAdapter: async () => adapter([], { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }) };
    expect(await probeGpu({ gpu: soft })).toMatchObject({ shaderF16: false, fallback: true });
  });

  it('names adapters from whatever fields are filled', () => {
    expect(adapterName(undefined)).toBe('unknown adapter');
    expect(adapterName({ vendor: '', description: '' })).toBe('unknown adapter');
    expect(adapterName({ description: 'Apple M2', vendor: 'apple', architecture: 'common-3' })).toBe('Apple M2 · apple · common-3');
  });
});


describe('rerankDevice', () => {
  it('uses WebGPU only when there is an adapter and no LLM holds the GPU', () => {
    expect(rerankDevice(true, null)).toBe('webgpu');
    expect(rerankDevice(true, 'cpu')).toBe('webgpu');
    expect(rerankDevice(true, 'webgpu')).toBe('wasm');
    expect(rerankDevice(false, null)).toBe('wasm');
  });
});
