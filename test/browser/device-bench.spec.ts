import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { DeviceBenchReport, TrainMeasurement } from '../../src/shared/device-bench-api';
import { debugHooks } from './helpers';

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

// Plausibility only: never a timing threshold (the figures depend on the machine). A short run through the test hook
// (one model, one training configuration, two steps): the whole matrix runs in Node (test/unit/finetune/device-bench.test.ts).
test('"Benchmark this device" trains, decodes and embeds on WebGPU in a worker, shows the figures and exports them as JSON', async ({ page }) => {
  test.setTimeout(300_000);
  const hooks = await debugHooks(page);
  await page.goto('./#/models');
  await hooks.ready();
  await page.evaluate(() => (window as unknown as { ragLabDebug: { shortDeviceBench(r: { models: number; configs: number; steps: number }): void } }).ragLabDebug.shortDeviceBench({ models: 1, configs: 1, steps: 2 }));
  const section = page.getByRole('region', { name: 'Benchmark this device' });
  await section.getByRole('button', { name: 'Benchmark this device' }).click();
  await expect(section.getByTestId('bench-status')).toHaveAttribute('data-state', 'running');
  await expect(section.getByTestId('bench-status')).toHaveAttribute('data-state', 'done', { timeout: 540_000 });
  await expect(section.getByRole('alert')).toHaveCount(0);

  // The pack's first model (the Llama fixture), jit with recomputation.
  const train = section.getByRole('table', { name: 'Training benchmark' }).locator('tr[data-bench="train"]');
  await expect(train).toHaveCount(1);
  const shown: number[] = [];
  for (const row of await train.all()) {
    await expect(row).not.toHaveAttribute('data-error', 'true');
    for (const name of ['data-tokens-per-s', 'data-gflops', 'data-ratio']) expect(positive(Number(await row.getAttribute(name))), name).toBe(true);
    shown.push(Number(await row.getAttribute('data-tokens-per-s')));
  }
  const other = section.getByRole('table', { name: 'Inference benchmark' });
  await expect(other.locator('tr[data-bench="decode"]')).toHaveCount(1);
  await expect(other.locator('tr[data-bench="embed"]')).toHaveCount(1);
  for (const row of await other.locator('tbody tr').all()) expect(positive(Number(await row.getAttribute('data-rate')))).toBe(true);

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^rag-lab-device-bench-\d{4}-\d{2}-\d{2}\.json$/);
  const report = JSON.parse(await readFile((await download.path())!, 'utf8')) as DeviceBenchReport;
  expect(report).toMatchObject({ app: 'rag-lab', kind: 'device-bench', device: 'webgpu' });
  const trained = report.results.filter((r): r is TrainMeasurement => r.bench === 'train');
  expect(trained.map((r) => r.tokens_per_s)).toEqual(shown);
  expect(trained.map((r) => `${r.model} ${r.jit} ${r.recompute}`)).toEqual(['local/tiny-llama true true']);
  for (const r of trained) {
    expect(r.error).toBeUndefined();
    for (const v of [r.tokens_per_s, r.gflop_per_s, r.gflop_per_step, r.ratio_to_matmul, r.baseline.gflop_per_s, r.peak_mb, r.estimate_mb, r.p50_ms]) expect(positive(v)).toBe(true);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.memory).toContain('GPU buffers');
  }
  const decode = report.results.filter((r) => r.bench === 'decode');
  expect(decode.map((r) => r.model)).toEqual(['local/tiny-llama']);
  for (const r of decode) expect(r.error ?? positive(r.decode_tokens_per_s)).toBe(true);
  // Each decode line carries the CPU reference measured in the same run, and the table shows the ratio.
  for (const r of decode) if (r.bench === 'decode' && !r.error) expect(positive(r.reference?.decode_tokens_per_s) && positive(r.decode_vs_reference)).toBe(true);
  for (const row of await other.locator('tr[data-bench="decode"]').all()) {
    expect(positive(Number(await row.getAttribute('data-vs-reference')))).toBe(true);
    await expect(row).toContainText('× the CPU reference');
  }
  const embed = report.results.find((r) => r.bench === 'embed');
  expect(embed && embed.bench === 'embed' && positive(embed.passages_per_s) && positive(embed.tokens_per_s)).toBe(true);
});
