// Training in the browser, end to end: a dataset from the demo pack, LoRA training on
// WebGPU (SwiftShader) with a live chart, merge, offered in Compare; a run cut off by a reload
// resumes to the same adapter as an uninterrupted one. Runs are 6 steps: that learning
// lowers the loss, resume equality over longer runs and a diverging run's stop are tested
// in Node (test/unit/finetune/train-run.test.ts; what Resume then offers, in
// test/unit/ui/train-runs.test.ts); WebGPU's gradients against PyTorch's in models.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { addDemoQaSet, debugHooks, nav, setField } from './helpers';

interface RunView {
  id: string;
  name: string;
  status: string;
  adapterHash?: string;
  mergedId?: string;
  step: number | null;
  losses: number[];
  lora: Record<string, number[]>;
}

/** The stored training runs, read with the raw IndexedDB API (typed arrays as plain numbers). */
function runs(page: Page): Promise<RunView[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('rag-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<any[]>((resolve, reject) => {
      const r = db.transaction('trainingRuns').objectStore('trainingRuns').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return all.map((r) => ({
      id: r.id, name: r.name, status: r.status, adapterHash: r.adapterHash, mergedId: r.mergedId, step: r.checkpoint?.step ?? null,
      losses: (r.checkpoint?.losses ?? []).map((l: { loss: number }) => l.loss),
      lora: Object.fromEntries(Object.entries(r.checkpoint?.state.lora ?? {}).flatMap(([k, p]: [string, any]) => [[`${k}.A`, [...p.A]], [`${k}.B`, [...p.B]]])),
    }));
  });
}
const run = async (page: Page, name: string) => (await runs(page)).find((r) => r.name === name);

/**
 * Logs the number of train-loss points in the chart each time the page changes, so that a run too
 * fast to watch by polling still shows whether its chart grew while it trained.
 */
function recordChartPoints(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { chartPoints: number[]; stats: string[] };
    w.chartPoints = [];
    w.stats = [];
    new MutationObserver(() => {
      const n = document.querySelectorAll('[data-testid="loss-chart"] g[aria-description="train loss"] circle').length;
      if (n !== w.chartPoints.at(-1)) w.chartPoints.push(n);
      const stats = document.querySelector('[data-testid="train-stats"]')?.textContent;
      if (stats && stats !== w.stats.at(-1)) w.stats.push(stats);
    }).observe(document.querySelector('main')!, { childList: true, subtree: true });
  });
}
const chartLog = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { chartPoints: number[]; stats: string[] };
  return { chartPoints: w.chartPoints, stats: w.stats };
});

/** Small, fast settings that still prove learning on the tiny fixture. */
async function fillSettings(page: Page, s: { steps: number; lr: string; checkpointEvery?: number }) {
  const set = (label: string, value: string) => setField(page, label, value);
  await set('Steps (blank: from epochs)', String(s.steps));
  await set('Learning rate', s.lr);
  await set('Batch size', '1');
  await set('Max length (tokens)', '64');
  await set('Checkpoint every (steps)', String(s.checkpointEvery ?? 3));
  await set('Validate every (steps)', '3');
  await set('Warm-up share', '0');
}

async function train(page: Page, name: string) {
  await page.getByLabel('Name of the new adapter').fill(name);
  await page.getByRole('button', { name: 'Check and estimate' }).click();
  await expect(page.getByTestId('train-estimate')).toContainText(/Memory about .* Time about/, { timeout: 60_000 });
  await expect(page.getByTestId('train-estimate')).toContainText('on WebGPU');
  await page.getByRole('button', { name: 'Start training' }).click();
}

test('train a LoRA on WebGPU from a demo-pack dataset, watch the loss chart, merge it, offered in Compare; a reloaded run resumes to the same adapter', async ({ page }) => {
  test.setTimeout(420_000);
  const hooks = await debugHooks(page);
  // The dataset needs no library (SFT), only the demo QA set.
  await page.goto('./#/library');
  await hooks.ready();
  await addDemoQaSet(page);
  await nav(page, 'Fine-tune');
  await page.getByLabel('Kind').selectOption('sft');
  await page.getByLabel('Questions (at most)').fill('6');
  await page.getByLabel('Questions (at most)').blur();
  await page.getByLabel('Dataset name').fill('sft-demo');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('table', { name: 'Datasets' }).locator('tr[data-kind="sft"]')).toHaveCount(1, { timeout: 60_000 });

  // Run A: uninterrupted. The chart gains a dot per step while it trains.
  await page.getByLabel('Base to train').selectOption('local/tiny-llama');
  await page.getByRole('button', { name: 'attention + MLP' }).click();
  // 6 steps of one example each over the 5 training examples (one of 6 is held out).
  await fillSettings(page, { steps: 6, lr: '0.01', checkpointEvery: 3 });
  await recordChartPoints(page);
  await train(page, 'run-a');
  await expect(page.getByTestId('train-done')).toContainText('Trained and merged: Tiny Llama fixture (random weights, test only) + run-a', { timeout: 120_000 });
  // The chart was redrawn as steps came in (at least three sizes seen), and ends with all six.
  const log = await chartLog(page);
  const seen = log.chartPoints.filter((n) => n > 0);
  expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
  expect(seen).toEqual([...seen].sort((x, y) => x - y));
  // The pace was shown while it trained.
  expect(log.stats.some((t) => /loss \d.* tokens\/s · \d+ ms per step · .* left/.test(t))).toBe(true);
  await expect(page.getByTestId('loss-chart').locator('g[aria-description="train loss"] circle')).toHaveCount(6);
  const a = (await run(page, 'run-a'))!;
  expect(a).toMatchObject({ status: 'done', step: 6 });
  expect(a.losses).toHaveLength(6);
  expect(a.mergedId).toMatch(/^local\/tiny-llama\+run-a-[0-9a-f]{8}$/);

  // Run B: the same settings and seed, cut off by a reload right after its checkpoint at step 3, then resumed.
  await page.evaluate(() => (window as unknown as { ragLabDebug: { holdTrainingAfterCheckpoint(step: number): void } }).ragLabDebug.holdTrainingAfterCheckpoint(3));
  await train(page, 'run-b');
  await expect.poll(async () => (await run(page, 'run-b'))?.step ?? 0, { timeout: 60_000 }).toBe(3);
  await page.reload();
  const row = page.getByRole('table', { name: 'Training runs' }).locator('tr', { hasText: 'run-b' });
  await expect(row).toContainText('stopped by a reload or a closed tab');
  await row.getByRole('button', { name: 'Resume run-b' }).click();
  await expect(page.getByTestId('train-done')).toContainText('+ run-b', { timeout: 120_000 });
  const b = (await run(page, 'run-b'))!;
  expect(b.status).toBe('done');
  // The same adapter, byte for byte (the merged ids differ only by name).
  expect(b.adapterHash).toBe(a.adapterHash);
  for (const [k, v] of Object.entries(a.lora)) v.forEach((x, i) => expect(Math.abs(b.lora[k]![i]! - x)).toBeLessThanOrEqual(1e-6));

  // The trained adapter is a fine-tuned model like an imported one: Compare offers it (finetune.spec.ts runs Compare's
  // four cells with a merged model).
  await nav(page, 'Compare');
  await expect(page.getByRole('combobox', { name: 'Fine-tuned model', exact: true }).locator(`option[value="${a.mergedId}"]`)).toHaveCount(1);
});
