// A failed download costs nothing: when the embedder cannot be downloaded, the
// LibraryService fails no file; every file stays queued (in memory and in the
// persisted queue), `blocked` names the model and host once, and retry() takes
// them up with the same embedder or another. Real parsers, the fixture embedder
// as "the built-in one", IndexedDB through fake-indexeddb.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Embedder } from '../../src/embed/embedder';
import { LibraryService, type EmbedPort, type LibraryDeps } from '../../src/library/library-service';
import { ModelDownloadError, ModelLoadError } from '../../src/shared/errors';
import { LibraryStore } from '../../src/store/library-store';
import { freshDb, nodeIngestPort, tinyEmbedderSpec } from './helpers';

const spec = tinyEmbedderSpec();
const builtin = { entry: spec.entry, source: spec.source };
const download = { kind: 'embedder' as const, modelId: 'Xenova/all-MiniLM-L6-v2', model: 'all-MiniLM-L6-v2 (English, 384-d)', host: 'huggingface.co' };
const embedder = new Embedder({ batchSize: 4 });
let job = 0;
const port: EmbedPort = { embed: (texts, kind, { onProgress }) => embedder.embed(++job, texts, kind, onProgress as never) };
const names = ['glossary.md', 'history.md', 'water-rights.md'];
const demoFile = (name: string) => new File([readFileSync(`public/demo/docs/${name}`)], name);

let store: LibraryStore;
/** Which embedder is chosen: the hub one, which cannot be downloaded, or the built-in one. */
let chosen: 'hub' | 'builtin';
let loads: number;
beforeAll(() => embedder.load(spec));
beforeEach(async () => {
  store = await freshDb(() => LibraryStore.open('blocked'));
  chosen = 'hub';
  loads = 0;
});

function service(overrides: Partial<LibraryDeps> = {}): LibraryService {
  return new LibraryService({
    store, ingest: nodeIngestPort(), chunkOptions: () => ({ chunkTokens: 64, overlapTokens: 8 }), onChange: () => undefined,
    embedder: async () => {
      loads++;
      if (chosen === 'hub') throw new ModelDownloadError('Could not load the embedder from the Hugging Face hub: Failed to fetch.', download);
      return { choice: builtin, port };
    },
    ...overrides,
  });
}

const states = (s: LibraryService) => s.queue.map((q) => [q.name, q.status.state]);

describe('when the embedder cannot be downloaded', () => {
  it('fails no file: all stay queued, in the list and in the persisted queue, and `blocked` names the model and host', async () => {
    const s = service();
    await s.addFiles(names.map(demoFile));
    expect(states(s)).toEqual(names.map((n) => [n, 'queued']));
    expect((await store.queue.list()).map((r) => r.name)).toEqual(names);
    expect(s.blocked).toEqual({ download, waiting: 3 });
    expect(s.busy).toBe(false);
    // One failed load stops the batch: it does not try the model once per file (the next two were warmed ahead).
    expect(loads).toBeLessThanOrEqual(3);
    expect(await store.listDocuments()).toEqual([]);
  });

  it('retry() with the built-in embedder chosen indexes every waiting file once, and the list keeps one line per file', async () => {
    const s = service();
    await s.addFiles(names.map(demoFile));
    chosen = 'builtin';
    await s.retry();
    expect(s.blocked).toBeNull();
    expect(states(s)).toEqual(names.map((n) => [n, 'indexed']));
    expect((await store.listDocuments()).map((d) => [d.name, d.embedderId])).toEqual(names.map((n) => [n, 'local/tiny-embedder']));
    expect(await store.queue.list()).toEqual([]);
  });

  it('retry() while the blocked batch is still compacting takes the files up in that same turn at the queue', async () => {
    // The batch ends with a compaction in the search worker; a person can click "Use the built-in model" before it returns.
    let finishCompaction = () => undefined as void;
    const compacting = new Promise<number>((resolve) => (finishCompaction = () => resolve(0)));
    let compactions = 0;
    const s = service({ compact: () => (++compactions === 1 ? compacting : Promise.resolve(0)) });
    const first = s.addFiles(names.map(demoFile));
    await expect.poll(() => s.blocked).not.toBeNull();
    chosen = 'builtin';
    const retried = s.retry();
    finishCompaction();
    await Promise.all([first, retried]);
    expect(states(s)).toEqual(names.map((n) => [n, 'indexed']));
    expect(await store.queue.list()).toEqual([]);
  });

  it('retry() with the same embedder still unreachable blocks again, still losing nothing', async () => {
    const s = service();
    await s.addFiles(names.map(demoFile));
    await s.retry();
    expect(s.blocked).toEqual({ download, waiting: 3 });
    expect(states(s)).toEqual(names.map((n) => [n, 'queued']));
    expect(await store.queue.list()).toHaveLength(3);
  });

  it('keeps files waiting across a reload: a new service resumes them and blocks again until the built-in one is chosen', async () => {
    await service().addFiles(names.map(demoFile));
    const next = service();
    expect((await next.resume()).waiting).toBe(3);
    await next.workQueue();
    expect(next.blocked?.waiting).toBe(3);
    chosen = 'builtin';
    await next.retry();
    expect(states(next)).toEqual(names.map((n) => [n, 'indexed']));
  });

  it('holds files that could not be saved in the persisted queue in memory, and indexes them on retry()', async () => {
    const s = service();
    store.queue.enqueue = async () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    await s.addFiles(names.slice(0, 2).map(demoFile));
    expect(states(s)).toEqual(names.slice(0, 2).map((n) => [n, 'queued']));
    expect(s.blocked?.waiting).toBe(2);
    chosen = 'builtin';
    await s.retry();
    expect(states(s)).toEqual(names.slice(0, 2).map((n) => [n, 'indexed']));
  });

  it('Cancel drops the waiting files and the notice', async () => {
    const s = service();
    await s.addFiles(names.map(demoFile));
    s.cancel();
    expect(s.blocked).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(await store.queue.list()).toEqual([]);
  });

  it('still fails a file for any other model error (a broken model is not a download to retry)', async () => {
    const s = service({ embedder: async () => Promise.reject(new ModelLoadError('The model returned 12 dimensions; the catalog says 128.')) });
    await s.addFiles([demoFile('glossary.md')]);
    expect(states(s)).toEqual([['glossary.md', 'failed']]);
    expect(s.blocked).toBeNull();
  });
});
