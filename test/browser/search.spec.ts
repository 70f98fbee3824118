// Library search, and where its vectors are stored (docs/retrieval.md). The first half runs as in a browser without
// the Origin Private File System (the page, and the search worker that compacts): every retrieval mode on the demo
// library, which keeps its vectors in IndexedDB Blob segments, the layout every library had before segment files.
// The second half gives the same library OPFS: its segments move to files (migration), leftovers of a tab closed in
// the middle of writing a segment file are removed, deleted documents' rows are dead until compaction reclaims them,
// the BM25 index comes back from its cache file, and a damaged file costs only its own documents. The checks read
// IndexedDB and OPFS directly.
import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { consistent, snapshot, type Snapshot } from './idb';
import { importDemoLibrary } from './helpers';

const demoFiles = readdirSync('public/demo/docs').sort().map((f) => `public/demo/docs/${f}`);

interface SegmentSummary {
  id: string;
  inFile: boolean;
  inBlob: boolean;
  rows: number;
  live: number;
  docs: number;
}

/** The segment records, read with the raw IndexedDB API (a Blob cannot leave the page, so only what is where). */
function segments(page: Page): Promise<{ segments: SegmentSummary[]; blocks: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('rag-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = (store: string) => new Promise<unknown[]>((resolve, reject) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    type Seg = { id: string; counts: number[]; vectors?: Blob; file?: { rows: number } };
    const segs = (await all('segments')) as Seg[];
    const blocks = (await all('vectors')).length;
    db.close();
    return {
      blocks,
      segments: segs.map((s) => {
        const live = s.counts.reduce((a, b) => a + b, 0);
        return { id: s.id, inFile: !!s.file, inBlob: s.vectors instanceof Blob, rows: s.file?.rows ?? live, live, docs: s.counts.length };
      }),
    };
  });
}

/** The files in the library's OPFS folder (null: there is no such folder). */
function vectorFiles(page: Page): Promise<string[] | null> {
  return page.evaluate(async () => {
    try {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('rag-lab-vectors');
      const names: string[] = [];
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return names.sort();
    } catch {
      return null;
    }
  });
}

const filesOf = (s: SegmentSummary[]) => s.flatMap((x) => [`${x.id}.codes`, `${x.id}.f32`]).sort();

async function vectorSearch(page: Page, query: string): Promise<string[]> {
  await page.getByLabel('Retrieval mode').selectOption('vector');
  await page.getByLabel('Search documents').fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const summary = page.getByTestId('retrieval-summary');
  await expect(summary).toHaveAttribute('data-mode', 'vector');
  await expect(summary).toContainText('recall@k vs exact 1.00');
  return page.getByRole('list', { name: 'Search results' }).locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-doc') ?? ''));
}

const query = 'thixotropic heather honey pressed from the comb';

