import { expect, test } from '@playwright/test';
import { chatMaxTokens } from './helpers';

test('without WebGPU the page explains what still works, and embeds on wasm', async ({ page }) => {
  // Hide WebGPU from the page, as on a browser that lacks it.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
  await page.goto('./#/models');
  await expect(page.getByRole('note')).toContainText('No WebGPU here');
  await expect(page.getByRole('note')).toContainText('embeddings and search still work');
  await expect(page.getByTestId('gpu-status')).toHaveAttribute('data-available', 'false');
  await page.getByLabel('Sentences to compare').fill('Kelp drying sheds\nThe kelp drying sheds at Pellan');
  await page.getByRole('button', { name: 'Embed and compare' }).click();
  await expect(page.getByRole('table', { name: 'Embedding results' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('embedder-status')).toHaveAttribute('data-device', 'wasm');
  const row = page.getByRole('table', { name: 'Embedding results' }).locator('tbody tr').first();
  expect(Number(await row.getAttribute('data-norm'))).toBeCloseTo(1, 4);
  // Chat still answers: the lab engine runs jax-js compiled to WebAssembly in its worker.
  await page.goto('./#/chat');
  await page.getByLabel('Use retrieval').uncheck();
  await chatMaxTokens(page, 8);
  await page.getByLabel('Ask a question').fill('Hello?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('article.turn').last()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('models-status')).toHaveAttribute('data-llm-device', 'wasm');
});

test('a broken models/catalog.json is reported, and the online models are still offered; with the catalog back, a local model whose files are missing fails with a message that says what to check', async ({ page }) => {
  await page.route('**/models/catalog.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "embedders": [' }));
  await page.goto('./#/models');
  await expect(page.getByRole('alert')).toContainText('models/catalog.json is not valid JSON');
  const options = page.getByLabel('Embedder', { exact: true }).locator('option');
  // The online ones first (online, with WebGPU), then the site's built-in one.
  await expect(options).toHaveCount(3);
  await expect(options.first()).toContainText('all-MiniLM-L6-v2');
  await expect(options.last()).toContainText('Built-in lexical embedder');

  await page.unroute('**/models/catalog.json');
  await page.route('**/models/tiny-embedder/onnx/model.onnx', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.getByRole('button', { name: 'Load embedder' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load the embedder', { timeout: 60_000 });
  await expect(alert).toContainText('the pack has no onnx/model.onnx for this model');
  await expect(alert).toContainText('Check that the pack folder contains');
  await expect(page.getByTestId('embedder-status')).toHaveAttribute('data-model', '');
});
