#!/usr/bin/env node
// Takes the README screenshots from the production build in headless Chromium:
// serves dist/ with the fixture models, drives the UI, writes PNGs.
// Usage: npm run build && node scripts/screenshot.mjs [outDir] [sets]
// sets: a comma-separated choice of "en" (the English views), "zh" (Chat in Chinese), "train" (Fine-tune's
// training panel mid-run, a few minutes on SwiftShader) and "extract" (the Graph view's LLM extraction, running
// and cancelled); "en,zh" by default. RAG_LAB_SCREENSHOT_PORT picks the server's port (4391 by default).
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const outDir = process.argv[2] ?? 'docs/img';
const sets = new Set((process.argv[3] ?? 'en,zh').split(','));
const port = Number(process.env.RAG_LAB_SCREENSHOT_PORT ?? 4391);
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
await mkdir(outDir, { recursive: true });
const server = spawn('node', ['scripts/serve.mjs', '--port', String(port), '--models', 'test/fixtures/models'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const args = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
if (process.getuid?.() === 0) args.push('--no-sandbox');
const browser = await chromium.launch({ executablePath: chrome, args });

/** A whole-page shot; the status bar, fixed to the viewport's bottom, would otherwise cut through the middle. */
async function fullPage(page, name) {
  const unstick = await page.addStyleTag({ content: '.status-bar { position: static !important; }' });
  await page.screenshot({ path: join(outDir, name), fullPage: true });
  await unstick.evaluate((el) => el.remove());
}

/** Every English view, in one page (each step builds on the one before: the demo pack, then its QA set). */
async function englishShots() {
  const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
  await page.goto(`http://127.0.0.1:${port}/#/models`);
  await page.getByRole('button', { name: 'Embed and compare' }).click();
  await page.getByRole('table', { name: 'Embedding results' }).waitFor();
  await fullPage(page, 'models.png');
  await page.goto(`http://127.0.0.1:${port}/#/library`);
  await page.getByRole('button', { name: 'Load demo pack' }).click();
  await page.locator('tr[data-status="indexed"]').nth(25).waitFor({ timeout: 120_000 });
  await page.screenshot({ path: join(outDir, 'library.png') });
  await page.getByLabel('Search documents').fill('When does the kelp harvest season run?');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Search results' }).waitFor();
  await page.getByRole('heading', { name: 'Search' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(outDir, 'search.png') });
  await page.goto(`http://127.0.0.1:${port}/#/graph`);
  await page.getByLabel('Question for the graph').fill('The rent from the cottage goes into a fund created after which event?');
  await page.getByRole('button', { name: 'Show paths' }).click();
  await page.locator('[data-testid="graph-canvas"][data-ready="true"]').waitFor();
  const unstickGraph = await page.addStyleTag({ content: '.status-bar { position: static !important; }' });
  await page.locator('section.explore').screenshot({ path: join(outDir, 'graph.png') });
  await unstickGraph.evaluate((el) => el.remove());
  await page.goto(`http://127.0.0.1:${port}/#/chat`);
  await page.getByLabel('Ask a question').fill('When does the kelp harvest season run?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('article.turn[data-status="done"]').waitFor({ timeout: 180_000 });
  await page.screenshot({ path: join(outDir, 'chat.png') });
  // RoG in Chat: the model's relation-path plans, the numbered paths with their sentences, the baseline.
  await page.getByLabel('Retrieval mode').selectOption('graph');
  await page.getByLabel('Ask a question').fill('The rent from the cottage goes into a fund created after which event?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('article.turn[data-status="done"]').nth(1).waitFor({ timeout: 180_000 });
  await page.locator('article.turn').nth(1).locator('details.path-sources').first().locator('summary').click();
  const unstickChat = await page.addStyleTag({ content: '.status-bar { position: static !important; }' });
  await page.locator('article.turn').nth(1).screenshot({ path: join(outDir, 'chat-graph.png') });
  await unstickChat.evaluate((el) => el.remove());
  await page.getByLabel('Retrieval mode').selectOption('hybrid');
  await page.goto(`http://127.0.0.1:${port}/#/compare`);
  await page.getByText('Sampling and prompt').click();
  await page.getByLabel('Max tokens').fill('24');
  await page.getByLabel('Max tokens').blur();
  await page.getByText('Sampling and prompt').click();
  await page.getByLabel('Question to compare').fill('When does the kelp harvest season run?');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.locator('article[data-mode="rag"][data-status="done"]').waitFor({ timeout: 180_000 });
  await fullPage(page, 'compare.png');
  await page.goto(`http://127.0.0.1:${port}/#/evaluate`);
  await page.getByRole('button', { name: "Add the demo pack's QA set" }).click();
  await page.getByRole('table', { name: 'QA sets' }).waitFor();
  for (const [label, value] of [['Question limit', '6'], ['Max tokens', '12']]) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByLabel(label, { exact: true }).blur();
  }
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.locator('table[aria-label="Eval runs"] tr[data-status="done"]').waitFor({ timeout: 300_000 });
  await page.locator('figure[data-metric="total"] svg').waitFor();
  // The sticky status bar would sit over an element screenshot taken while scrolled.
  const unstick = await page.addStyleTag({ content: '.status-bar { position: static !important; }' });
  await page.locator('section[data-run]').screenshot({ path: join(outDir, 'evaluate.png') });
  await unstick.evaluate((el) => el.remove());
  await page.goto(`http://127.0.0.1:${port}/#/finetune`);
  await page.getByLabel('Questions (at most)').fill('12');
  await page.getByLabel('Dataset name').fill('raft-demo');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await page.getByRole('table', { name: 'Datasets' }).waitFor({ timeout: 120_000 });
  await page.getByLabel('Base model').selectOption('local/tiny-llama');
  await page.getByLabel('From the model pack').selectOption('local/tiny-llama-strong');
  await page.getByRole('button', { name: 'Merge and register' }).click();
  await page.locator('table[aria-label="Fine-tuned models"] tr[data-cached="true"]').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Check merge' }).click();
  await page.getByText(/max \|Δ logit\|/).waitFor({ timeout: 60_000 });
  await page.getByText('Examples as the model will see them').click();
  await fullPage(page, 'finetune.png');
  await page.goto(`http://127.0.0.1:${port}/#/library`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(outDir, 'library-phone.png') });
  await page.close();
}

/** Chat with the interface in Chinese: the Chinese pack indexed, a Chinese question answered by the suggested Qwen model. */
async function chineseShots() {
  // A fresh context: its own storage, so the language choice and the library start empty.
  // Taller than the English shots: the fixture model's 128 random words push the sources down.
  const context = await browser.newContext({ viewport: { width: 1200, height: 1120 } });
  await context.addInitScript(() => localStorage.setItem('rag-lab-language', 'zh'));
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/#/library`);
  await page.getByRole('button', { name: '加载中文示例包' }).click();
  await page.locator('tr[data-status="indexed"]').nth(21).waitFor({ timeout: 120_000 });
  await page.goto(`http://127.0.0.1:${port}/#/chat`);
  await page.getByLabel('提问', { exact: true }).fill('合作社的仓库管理员是谁？');
  await page.getByTestId('llm-suggestion').getByRole('button', { name: /^使用 Tiny Qwen2/ }).click();
  await page.getByRole('button', { name: '发送' }).click();
  await page.locator('article.turn[data-status="done"]').waitFor({ timeout: 180_000 });
  await page.screenshot({ path: join(outDir, 'chat-zh.png') });
  await context.close();
}

/** Fine-tune's training panel mid-run: an SFT dataset from the demo QA set, the tiny Llama trained on WebGPU, after three validations. */
async function trainingShots() {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
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
  await context.close();
}

/** The Graph view's "Extract with the LLM" panel: mid-run with one document stored, then cancelled. */
async function extractShots() {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/#/library`);
  await page.getByRole('button', { name: 'Load demo pack' }).click();
  await page.locator('tr[data-status="indexed"]').nth(25).waitFor({ timeout: 120_000 });
  await page.goto(`http://127.0.0.1:${port}/#/graph`);
  const panel = page.getByRole('region', { name: 'Extract with the LLM' });
  await panel.getByLabel('Max tokens per chunk').fill('48');
  await panel.getByLabel('Max tokens per chunk').blur();
  const unstick = await page.addStyleTag({ content: '.status-bar { position: static !important; }' });
  await panel.screenshot({ path: join(outDir, 'graph-extract-form.png') });
  await panel.getByRole('button', { name: 'Start extraction' }).click();
  await panel.locator('[data-testid="extract-status"][data-stored="2"]').waitFor({ timeout: 120_000 });
  await panel.screenshot({ path: join(outDir, 'graph-extract-running.png') });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await panel.locator('[data-testid="extract-status"][data-state="cancelled"]').waitFor();
  await page.locator('section[aria-labelledby="graph-title"]').screenshot({ path: join(outDir, 'graph-extract-stats.png') });
  await panel.screenshot({ path: join(outDir, 'graph-extract.png') });
  await unstick.evaluate((el) => el.remove());
  await context.close();
}

try {
  if (sets.has('en')) await englishShots();
  if (sets.has('zh')) await chineseShots();
  if (sets.has('train')) await trainingShots();
  if (sets.has('extract')) await extractShots();
  console.log(`screenshots written to ${outDir}`);
} finally {
  await browser.close();
  server.kill();
}
