import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importDemoLibrary } from './helpers';

const demoFiles = readdirSync('public/demo/docs').sort().map((f) => `public/demo/docs/${f}`);

test('"Search documents" ranks the document sharing rare words first, in lexical and hybrid modes; the graph modes show knowledge-graph paths and rank the chunks that state them; search follows the library as documents are deleted and added', async ({ page }) => {
  await importDemoLibrary(page);
  const results = page.getByRole('list', { name: 'Search results' });
  const summary = page.getByTestId('retrieval-summary');
  for (const [mode, label] of [['lexical', 'Lexical: BM25'], ['hybrid', 'Hybrid: vectors + BM25'], ['vector', 'Vector: embedding']] as const) {
    await page.getByLabel('Retrieval mode').selectOption(mode);
    await page.getByLabel('Search documents').fill('thixotropic heather honey pressed from the comb');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(summary).toHaveAttribute('data-mode', mode);
    await expect(summary).toContainText(label);
    await expect(results.locator('li').first()).toHaveAttribute('data-doc', 'honey-and-bees.txt');
    await expect(results.locator('li').first()).toContainText('thixotropic');
  }
  await expect(summary).toContainText('recall@k vs exact 1.00');
  // The PDF's pages reach the results, for citations.
  await page.getByLabel('Retrieval mode').selectOption('lexical');
  await page.getByLabel('Search documents').fill('mill wheel repair');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(results.locator('li').first()).toContainText('annual-report-2025.pdf');
  await expect(results.locator('li').first()).toContainText('page 2');
  // The document filter keeps results to one document.
  await page.getByLabel('Only in document').selectOption({ label: 'history.md' });
  await page.getByLabel('Search documents').fill('barley');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(results.locator('li').first()).toHaveAttribute('data-doc', 'history.md');
  await expect(results.locator('li:not([data-doc="history.md"])')).toHaveCount(0);
  // The mode is a setting: it survives a reload.
  await page.reload();
  await expect(page.getByLabel('Retrieval mode')).toHaveValue('lexical');

  // The graph modes, on the same library (its triples were extracted as it was indexed, and came with the import;
  // the document filter went with the reload).
  const paths = page.getByRole('list', { name: 'Reasoning paths' });
  for (const mode of ['graph', 'hybrid-graph'] as const) {
    await page.getByLabel('Retrieval mode').selectOption(mode);
    await page.getByLabel('Search documents').fill('Who owns the lighthouse tower?');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(summary).toHaveAttribute('data-mode', mode);
    // The triples stored with each document were loaded by the search worker.
    await expect(paths.locator('li').first()).toContainText('lighthouse tower → owned_by → Harbour Board');
    await expect(results.locator('li[data-doc="lighthouse-cottage.md"]').first()).toContainText('graph path source #1');
  }
  await expect(results.locator('li').first()).toHaveAttribute('data-doc', 'lighthouse-cottage.md');
  // Two hops across documents: the cottage's rent, its fund, and the storm the fund was created after.
  await page.getByLabel('Retrieval mode').selectOption('graph');
  await page.getByLabel('Search documents').fill('The rent from the cottage goes into a fund created after which event?');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(paths).toContainText('rent → paid_into → seawall fund → created_after → storm');
  await expect(results.locator('li[data-doc="history.md"]')).not.toHaveCount(0);

  // Search follows the library: a deleted document no longer appears, and one added in the page does.
  await page.getByLabel('Retrieval mode').selectOption('hybrid');
  const search = async (query: string) => {
    await page.getByLabel('Search documents').fill(query);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  };
  await page.getByRole('button', { name: 'Delete honey-and-bees.txt' }).click();
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(25);
  await search('thixotropic honey');
  await expect(summary).toContainText('from 25 document(s)');
  await expect(results.locator('li[data-doc="honey-and-bees.txt"]')).toHaveCount(0);
  await page.getByLabel('Add documents').setInputFiles(demoFiles.filter((f) => f.endsWith('honey-and-bees.txt')));
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(26, { timeout: 60_000 });
  await search('thixotropic honey');
  await expect(summary).toContainText('from 26 document(s)');
  await expect(results.locator('li').first()).toHaveAttribute('data-doc', 'honey-and-bees.txt');
});