test('"Search documents" ranks the document sharing rare words first, in lexical and hybrid modes; the graph modes show knowledge-graph paths and rank the chunks that state them; search follows the library as documents are deleted and added; all of it without OPFS, then the library moves to OPFS segment files: a write cut off by a closed tab leaves nothing, deleted rows are reclaimed, a damaged file is reported', async ({ context }) => {
  test.setTimeout(180_000);
  const page = await context.newPage();
  await page.addInitScript(() => delete (StorageManager.prototype as { getDirectory?: unknown }).getDirectory);
  await context.route(/search\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `delete StorageManager.prototype.getDirectory;\n${await response.text()}` });
  });
  await importDemoLibrary(page);
  // Without OPFS the search worker merged the imported blocks into Blob segments in IndexedDB.
  await expect.poll(async () => (await segments(page)).blocks, { timeout: 30_000 }).toBe(0);
  expect((await segments(page)).segments.every((s) => s.inBlob && !s.inFile)).toBe(true);
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

  // The library as it stands (25 documents in a Blob segment, the re-added one in its own block), before OPFS.
  const before = await snapshot(page);
  expect(consistent(before)).toBe(true);
  const found = await vectorSearch(page, query);
  expect(found[0]).toBe('honey-and-bees.txt');
  await page.close();
  await context.unroute(/search\.worker-[^/]*\.js$/);

  // 2. Leftovers of interrupted compactions, made in a page of the site that does not run the app: a complete pair of
  //    files that no record names (the tab closed between writing and committing), and a file whose writer never
  //    closed because its tab closed mid-write.
  const crash = await context.newPage();
  await crash.goto('./models/catalog.json');
  await crash.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('rag-lab-vectors', { create: true });
    for (const name of ['uncommitted.f32', 'uncommitted.codes']) {
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(new Uint8Array(4096).fill(7));
      await w.close();
    }
    const cut = await (await dir.getFileHandle('cut-off.f32', { create: true })).createWritable();
    await cut.write(new Uint8Array(1 << 20).fill(9));
    // No close(): the tab goes away with the write open.
  });
  await crash.close();

  // 3. The app, with OPFS: at start-up the search worker moves the Blob segments into files (one transaction each),
  //    removes the files no record names, and the library reads the same.
  const withFiles = await context.newPage();
  await withFiles.goto('./#/library');
  await expect.poll(async () => (await segments(withFiles)).segments.every((s) => s.inFile), { timeout: 30_000 }).toBe(true);
  const migrated = (await segments(withFiles)).segments;
  await expect.poll(() => vectorFiles(withFiles)).toEqual(filesOf(migrated));
  const after: Snapshot = await snapshot(withFiles);
  expect(after).toEqual(before);
  expect(await vectorSearch(withFiles, query)).toEqual(found);

  // 4. Deleting documents leaves their rows dead in the file (nothing is rewritten then) and out of every search;
  //    once more than a quarter of a segment is dead, the next compaction (here: the next start) rewrites it.
  const docs = [...after.docs].sort((a, b) => b.chunkCount - a.chunkCount);
  const total = docs.reduce((n, d) => n + d.chunkCount, 0);
  const victims = ['honey-and-bees.txt'];
  for (const d of docs) if (victims.reduce((n, v) => n + docs.find((x) => x.name === v)!.chunkCount, 0) < 0.3 * total && !victims.includes(d.name)) victims.push(d.name);
  for (const name of victims) {
    await withFiles.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(withFiles.getByRole('button', { name: `Delete ${name}` })).toHaveCount(0);
  }
  const withDead = (await segments(withFiles)).segments;
  expect(withDead.some((s) => s.rows > s.live)).toBe(true);
  const afterDelete = await vectorSearch(withFiles, query);
  expect(afterDelete.length).toBeGreaterThan(0);
  expect(afterDelete.filter((d) => victims.includes(d))).toEqual([]);
  const remaining = await snapshot(withFiles);
  expect(consistent(remaining)).toBe(true);

  await withFiles.reload();
  await expect.poll(async () => (await segments(withFiles)).segments.every((s) => s.rows === s.live), { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => vectorFiles(withFiles)).toEqual(filesOf((await segments(withFiles)).segments));
  expect(await snapshot(withFiles)).toEqual(remaining);
  expect((await vectorSearch(withFiles, query)).filter((d) => victims.includes(d))).toEqual([]);

  // The BM25 index came back from the worker's cache file (rag-lab-search/bm25.bin), patched to the library: the
  // deleted documents' words find nothing, the others' still do.
  expect(await withFiles.evaluate(async () => (await (await (await (await navigator.storage.getDirectory()).getDirectoryHandle('rag-lab-search')).getFileHandle('bm25.bin')).getFile()).size)).toBeGreaterThan(1000);
  await withFiles.getByLabel('Retrieval mode').selectOption('lexical');
  const lexicalResults = withFiles.getByRole('list', { name: 'Search results' }).locator('li');
  await withFiles.getByLabel('Search documents').fill('thixotropic');
  await withFiles.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(withFiles.getByTestId('retrieval-summary')).toHaveAttribute('data-mode', 'lexical');
  await expect(lexicalResults).toHaveCount(0);
  const kept = remaining.docs[0]!.name;
  await withFiles.getByLabel('Only in document').selectOption({ label: kept });
  await withFiles.getByLabel('Search documents').fill(remaining.chunks.find((c) => c.docId === remaining.docs[0]!.id)!.texts[0]!.split(/\s+/).slice(0, 6).join(' '));
  await withFiles.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(lexicalResults.first()).toHaveAttribute('data-doc', kept);

  // 5. A segment's codes file cut short on disk (the app closed first: its worker holds the files open): the library
  //    still searches the rest, and the summary says how many documents to re-index.
  const [damaged] = (await segments(withFiles)).segments;
  await withFiles.close();
  const disk = await context.newPage();
  await disk.goto('./models/catalog.json');
  await disk.evaluate(async (id) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('rag-lab-vectors');
    const w = await (await dir.getFileHandle(`${id}.codes`)).createWritable();
    await w.write(new Uint8Array(8));
    await w.close();
  }, damaged!.id);
  await disk.close();
  const again = await context.newPage();
  await again.goto('./#/library');
  await again.getByLabel('Retrieval mode').selectOption('vector');
  await again.getByLabel('Search documents').fill(query);
  await again.getByRole('button', { name: 'Search', exact: true }).click();
  const count = damaged!.docs;
  await expect(again.getByTestId('retrieval-summary')).toContainText(`The vectors of ${count} document(s) are missing or damaged on disk`);
  // BM25 still finds those documents.
  await again.getByLabel('Retrieval mode').selectOption('lexical');
  await again.getByLabel('Search documents').fill('barley harvest');
  await again.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(again.getByTestId('retrieval-summary')).toHaveAttribute('data-mode', 'lexical');
  await expect(again.getByRole('list', { name: 'Search results' }).locator('li').first()).toBeVisible();
});
