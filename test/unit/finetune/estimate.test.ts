// The memory estimate that refuses runs (src/finetune/train/estimate.ts) for a q4f16_1 base: QLoRA keeps the frozen
// weights as 4-bit codes, so a model whose float32 weights alone pass the budget still trains.
import { describe, expect, it } from 'vitest';
import { estimateMemory, fitProblems } from '../../../src/finetune/train/estimate';
import { presets } from '../../../src/finetune/train/settings';
import type { ModelShape } from '../../../src/llm/reference/config';

// Qwen2.5-1.5B-Instruct as web-llm ships it (its mlc-chat-config.json's model_config).
const qwen15: ModelShape = {
  family: 'qwen2', vocab: 151936, hidden: 1536, layers: 28, heads: 12, kvHeads: 2, headDim: 128, intermediate: 8960,
  eps: 1e-6, ropeTheta: 1e6, tied: true, contextWindow: 4096, qkvBias: true, qkNorm: false,
};
const GiB = 2 ** 30;

describe('the training memory estimate for q4f16_1 bases', () => {
  it('puts Qwen2.5-1.5B q4f16_1 at T = 256 with per-layer recomputation (every module, r 16) under 4 GiB, where its float32 weights alone are over it', () => {
    const q4 = estimateMemory(qwen15, presets.thorough, 256, true, 8192, 'q4f16_1');
    const q0 = estimateMemory(qwen15, presets.thorough, 256, true, 8192, 'q0f32');
    expect(q4.total).toBeLessThan(4 * GiB);
    expect(fitProblems(q4, 4 * GiB, 2 * GiB, presets.thorough)).toEqual([]);
    expect(q0.weights).toBeGreaterThan(4 * GiB * 0.9);
    expect(fitProblems(q0, 4 * GiB, 2 * GiB, presets.thorough).join(' ')).toMatch(/more than the 4\.00 GB/);
    // Codes and scales: 0.625 bytes a value against 4, norms aside.
    expect(q4.weights / q0.weights).toBeGreaterThan(0.15);
    expect(q4.weights / q0.weights).toBeLessThan(0.16);
    // The head is never whole in float32: the largest buffer is a layer's gate/up matrix, not the 934 MB head.
    expect(q4.largestBuffer).toBeLessThan(q0.largestBuffer / 5);
  });
});
