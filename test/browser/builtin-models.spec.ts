// The site's built-in models (public/builtin/) and what a failed model download
// costs (issue 25, sections 2 and 3): nothing. The model hosts are blocked with
// routes, as on a network that cannot reach them.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { addDemoQaSet, blockModelHosts, chatMaxTokens, nav } from './helpers';
import { snapshot } from './idb';

const demoDir = 'public/demo/docs';
const files = ['glossary.md', 'history.md', 'water-rights.md'].map((f) => `${demoDir}/${f}`);

/** How many files the persisted ingestion queue holds, read straight from IndexedDB. */
function persistedQueue(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('rag-lab');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const r = open.result.transaction('ingestQueue').objectStore('ingestQueue').count();
      r.onsuccess = () => (open.result.close(), resolve(r.result));
      r.onerror = () => reject(r.error);
    };
  }));
}

test('an embedder that cannot be downloaded loses nothing: one notice, the files stay queued, and the built-in model indexes them', async ({ page, context }) => {
  const tried = await blockModelHosts(context);
  // No pack: online, with WebGPU, the real (downloaded) models stay the default, and no line says otherwise.
  await page.route('**/models/catalog.json', (route) => route.fulfill({ status: 404, body: 'no pack' }));
  await page.goto('./#/models');
  await expect(page.getByLabel('Embedder', { exact: true })).toHaveValue('Xenova/all-MiniLM-L6-v2');
  await expect(page.getByTestId('builtin-notice')).toHaveCount(0);
  await nav(page, 'Library');
  await page.getByLabel('Add documents').setInputFiles(files);

  const notice = page.getByTestId('download-notice');
  await expect(notice).toContainText('all-MiniLM-L6-v2', { timeout: 60_000 });
  await expect(notice).toContainText('huggingface.co');
  await expect(notice).toContainText('(3)');
  expect(tried.some((u) => u.includes('Xenova/all-MiniLM-L6-v2'))).toBe(true);
  // One notice for the three files; none of them failed, all wait, also in the persisted queue.
  await expect(notice).toHaveCount(1);
  await expect(page.locator('tr[data-status="queued"]')).toHaveCount(3);
  await expect(page.locator('tr[data-status="failed"]')).toHaveCount(0);
  expect(await persistedQueue(page)).toBe(3);

  // Trying again with the host still blocked: the same one notice, nothing lost.
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('tr[data-status="queued"]')).toHaveCount(3);
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('(3)');

  // A reload keeps them too: the page resumes the queue and meets the same blocked host.
  await page.reload();
  await expect(page.getByTestId('download-notice')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('tr[data-status="queued"]')).toHaveCount(3);
  await expect(page.locator('tr[data-status="failed"]')).toHaveCount(0);
  expect(await persistedQueue(page)).toBe(3);

  // The built-in model indexes the waiting files, from this site.
  await page.getByTestId('download-notice').getByRole('button', { name: /Use the built-in model/ }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(3, { timeout: 90_000 });
  await expect(page.getByTestId('download-notice')).toHaveCount(0);
  expect(await persistedQueue(page)).toBe(0);
  const { docs } = await snapshot(page);
  expect(docs.map((d) => [d.name, d.embedderId]).sort()).toEqual(files.map((f) => [f.split('/').pop(), 'builtin/lexical-embedder']));
  await nav(page, 'Models');
  await expect(page.getByTestId('embedder-status')).toHaveAttribute('data-model', 'builtin/lexical-embedder');
});

test('a chat model that cannot be downloaded loses nothing in Chat, Compare and Evaluate: one notice each, the work waits, Try again runs it', async ({ page, context }) => {
  test.setTimeout(240_000);
  const tried = await blockModelHosts(context);
  const hub = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
  // The built-in catalog with an LLM, as it will list the project's reader: here the pack's tiny Llama stands in for it.
  const builtin = JSON.parse(readFileSync('public/builtin/catalog.json', 'utf8'));
  builtin.llms = [{ id: 'builtin/stand-in-reader', label: 'Stand-in reader', path: '../models/tiny-llama', engine: 'lab', family: 'llama', quantization: 'q0f32' }];
  await page.route('**/builtin/catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(builtin) }));
  await page.goto('./#/chat');
  // Online with WebGPU, the built-in LLM is offered last, not as the default.
  const options = page.getByRole('combobox', { name: 'Model', exact: true }).locator('option');
  await expect(options.last()).toHaveAttribute('value', 'builtin/stand-in-reader');
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('local/tiny-llama');
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption(hub);
  await page.getByLabel('Use retrieval').uncheck();
  await chatMaxTokens(page, 4);
  await page.getByLabel('Ask a question').fill('Who was the first chairwoman?');
  await page.getByRole('button', { name: 'Send' }).click();
  const notice = page.getByTestId('download-notice');
  await expect(notice).toContainText('SmolLM2-360M-Instruct-q4f32_1', { timeout: 90_000 });
  await expect(notice).toContainText('huggingface.co');
  expect(tried.some((u) => u.includes(hub))).toBe(true);
  // The question stays, stopped rather than failed, and the notice is the one message.
  const turn = page.locator('article.turn');
  await expect(turn).toHaveCount(1);
  await expect(turn).toHaveAttribute('data-status', 'stopped');
  await expect(turn).toContainText('Who was the first chairwoman?');
  await expect(turn.getByRole('alert')).toHaveCount(0);
  await expect(notice).toHaveCount(1);
  // Try again with the host still blocked: the same one notice.
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(turn).toHaveAttribute('data-status', 'stopped', { timeout: 90_000 });
  await expect(notice).toHaveCount(1);
  await expect(turn).toHaveCount(1);
  // The built-in model asks the same question again, in place of the stopped turn, and stays chosen.
  await notice.getByRole('button', { name: /Use the built-in model: Stand-in reader/ }).click();
  await expect(turn).toHaveCount(1);
  await expect(turn).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(turn).toContainText('Who was the first chairwoman?');
  await expect(turn).toContainText('Stand-in reader');
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('builtin/stand-in-reader');

  // Compare: the grid stops with its cells queued, under one notice.
  await nav(page, 'Compare');
  await page.getByRole('combobox', { name: 'Base model' }).selectOption(hub);
  await page.getByLabel('Question to compare').fill('When does the kelp harvest season run?');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(notice).toHaveCount(1, { timeout: 90_000 });
  await expect(notice).toContainText('SmolLM2-360M-Instruct-q4f32_1');
  await expect(page.getByRole('article', { name: 'Base model, no retrieval' })).toHaveAttribute('data-status', 'queued');
  await expect(page.locator('article.cell[data-status="failed"]')).toHaveCount(0);
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(notice).toHaveCount(1, { timeout: 90_000 });
  await expect(page.locator('article.cell[data-status="failed"]')).toHaveCount(0);

  // Evaluate: the run stops, kept and resumable, under one notice.
  await addDemoQaSet(page);
  await page.getByRole('combobox', { name: 'Base model' }).selectOption(hub);
  await page.getByLabel('Question limit', { exact: true }).fill('2');
  await page.getByLabel('Question limit', { exact: true }).blur();
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(notice).toHaveCount(1, { timeout: 90_000 });
  await expect(notice).toContainText('SmolLM2-360M-Instruct-q4f32_1');
  const runs = page.locator('table[aria-label="Eval runs"] tbody tr');
  await expect(runs).toHaveCount(1);
  await expect(runs.first()).toHaveAttribute('data-status', 'cancelled');
});
