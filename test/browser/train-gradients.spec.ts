// The trainer's arithmetic where it really runs: on WebGPU (SwiftShader) in the built
// site, through the trainer worker, the loss and LoRA gradients of PyTorch's golden
// batch (scripts/goldens.py, float64 autograd, from the fixture files alone) must match
// the committed goldens — the same check test/unit/finetune/trainer-goldens.test.ts
// makes on Wasm in Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseAdapter } from '../../src/llm/lora/peft';
import { debugHooks } from './helpers';

const fixtures = join('test', 'fixtures');

interface Golden {
  lora: { adapter: string };
  training: { batch: { promptLength: number; tokens: number[] }[]; modules: string[]; scale: number; loss: number; grads: Record<string, { A: number[]; B: number[] }> };
}

test('LoRA gradients on WebGPU match PyTorch\'s goldens on every fixture family, over float32 and q4f16_1 (QLoRA) bases', async ({ page }) => {
  test.setTimeout(180_000);
  const hooks = await debugHooks(page);
  await page.goto('./#/finetune');
  await hooks.ready();
  await expect(page.getByLabel('Base model').locator('option[value="local/tiny-qwen3"]')).toHaveCount(1);
  // One q4f16_1 base (Qwen3: q/k norms, heads wider than hidden) shows the dequantization on WebGPU; all three are checked on Wasm in Node.
  for (const family of ['llama', 'qwen2', 'qwen3', 'qwen3-q4']) {
    const golden = JSON.parse(readFileSync(join(fixtures, 'goldens', `tiny-${family}.json`), 'utf8')) as Golden;
    const g = golden.training;
    const dir = join(fixtures, 'models', golden.lora.adapter);
    const adapter = parseAdapter(readFileSync(join(dir, 'adapter_config.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'adapter_model.safetensors'))).buffer);
    const lora = Object.fromEntries(adapter.pairs.filter((p) => g.modules.includes(p.module)).map((p) => [p.module, { A: [...p.A.data], B: [...p.B.data] }]));
    const check = { lora, r: adapter.config.r, scale: g.scale, batch: g.batch, maxLength: 64 };
    const ours = await page.evaluate(([id, c]) => (window as any).ragLabDebug.trainGradients(id, c), [`local/tiny-${family}`, check] as const);
    expect(ours.device, 'the trainer worker ran on WebGPU').toBe('webgpu');
    expect(Math.abs(ours.loss - g.loss) / g.loss, `tiny-${family}: loss ${ours.loss} against ${g.loss}`).toBeLessThan(1e-5);
    expect(Object.keys(ours.grads).sort()).toEqual([...g.modules].sort());
    // float32 on the GPU against float64: the worst entry within 1e-4 of the largest gradient.
    let worst = 0;
    let largest = 0;
    for (const [module, pair] of Object.entries(g.grads)) {
      for (const which of ['A', 'B'] as const) {
        pair[which].forEach((v, i) => {
          worst = Math.max(worst, Math.abs(v - ours.grads[module]![which][i]!));
          largest = Math.max(largest, Math.abs(v));
        });
      }
    }
    expect(worst / largest, `tiny-${family}: worst gradient difference relative to the largest`).toBeLessThan(1e-4);
  }
});
