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

test('Models lists web-llm models with their GPU needs, and a failed download explains itself; a model already in web-llm\'s cache shows as downloaded, with its size, and Delete removes it; Chat offers the web-llm models that can run here, and the pack model first', async ({ page, context }) => {
  // Nothing may leave this machine: every request to another host fails, as offline.
  const external: string[] = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => (external.push(route.request().url()), route.abort('internetdisconnected')));
  await page.goto('./#/models');
  const table = page.getByRole('table', { name: 'Language models' });
  await expect(table.locator('tr[data-model="local/tiny-llama"]')).toContainText('CPU (lab engine)');
  // SwiftShader has no shader-f16: f16 variants cannot run, f32 ones can.
  const f16 = table.locator('tr[data-model="Qwen3-0.6B-q4f16_1-MLC"]');
  await expect(f16).toHaveAttribute('data-available', 'false');
  await expect(f16).toContainText('needs shader-f16');
  await expect(f16.getByRole('button', { name: /Download/ })).toBeDisabled();
  const q0 = table.locator('tr[data-model="SmolLM2-135M-Instruct-q0f32-MLC"]');
  await expect(q0).toHaveAttribute('data-available', 'true');
  await expect(q0).toContainText('Not downloaded');
  await expect(q0.locator('td').nth(4)).toHaveText('yes'); // fine-tunable
  // The real web-llm worker tries the hub, is refused, and the error reads as an instruction.
  await q0.getByRole('button', { name: 'Download SmolLM2-135M-Instruct-q0f32' }).click();
  await expect(page.getByRole('alert')).toContainText(/download was interrupted or the network is unreachable|model file was not found/, { timeout: 60_000 });
  expect(external.some((u) => u.includes('SmolLM2-135M-Instruct-q0f32-MLC'))).toBe(true);
  await expect(q0).toContainText('Not downloaded');

  // A model already in web-llm's cache shows as downloaded, with its size, and Delete removes it.
  const row = page.getByRole('table', { name: 'Language models' }).locator('tr[data-model="SmolLM2-135M-Instruct-q0f32-MLC"]');
  await expect(row).toContainText('Not downloaded');
  // Fill web-llm's cache the way a finished download leaves it (tensor-cache.json and a shard), with no network.
  await page.evaluate(async () => {
    const base = 'https://huggingface.co/mlc-ai/SmolLM2-135M-Instruct-q0f32-MLC/resolve/main/';
    const cache = await caches.open('webllm/model');
    const manifest = { metadata: {}, records: [{ dataPath: 'params_shard_0.bin', format: 'raw-shard', nbytes: 1_000_000, records: [] }] };
    await cache.put(base + 'tensor-cache.json', new Response(JSON.stringify(manifest)));
    await cache.put(base + 'params_shard_0.bin', new Response(new Uint8Array(1_000_000)));
  });
  await page.reload();
  await expect(row).toContainText('Downloaded (1.0 MB)');
  await row.getByRole('button', { name: 'Delete SmolLM2-135M-Instruct-q0f32' }).click();
  await expect(row).toContainText('Not downloaded');

  // Chat offers the web-llm models that can run here, and the pack model first.
  await page.goto('./#/chat');
  const select = page.getByLabel('Model');
  await expect(select).toHaveValue('local/tiny-llama');
  await expect(select.locator('option[value="SmolLM2-360M-Instruct-q4f32_1-MLC"]')).toBeEnabled();
  await expect(select.locator('option[value="SmolLM2-360M-Instruct-q4f16_1-MLC"]')).toBeDisabled();
});


test('the lab engine\'s WebGPU path (jax-js) matches its CPU reference on tiny-llama, tiny-qwen2, tiny-qwen3 and a q4f16_1 copy (dequantized in the pass); LoRA gradients on WebGPU match PyTorch\'s goldens over float32 and q4f16_1 (QLoRA) bases', async ({ page }) => {
  test.setTimeout(180_000);
  const hooks = await debugHooks(page);
  await page.goto('./#/models');
  await hooks.ready();
  for (const family of ['llama', 'qwen2', 'qwen3', 'qwen3-q4']) {
    await page.getByRole('button', { name: `Check local/tiny-${family} on WebGPU` }).click();
    const cell = page.getByTestId(`check-local/tiny-${family}`);
    await expect(cell).toContainText('WebGPU matches the CPU reference', { timeout: 90_000 });
    await expect(cell.locator('[data-ok="true"]')).toContainText('same greedy tokens');
    await expect(cell.locator('[data-ok="true"]')).toHaveAttribute('data-greedy', /^\d+(,\d+){7}$/);
  }

  // The trainer's arithmetic where it really runs: on WebGPU (SwiftShader) in the built site, through the trainer
  // worker, the loss and LoRA gradients of PyTorch's golden batch (scripts/goldens.py, float64 autograd, from the fixture
  // files alone) must match the committed goldens, as test/unit/finetune/trainer-goldens.test.ts checks on Wasm in Node.
  // One q4f16_1 base (Qwen3: q/k norms, heads wider than hidden) shows the dequantization and Qwen3's norms on WebGPU,
  // so float32 Qwen3 is left to Wasm in Node (trainer-goldens.test.ts), where all four are checked.
  for (const family of ['llama', 'qwen2', 'qwen3-q4']) {
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
