// The second retrieval stage in the built site: the fixture cross-encoder
// (idf-weighted overlap of distinct words) in the rerank worker.
import { expect, test, type Page } from '@playwright/test';
import { readStore } from './idb';
import { addDemoQaSet, importDemoLibrary } from './helpers';


const files = ['honey-and-bees.txt', 'glossary.md', 'history.md', 'kelp-harvest-guide.md', 'sheep-and-wool.md', 'seed-bank-procedures.md'].map((f) => `public/demo/docs/${f}`);

async function search(page: Page, query: string) {
  await page.getByLabel('Search documents').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

test('"Rerank" in Library search reorders as the fixture rule predicts, showing reranker score and first-stage rank', async ({ page }) => {
  // Six documents, indexed here: the expected orders below are those of this small library.
  await page.goto('./');
  await page.getByLabel('Add documents').setInputFiles(files);
  await expect(page.locator('tr[data-status="indexed"]')).toHaveCount(files.length, { timeout: 90_000 });
  await page.getByLabel('Retrieval mode').selectOption('lexical');
  const results = page.getByRole('list', { name: 'Search results' });
  const summary = page.getByTestId('retrieval-summary');
  // BM25 counts the repeated "kelp"; the cross-encoder counts each distinct word once, by rarity: "wool" and "shearing" win.
  const query = 'kelp kelp kelp kelp wool shearing';
  await search(page, query);
  await expect(results.locator('li').first()).toHaveAttribute('data-doc', 'kelp-harvest-guide.md');
  await expect(page.getByTestId('rerank-score')).toHaveCount(0);

  await page.getByLabel('Rerank', { exact: true }).check();
  await expect(page.getByLabel('Reranker')).toHaveValue('local/tiny-reranker');
  await expect(page.getByLabel('Rerank top N')).toHaveValue('30');
  await search(page, query);
  await expect(summary).toContainText('reranked top');
  const first = results.locator('li').first();
  await expect(first).toHaveAttribute('data-doc', 'sheep-and-wool.md');
  await expect(first).not.toHaveAttribute('data-first-stage-rank', '1');
  await expect(first.getByTestId('rerank-score')).toContainText(/reranker \d+\.\d{3} \(was #\d+\)/);
  // The reranker's order is by its score, highest first.
  const scores = (await page.getByTestId('rerank-score').allTextContents()).map((t) => Number(/reranker ([\d.]+)/.exec(t)![1]));
  expect(scores.length).toBe(5);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  // The same query again: every pair comes from the session cache.
  await search(page, query);
  await expect(summary).toContainText(/reranked top (\d+) .*\((\1) cached\)/);
  // The toggle is a retrieval setting: it survives a reload.
  await page.reload();
  await expect(page.getByLabel('Rerank', { exact: true })).toBeChecked();
});

test('Evaluate: a run with reranking records the reranker and N, and shows hit@k and MRR next to a run without', async ({ page }) => {
  test.setTimeout(400_000);
  await importDemoLibrary(page);
  await addDemoQaSet(page);
  await page.getByLabel('Base model', { exact: true }).uncheck();
  for (const [label, value] of [['Question limit', 3], ['Max tokens', 4], ['Temperature', 0]] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
    await page.getByLabel(label, { exact: true }).blur();
  }
  const done = (n: number) => expect(page.locator('table[aria-label="Eval runs"] tr[data-status="done"]')).toHaveCount(n, { timeout: 240_000 });
  // First without reranking, then the same run with it, on the demo pack's test split.
  await page.getByRole('button', { name: 'Start run' }).click();
  await done(1);
  await page.getByLabel('Rerank', { exact: true }).check();
  await page.getByLabel('Rerank top N').fill('10');
  await page.getByRole('button', { name: 'Start run' }).click();
  await done(2);
  const runs = await readStore(page, 'evalRuns');
  const reranked = runs.find((r) => r.provenance.reranker);
  const plain = runs.find((r) => !r.provenance.reranker);
  expect(reranked!.provenance.reranker).toEqual({ modelId: 'local/tiny-reranker', topN: 10 });
  expect(reranked!.config.retrieval.rerank).toEqual({ modelId: 'local/tiny-reranker', topN: 10 });
  expect(plain!.provenance.reranker).toBeNull();
  const results = await readStore(page, 'evalResults');
  expect(results.filter((r) => r.runId === reranked!.id).map((r) => r.key).sort()).toEqual(['rag:n003', 'rag:n006', 'rag:s003']);
  await expect(page.getByTestId('provenance')).toContainText('reranked: top 10 by local/tiny-reranker');
  await expect(page.getByRole('table', { name: 'Metrics' }).locator('tr[data-metric="hit"] td').first()).toHaveText(/%\s\[/);
  // Side by side: the setting that differs, and hit@k and MRR of both runs.
  await page.getByLabel('Compare with run').selectOption({ index: 1 });
  await expect(page.getByRole('table', { name: 'Setting differences' })).toContainText('retrieval.rerank.modelId');
  const diff = page.getByRole('table', { name: 'Metric differences' });
  await expect(diff).toContainText('Retrieval hit@k');
  await expect(diff).toContainText('MRR');
});
