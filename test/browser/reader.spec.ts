// The built-in reader (public/builtin/rag-lab-reader), as a first visit with no network, no pack and no WebGPU gets
// it: the whole base / RAG / fine-tune / RAG + FT flow on WebAssembly, with a model whose answers mean something.
// The documents and questions are the reader's own held-out items (test/fixtures/reader-heldout, written by
// scripts/reader/heldout-fixture.py): invented facts it never saw, in English and Chinese.
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { blockModelHosts, nav, setField as set } from './helpers';
import { readStore } from './idb';

const fixture = 'test/fixtures/reader-heldout';
const docs = readdirSync(`${fixture}/docs`).sort().map((f) => `${fixture}/docs/${f}`);

const reader = 'builtin/rag-lab-reader';

test('a first visit with no pack and no WebGPU, the model hosts blocked: the built-in models are the defaults and index the files; the reader answers held-out questions with retrieval that it cannot answer without; a short in-tab fine-tune registers "reader + adapter", which answers in the RAG + FT cell', async ({ page, context }) => {
  test.setTimeout(300_000);
  const tried = await blockModelHosts(context);
  await page.route('**/models/catalog.json', (route) => route.fulfill({ status: 404, body: 'no pack' }));
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
  await page.goto('./#/library');
  const line = page.getByTestId('builtin-notice');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('no WebGPU');
  await expect(line.getByRole('link', { name: 'Real models are in Models.' })).toHaveAttribute('href', '#/models');
  await page.getByLabel('Add documents').setInputFiles(docs);
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(docs.length, { timeout: 150_000 });
  await expect(page.locator('tr[data-status="failed"]')).toHaveCount(0);
  expect(tried).toEqual([]);
  await nav(page, 'Models');
  await expect(page.getByLabel('Embedder', { exact: true })).toHaveValue('builtin/lexical-embedder');
  await expect(page.getByTestId('embedder-status')).toHaveAttribute('data-device', 'wasm');

  // Base and RAG on the 10 items of the test split, greedy: the reader is the default LLM.
  await nav(page, 'Evaluate');
  await page.getByLabel('Import QA set (JSONL or CSV)').setInputFiles(`${fixture}/qa.jsonl`);
  await expect(page.getByRole('table', { name: 'QA sets' })).toContainText('4 / 10');
  await expect(page.getByRole('combobox', { name: 'Base model' })).toHaveValue(reader);
  await set(page, 'Question limit', 10);
  await set(page, 'Max tokens', 40);
  await set(page, 'Temperature', 0);
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.locator('table[aria-label="Eval runs"] tr[data-status="done"]')).toHaveCount(1, { timeout: 200_000 });
  const results = await readStore(page, 'evalResults');
  const contains = (mode: string) => results.filter((r) => r.mode === mode && r.scores.contains === 1).length;
  expect(results.filter((r) => r.mode === 'rag')).toHaveLength(10);
  expect(contains('rag')).toBeGreaterThan(contains('base'));

  // A short fine-tune in the tab (on WebAssembly: no WebGPU here), merged and registered as "reader + adapter".
  await nav(page, 'Fine-tune');
  await page.getByLabel('Kind').selectOption('sft');
  await set(page, 'Questions (at most)', 4);
  await page.getByLabel('Dataset name').fill('reader-sft');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('table', { name: 'Datasets' }).locator('tr[data-kind="sft"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByLabel('Base to train').selectOption(reader);
  for (const [label, value] of [['Steps (blank: from epochs)', 4], ['Learning rate', '0.001'], ['Batch size', 1], ['Max length (tokens)', 128], ['Checkpoint every (steps)', 4], ['Validate every (steps)', 4], ['Warm-up share', 0]] as const) await set(page, label, value);
  await page.getByLabel('Name of the new adapter').fill('demo');
  await page.getByRole('button', { name: 'Check and estimate' }).click();
  await expect(page.getByTestId('train-estimate')).toContainText(/Memory about .* Time about/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('train-done')).toContainText(/Trained and merged: RAG Lab reader .* \+ demo/, { timeout: 120_000 });

  // Compare: the merged reader answers in the RAG + FT cell, from cited sources.
  await nav(page, 'Compare');
  await expect(page.getByRole('combobox', { name: 'Fine-tuned model', exact: true })).toHaveValue(/^builtin\/rag-lab-reader\+demo-/);
  await page.getByText('Sampling and prompt').click();
  await set(page, 'Max tokens', 40);
  await page.getByLabel('Question to compare').fill('Where is the Korlutal Clinic located?');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const cell = page.getByRole('article', { name: 'Fine-tuned with retrieval (RAG + FT)' });
  await expect(cell).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  // The reader quotes the one source it reads, whole, with its citation, or says it does not know (quoteConstraint).
  expect((await cell.getByTestId('answer').innerText()).trim()).toMatch(/ \[1\]\.$|^I don't know based on the provided documents\.$/);
  await expect(cell).toContainText('+ demo');
  expect(tried).toEqual([]);
});
