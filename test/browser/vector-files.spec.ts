// Vector segment files in the Origin Private File System (docs/retrieval.md): the layout without OPFS, the migration
// of IndexedDB segments to files, a tab closed in the middle of writing a segment file, and deleted documents'
// dead rows, reclaimed by compaction. All through the built app; the checks read IndexedDB and OPFS directly.
import { expect, test, type Page } from '@playwright/test';
import { consistent, snapshot, type Snapshot } from './idb';
import { importDemoLibrary } from './helpers';

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

test('without OPFS vectors stay in IndexedDB; with it they move to segment files, a write cut off by a closed tab leaves nothing, and deleted documents\' rows are reclaimed', async ({ context }) => {
  // 1. A browser without OPFS (the page and the search worker, which compacts): the demo library's vectors are merged
  //    into Blob segments in IndexedDB, the layout every library had before segment files.
  const noFiles = await context.newPage();
  await noFiles.addInitScript(() => delete (StorageManager.prototype as { getDirectory?: unknown }).getDirectory);
  await context.route(/search\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `delete StorageManager.prototype.getDirectory;\n${await response.text()}` });
  });
  await importDemoLibrary(noFiles);
  await expect.poll(async () => (await segments(noFiles)).blocks, { timeout: 30_000 }).toBe(0);
  const inBlobs = (await segments(noFiles)).segments;
  expect(inBlobs.length).toBeGreaterThan(0);
  expect(inBlobs.every((s) => s.inBlob && !s.inFile)).toBe(true);
  const before = await snapshot(noFiles);
  expect(consistent(before)).toBe(true);
  const found = await vectorSearch(noFiles, query);
  expect(found[0]).toBe('honey-and-bees.txt');
  await noFiles.close();
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
  const page = await context.newPage();
  await page.goto('./#/library');
  await expect.poll(async () => (await segments(page)).segments.every((s) => s.inFile), { timeout: 30_000 }).toBe(true);
  const migrated = (await segments(page)).segments;
  await expect.poll(() => vectorFiles(page)).toEqual(filesOf(migrated));
  const after: Snapshot = await snapshot(page);
  expect(after).toEqual(before);
  expect(await vectorSearch(page, query)).toEqual(found);

  // 4. Deleting documents leaves their rows dead in the file (nothing is rewritten then) and out of every search;
  //    once more than a quarter of a segment is dead, the next compaction (here: the next start) rewrites it.
  const docs = [...after.docs].sort((a, b) => b.chunkCount - a.chunkCount);
  const total = docs.reduce((n, d) => n + d.chunkCount, 0);
  const victims = ['honey-and-bees.txt'];
  for (const d of docs) if (victims.reduce((n, v) => n + docs.find((x) => x.name === v)!.chunkCount, 0) < 0.3 * total && !victims.includes(d.name)) victims.push(d.name);
  for (const name of victims) {
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(page.getByRole('button', { name: `Delete ${name}` })).toHaveCount(0);
  }
  const withDead = (await segments(page)).segments;
  expect(withDead.some((s) => s.rows > s.live)).toBe(true);
  const results = await vectorSearch(page, query);
  expect(results.length).toBeGreaterThan(0);
  expect(results.filter((d) => victims.includes(d))).toEqual([]);
  const remaining = await snapshot(page);
  expect(consistent(remaining)).toBe(true);

  await page.reload();
  await expect.poll(async () => (await segments(page)).segments.every((s) => s.rows === s.live), { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => vectorFiles(page)).toEqual(filesOf((await segments(page)).segments));
  expect(await snapshot(page)).toEqual(remaining);
  expect((await vectorSearch(page, query)).filter((d) => victims.includes(d))).toEqual([]);

  // The BM25 index came back from the worker's cache file (rag-lab-search/bm25.bin), patched to the library: the
  // deleted documents' words find nothing, the others' still do.
  expect(await page.evaluate(async () => (await (await (await (await navigator.storage.getDirectory()).getDirectoryHandle('rag-lab-search')).getFileHandle('bm25.bin')).getFile()).size)).toBeGreaterThan(1000);
  await page.getByLabel('Retrieval mode').selectOption('lexical');
  const lexicalResults = page.getByRole('list', { name: 'Search results' }).locator('li');
  await page.getByLabel('Search documents').fill('thixotropic');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('retrieval-summary')).toHaveAttribute('data-mode', 'lexical');
  await expect(lexicalResults).toHaveCount(0);
  const kept = remaining.docs[0]!.name;
  await page.getByLabel('Only in document').selectOption({ label: kept });
  await page.getByLabel('Search documents').fill(remaining.chunks.find((c) => c.docId === remaining.docs[0]!.id)!.texts[0]!.split(/\s+/).slice(0, 6).join(' '));
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(lexicalResults.first()).toHaveAttribute('data-doc', kept);

  // 5. A segment's codes file cut short on disk (the app closed first: its worker holds the files open): the library
  //    still searches the rest, and the summary says how many documents to re-index.
  const [damaged] = (await segments(page)).segments;
  await page.close();
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
});
