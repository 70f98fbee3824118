// The persisted ingestion queue in real Chromium: a reload or a closed tab
// loses no file and doubles none, one tab works the queue while the others
// show its progress, and a crashed embed worker costs one retry, not a file.
import { readdirSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { consistent, putRecord, readStore, snapshot, type Stored } from './idb';
import { debugHooks } from './helpers';

const demoDir = 'public/demo/docs';
const all = readdirSync(demoDir).sort().map((f) => `${demoDir}/${f}`);
// A batch of 8 documents (enough to leave most of it queued when a test cuts indexing off early), and two more.
const batch = all.slice(0, 8);
const otherTwo = all.slice(8, 10);
const indexedRows = (page: Page) => page.getByRole('table', { name: 'Documents' }).locator('tbody tr[data-status="indexed"]');

/** Counts the embed and ingest workers a page starts (the built files keep the entry names). */
function countWorkers(page: Page): { embed: number; ingest: number } {
  const n = { embed: 0, ingest: 0 };
  page.on('worker', (w) => {
    if (/embed\.worker/.test(w.url())) n.embed++;
    if (/ingest\.worker/.test(w.url())) n.ingest++;
  });
  return n;
}

/** The whole batch stored, once each, the store consistent, and nothing left in the persisted queue. */
async function expectBatchOnce(page: Page): Promise<void> {
  await expect(indexedRows(page)).toHaveCount(batch.length, { timeout: 110_000 });
  await expect.poll(async () => (await readStore(page, 'ingestQueue')).length).toBe(0);
  const s = await snapshot(page);
  expect(s.docs.map((d) => d.name).sort()).toEqual(batch.map((f) => f.split('/').pop()).sort());
  expect(consistent(s)).toBe(true);
}

test.describe.configure({ timeout: 240_000 });

test('a reload after the third file is indexed leaves no partial document; the rest resume, and all 8 are indexed once', async ({ page }) => {
  await page.goto('./#/library');
  // The page reloads itself the moment the third row turns indexed: a poll from the test would see it
  // up to a second late, and on a quiet machine the whole batch can be done by then.
  await page.evaluate(() => {
    const indexed = () => document.querySelectorAll('tr[data-status="indexed"]').length;
    new MutationObserver((_, observer) => {
      if (indexed() < 3) return;
      observer.disconnect();
      location.reload();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
  await page.getByLabel('Add documents').setInputFiles(batch);
  const resumed = page.getByRole('status').filter({ hasText: 'still waiting to be indexed' });
  await expect(resumed).toContainText(/\d+ files? (were|was) still waiting/, { timeout: 60_000 });
  // Most of the batch was still queued when the page went away.
  expect(Number(/(\d+) files? (were|was) still waiting/.exec(await resumed.innerText())![1])).toBeGreaterThanOrEqual(4);
  // What the reload left is whole: every stored document has its text, chunks and vectors, and none is partial.
  const afterReload = await snapshot(page);
  expect(afterReload.docs.length).toBeLessThan(batch.length);
  expect(consistent(afterReload)).toBe(true);
  await expectBatchOnce(page);
});

test('closing the tab mid-ingest, then opening a new one: all 8 are indexed once', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('./#/library');
  await first.getByLabel('Add documents').setInputFiles(batch);
  await expect.poll(() => indexedRows(first).count(), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(1);
  await first.close();
  const next = await context.newPage();
  await next.goto('./#/library');
  // The closed tab had not finished: the new one resumes the rest of the persisted queue.
  await expect(next.getByRole('status').filter({ hasText: 'still waiting to be indexed' })).toBeVisible({ timeout: 60_000 });
  await expectBatchOnce(next);
});

async function twoTabs(context: BrowserContext) {
  const a = await context.newPage();
  const b = await context.newPage();
  const workers = { a: countWorkers(a), b: countWorkers(b) };
  await a.goto('./#/library');
  await b.goto('./#/library');
  await expect(b.getByText('No documents yet')).toBeVisible();
  return { a, b, workers };
}

test('two tabs: only one works the queue, and both show its progress', async ({ context }) => {
  const { a, b, workers } = await twoTabs(context);
  await a.getByLabel('Add documents').setInputFiles(batch);
  // The second tab shows the first tab's progress, and says whose it is.
  const progressA = a.getByRole('region', { name: 'Indexing progress' });
  const progressB = b.getByRole('region', { name: 'Indexing progress' });
  await expect(progressB).toContainText('Another RAG Lab tab is indexing these files');
  // Files added in the second tab while the first works join the same queue, worked by the first tab. Added at once,
  // while the first of the 8 files is still being worked (on a loaded machine, waiting longer let the first tab finish
  // the 8 first, and the second tab then rightly worked its own two).
  await b.getByLabel('Add documents').setInputFiles(otherTwo);
  await expect(progressA).not.toContainText('Another RAG Lab tab');
  await expect(progressA).toContainText(/Files \d+\/10/);
  await expect(progressB).toContainText(/Files \d+\/10/);
  await expect(indexedRows(a)).toHaveCount(10, { timeout: 150_000 });
  await expect(indexedRows(b)).toHaveCount(10);
  await expect(progressB).toHaveCount(0);
  expect((await snapshot(a)).docs).toHaveLength(10);
  expect(workers.a.embed).toBeGreaterThan(0);
  expect(workers.b).toEqual({ embed: 0, ingest: 0 });
});

test('two tabs: when the working tab closes, the other takes the queue over', async ({ context }) => {
  const { a, b, workers } = await twoTabs(context);
  await a.getByLabel('Add documents').setInputFiles(batch);
  // Closed as soon as the other tab shows the first file indexed: most of the batch is still to do.
  await expect.poll(() => indexedRows(b).count(), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(1);
  expect(workers.b.embed).toBe(0);
  await a.close();
  await expectBatchOnce(b);
  expect(workers.b.embed).toBeGreaterThan(0);
});

test('the embed worker crashes mid-batch: the file being embedded is retried in a fresh worker, and the batch completes', async ({ page }) => {
  const workers = countWorkers(page);
  const retried: string[] = [];
  page.on('console', (m) => {
    const hit = /^Retrying (.+) in a fresh worker: The embedding worker stopped/.exec(m.text());
    if (hit) retried.push(hit[1]!);
  });
  const hooks = await debugHooks(page);
  await page.goto('./#/library');
  await hooks.ready();
  // Armed first: the worker dies while the fourth file is being embedded (no race with the batch's speed).
  const crashed = page.evaluate(() => (window as unknown as { ragLabDebug: { crashEmbedWorker(skip: number): Promise<void> } }).ragLabDebug.crashEmbedWorker(3));
  await page.getByLabel('Add documents').setInputFiles(batch.slice(0, 8));
  await crashed;
  await expect(indexedRows(page)).toHaveCount(8, { timeout: 90_000 });
  await expect(page.locator('tr[data-status="failed"]')).toHaveCount(0);
  expect(retried).toHaveLength(1);
  expect((await snapshot(page)).docs.map((d) => d.name)).toContain(retried[0]);
  expect(workers.embed).toBe(2); // the crashed one and a fresh one
  expect(consistent(await snapshot(page))).toBe(true);
});

test('leftover files that cannot be read back are listed by name, to add again or forget', async ({ page }) => {
  await page.goto('./#/library');
  await expect(page.getByText('No documents yet')).toBeVisible();
  // A queue record whose file the browser can no longer read (here: a damaged record).
  // Deliberately not a valid record: the file is a string where a Blob belongs.
  const record = (name: string) => ({ name, size: 1200, source: { kind: 'file', file: 'lost' }, chunkOptions: { chunkTokens: 256, overlapTokens: 32 }, addedAt: 1 }) as unknown as Stored<'ingestQueue'>;
  await putRecord(page, 'ingestQueue', record('glossary.md'));
  await putRecord(page, 'ingestQueue', record('history.md'));
  await page.reload();
  const stuck = page.getByRole('alert').filter({ hasText: 'not indexed' });
  await expect(stuck).toContainText('2 files were not indexed');
  await expect(stuck.getByRole('list', { name: 'Files not indexed' })).toContainText('glossary.md');
  await expect(stuck.getByRole('list', { name: 'Files not indexed' })).toContainText('history.md');
  await page.getByLabel('Add them again').setInputFiles([`${demoDir}/glossary.md`, `${demoDir}/history.md`]);
  await expect(indexedRows(page)).toHaveCount(2, { timeout: 60_000 });
  await expect(stuck).toHaveCount(0);
  await expect.poll(async () => (await readStore(page, 'ingestQueue')).length).toBe(0);
  // Forget drops such leftovers without indexing anything.
  await putRecord(page, 'ingestQueue', record('water-rights.md'));
  await page.reload();
  await page.getByRole('button', { name: 'Forget' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not indexed' })).toHaveCount(0);
  expect(await readStore(page, 'ingestQueue')).toEqual([]);
  await expect(indexedRows(page)).toHaveCount(2);
});
