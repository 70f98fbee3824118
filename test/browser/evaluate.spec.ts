import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { putRecord, readStore, type Stored } from './idb';
import { addDemoQaSet, importDemoLibrary } from './helpers';


async function loadDemo(page: Page) {
  await importDemoLibrary(page);
  await addDemoQaSet(page);
}

async function configure(page: Page, { limit, maxTokens, temperature, seed }: { limit: number; maxTokens: number; temperature: number; seed: number }) {
  for (const [label, value] of [['Question limit', limit], ['Max tokens', maxTokens], ['Temperature', temperature], ['Seed', seed]] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
    await page.getByLabel(label, { exact: true }).blur();
  }
}

const waitForRuns = (page: Page, n: number) => expect(page.locator('table[aria-label="Eval runs"] tr[data-status="done"]')).toHaveCount(n, { timeout: 240_000 });

test('a small eval over base and RAG: metrics, charts, per-question table, JSON export that matches the store, and an offline HTML report; a reload mid-run resumes a second run, keeping its saved answers', async ({ page }) => {
  test.setTimeout(420_000);
  await loadDemo(page);
  // The fine-tuned modes are listed, unavailable, with the reason.
  await expect(page.getByLabel('Fine-tuned', { exact: true })).toBeDisabled();
  await expect(page.getByTestId('ft-unavailable')).toContainText('No fine-tuned model is registered yet');
  await configure(page, { limit: 3, maxTokens: 4, temperature: 0, seed: 42 });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByLabel('Eval progress')).toBeVisible();
  await waitForRuns(page, 1);

  const [run] = await readStore(page, 'evalRuns');
  const stored = await readStore(page, 'evalResults');
  expect(stored.map((r) => r.key).sort()).toEqual(['base:n003', 'base:n006', 'base:s003', 'rag:n003', 'rag:n006', 'rag:s003']);
  // Provenance: everything needed to reproduce the run.
  expect(run!.provenance).toMatchObject({ qaSetName: expect.stringContaining('Skerrow'), appVersion: '0.1.0', embedderId: 'local/tiny-embedder', adapter: null });
  expect(run!.provenance.qaSetHash).toMatch(/^[0-9a-f]{64}$/);
  expect(String(run!.provenance.gpuAdapter)).toContain('swiftshader');
  // The demo pack's gold documents are retrievable: retrieval metrics are measured for RAG, absent for the base model.
  expect(stored.filter((r) => r.mode === 'rag').every((r) => r.scores.hit !== null)).toBe(true);
  expect(stored.filter((r) => r.mode === 'base').every((r) => r.scores.hit === null)).toBe(true);

  const metricsTable = page.getByRole('table', { name: 'Metrics' });
  await expect(metricsTable.locator('tr[data-metric="hit"] td').nth(0)).toHaveText('–');
  await expect(metricsTable.locator('tr[data-metric="hit"] td').nth(1)).toHaveText(/%\s\[/);
  // Charts: Plot draws one bar per mode that has the metric.
  await expect(page.locator('figure[data-metric="total"] svg[aria-label="Total time per answer by mode"] rect')).toHaveCount(2);
  await expect(page.locator('figure[data-metric="hit"] svg rect')).toHaveCount(1);
  // Per question: three rows; a row opens the prompts, answers and sources.
  const perQuestion = page.getByRole('table', { name: 'Per question' });
  await expect(perQuestion.locator('tr[data-item]')).toHaveCount(3);
  await perQuestion.getByRole('button', { name: 's003' }).click();
  await expect(perQuestion.locator('.item-details article')).toHaveCount(2);
  await expect(perQuestion.locator('.item-details article[data-mode="rag"] ol[aria-label="Sources"] li')).toHaveCount(3);
  await expect(perQuestion.locator('.item-details article[data-mode="base"] ol[aria-label="Sources"]')).toHaveCount(0);

  // JSON export: parses, and holds exactly the stored results.
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8')) as { run: Stored<'evalRuns'>; results: Stored<'evalResults'>[]; summary: Record<string, unknown> };
  expect(exported.run.id).toBe(run!.id);
  expect(exported.results).toEqual([...stored].sort((a, b) => a.key.localeCompare(b.key)));
  expect(Object.keys(exported.summary).sort()).toEqual(['base', 'rag']);

  // CSV: a header and one row per result.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toMatch(/^run_id,mode,item_id,question,output,sources,em,f1/);

  // The HTML report is self-contained: opened with every request blocked, nothing is requested and the charts are there.
  const htmlDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HTML report' }).click();
  const html = readFileSync(await (await htmlDownload).path(), 'utf8');
  expect(html).not.toMatch(/<script|<link|src="http/i);
  const report = await page.context().newPage();
  const requests: string[] = [];
  await report.route('**/*', (route) => (requests.push(route.request().url()), route.abort()));
  await report.setContent(html);
  await expect(report.locator('svg[aria-label="Retrieval hit@k by mode"]')).toHaveCount(1);
  await expect(report.getByRole('heading', { name: 'Per question' })).toBeVisible();
  expect(requests).toEqual([]);
  await report.close();

  // A second run, reloaded mid-run, resumes: saved answers are kept, not generated again, and none is duplicated.
  await configure(page, { limit: 3, maxTokens: 6, temperature: 0, seed: 42 });
  await page.getByRole('button', { name: 'Start run' }).click();
  const secondRun = async () => (await readStore(page, 'evalRuns')).find((r) => r.id !== run!.id);
  const secondResults = async () => {
    const id = (await secondRun())?.id;
    return (await readStore(page, 'evalResults')).filter((r) => r.runId === id);
  };
  await expect.poll(async () => (await secondResults()).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  const before = await secondResults();
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Resumed' })).toBeVisible({ timeout: 60_000 });
  await waitForRuns(page, 2);
  const after = await secondResults();
  expect(after).toHaveLength(6);
  expect(new Set(after.map((r) => r.key)).size).toBe(6);
  // Results saved before the reload are the same records (same save time): they were skipped, not redone.
  for (const r of before) expect(after.find((a) => a.key === r.key)?.at).toBe(r.at);
  expect((await secondRun())!.status).toBe('done');
  // The first run is untouched.
  expect((await readStore(page, 'evalResults')).filter((r) => r.runId === run!.id)).toEqual(stored);
});

// The seed's reproducibility (same seed, same samples; another seed, others) is tested at unit level with the real
// lab engine (test/unit/eval/runner.test.ts); comparing two runs side by side is in rerank.spec.ts.

test('QA imports are validated with line numbers, and the leakage guard refuses questions used for training', async ({ page }) => {
  await page.goto('./#/evaluate');
  await page.getByLabel('Import QA set (JSONL or CSV)').setInputFiles({
    name: 'bad.jsonl', mimeType: 'application/jsonl',
    buffer: Buffer.from('{"question":"Fine?","answer":"yes"}\nnot json\n{"question":"No answer"}\n'),
  });
  const errors = page.getByRole('list', { name: 'Import errors' });
  await expect(errors.locator('li')).toHaveText(['Line 2: This line is not valid JSON.', 'Line 3: "answer" must be a non-empty string, or null for an unanswerable question.']);
  await expect(page.getByRole('table', { name: 'QA sets' })).toHaveCount(0);

  await page.getByLabel('Import QA set (JSONL or CSV)').setInputFiles({
    name: 'mine.csv', mimeType: 'text/csv',
    buffer: Buffer.from('question,answer,split\nWhen was the cooperative founded?,1962,test\nWho drives the tractor?,,test\n'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 questions from mine.csv' })).toBeVisible();
  // A fine-tune dataset trained on one of these questions (recorded by the Fine-tune view; written directly here).
  await putRecord(page, 'trainingUses', {
    datasetId: 'ds-1', datasetName: 'RAFT demo', qaSetId: 'other', itemIds: [], questionKeys: ['when was cooperative founded'], createdAt: 1,
  });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('alert')).toContainText('were used to build the fine-tune dataset "RAFT demo"');
  expect(await readStore(page, 'evalRuns')).toEqual([]);
});

test('QA synthesis: a model writes pairs for sampled passages, the filters judge them, a person edits and saves the set with a split', async ({ page }) => {
  test.setTimeout(240_000);
  await loadDemo(page);
  await page.getByLabel('Passages').fill('2');
  await page.getByLabel('Passages').blur();
  await page.getByLabel('Max tokens per pair').fill('16');
  await page.getByLabel('Max tokens per pair').blur();
  await page.getByRole('button', { name: 'Generate questions' }).click();
  // The random-weight fixture model cannot write JSON: both replies are rejected, with the reason.
  await expect(page.getByRole('status').filter({ hasText: '0 pairs kept, 2 rejected' })).toBeVisible({ timeout: 180_000 });
  await page.getByText('Rejected (2)').click();
  await expect(page.locator('ul[aria-label="Rejected pairs"] li').first()).toContainText('no question/answer/quote JSON in the reply');
  await page.getByRole('button', { name: 'Write one by hand' }).first().click();
  const pair = page.locator('fieldset.pair').first();
  await pair.getByLabel('Question').fill('Who wrote this passage?');
  await pair.getByLabel('Answer').fill('The cooperative');
  await page.getByLabel('QA set name').fill('Hand-written');
  await page.getByRole('button', { name: 'Save QA set' }).click();
  const row = page.getByRole('table', { name: 'QA sets' }).locator('tr', { hasText: 'Hand-written' });
  await expect(row).toContainText('generated');
  const sets = await readStore(page, 'qaSets');
  const saved = sets.find((s) => s.name === 'Hand-written')!;
  expect(saved.splitSeed).toBe(1);
  expect(saved.items).toHaveLength(1);
  expect(saved.items[0]).toMatchObject({ question: 'Who wrote this passage?', answer: 'The cooperative', split: expect.stringMatching(/train|test/) });
  expect(saved.items[0]!.doc_ids?.[0]).toMatch(/\.(md|txt|html|pdf)$/);
});
