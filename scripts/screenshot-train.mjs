#!/usr/bin/env node
// Takes the screenshot of the Fine-tune view's training panel mid-run, from the
// production build in headless Chromium (SwiftShader WebGPU), with the fixture models.
// Usage: npm run build && node scripts/screenshot-train.mjs [outDir]
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const outDir = process.argv[2] ?? 'docs/img';
const port = 4392;
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
await mkdir(outDir, { recursive: true });
const server = spawn('node', ['scripts/serve.mjs', '--port', String(port), '--models', 'test/fixtures/models'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const args = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
if (process.getuid?.() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: chrome, args });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/#/evaluate`);
  await page.getByRole('button', { name: "Add the demo pack's QA set" }).click();
  await page.getByRole('table', { name: 'QA sets' }).waitFor();
  await page.goto(`http://127.0.0.1:${port}/#/finetune`);
  await page.getByLabel('Kind').selectOption('sft');
  await page.getByLabel('Questions (at most)').fill('24');
  await page.getByLabel('Dataset name').fill('sft-demo');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await page.getByRole('table', { name: 'Datasets' }).waitFor({ timeout: 120_000 });
  await page.getByLabel('Base to train').selectOption('local/tiny-llama');
  for (const [label, value] of [['Steps (blank: from epochs)', '200'], ['Learning rate', '0.01'], ['Batch size', '2'], ['Max length (tokens)', '64']]) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).blur();
  }
  await page.getByRole('button', { name: 'Check and estimate' }).click();
  await page.getByTestId('train-estimate').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByTestId('loss-chart').locator('g[aria-description="validation loss"] circle').nth(2).waitFor({ timeout: 300_000 });
  const unstick = await page.addStyleTag({ content: '.status-bar { position: static !important; }' });
  await page.locator('section[aria-labelledby="train-title"]').screenshot({ path: join(outDir, 'finetune-train.png') });
  await unstick.evaluate((el) => el.remove());
  await page.getByRole('button', { name: 'Cancel' }).click();
  console.log(`screenshot written to ${outDir}/finetune-train.png`);
} finally {
  await browser.close();
  server.kill();
}
