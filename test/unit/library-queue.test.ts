// The LibraryService with its persisted queue: resume after a lost tab, the
// queue lock, crashed workers, cancel. Real parsers and the fixture embedder,
// IndexedDB through fake-indexeddb.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Embedder } from '../../src/embed/embedder';
import { LibraryService, type EmbedPort, type IngestPort, type LibraryDeps } from '../../src/library/library-service';
import { LibraryStore } from '../../src/store/library-store';
import type { QueuedFile } from '../../src/store/ingest-queue-store';
import { WorkerCrashError } from '../../src/shared/errors';
import { freshDb, nodeIngestPort, tinyEmbedderSpec } from './helpers';

const spec = tinyEmbedderSpec();
const choice = { entry: spec.entry, source: spec.source };
const options = { chunkTokens: 64, overlapTokens: 8 };
const ingest: IngestPort = nodeIngestPort();
const embedder = new Embedder({ batchSize: 4 });
let job = 0;
const port: EmbedPort = { embed: (texts, kind, { onProgress }) => embedder.embed(++job, texts, kind, onProgress as never) };
const names = ['glossary.md', 'history.md', 'water-rights.md', 'safety-rules.txt', 'soil-testing.txt'];
const demoFile = (name: string) => new File([readFileSync(`public/demo/docs/${name}`)], name);

let store: LibraryStore;
beforeAll(() => embedder.load(spec));
beforeEach(async () => void (store = await freshDb(() => LibraryStore.open('queue'))));

function service(overrides: Partial<LibraryDeps> = {}): LibraryService {
  return new LibraryService({ store, ingest, embedder: async () => ({ choice, port }), chunkOptions: () => options, onChange: () => undefined, ...overrides });
}

/** A one-holder lock shared by services, like navigator.locks across tabs. */
function mutex() {
  let tail = Promise.resolve();
  return (work: () => Promise<void>) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}

const storedNames = async () => (await store.listDocuments()).map((d) => d.name).sort();

describe('LibraryService with the persisted queue', () => {
  it('writes the queue before work starts, and every file is always either queued or stored', async () => {
    const seen: string[] = [];
    let checks = Promise.resolve();
    const s = service({
      onChange: () => {
        // Check the invariant at every step of the run.
        checks = checks.then(async () => {
          const queued = (await store.queue.list()).map((r) => r.name);
          const stored = (await store.listDocuments()).map((d) => d.name);
          for (const n of names) if (!queued.includes(n) && !stored.includes(n)) seen.push(n);
        });
      },
    });
    const enqueue = store.queue.enqueue.bind(store.queue);
    let queuedBeforePrepare = false;
    store.queue.enqueue = async (entries) => {
      const ids = await enqueue(entries);
      queuedBeforePrepare = job === 0;
      return ids;
    };
    await s.addFiles(names.map(demoFile));
    await checks;
    // Only once the whole run is over may a file be in neither place: that never happened.
    expect(seen).toEqual([]);
    expect(queuedBeforePrepare).toBe(true);
    expect(await storedNames()).toEqual([...names].sort());
    expect(await store.queue.count()).toBe(0);
  });

  it('resumes what a lost tab left, and indexes each file exactly once', async () => {
    // The first tab stops for good while embedding the third file (as if the tab was closed).
    let calls = 0;
    const hang: EmbedPort = { embed: (...a) => (++calls === 3 ? new Promise(() => undefined) : port.embed(...a)) };
    const lost = service({ embedder: async () => ({ choice, port: hang }) });
    void lost.addFiles(names.map(demoFile));
    await expect.poll(() => calls, { timeout: 10_000 }).toBe(3);
    expect(await storedNames()).toEqual(['glossary.md', 'history.md']);
    expect(await store.queue.count()).toBe(3);
    // A new tab opens.
    const next = service();
    const result = await next.resume();
    expect(result).toEqual({ waiting: 3, problems: [] });
    await next.workQueue();
    expect(await storedNames()).toEqual([...names].sort());
    expect(await store.queue.count()).toBe(0);
  });

  it('lists files it cannot read back, or that do not fit, instead of resuming them', async () => {
    await store.queue.enqueue(names.slice(0, 3).map((n) => ({ name: n, file: demoFile(n), chunkOptions: options })));
    const list = store.queue.list.bind(store.queue);
    // The browser lost the bytes of the second file.
    store.queue.list = async () =>
      (await list()).map((r): QueuedFile => (r.name === 'history.md' && !r.problem ? { ...r, source: { kind: 'file', file: { slice: () => ({ arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }) } as never } } : r));
    const s = service();
    const result = await s.resume();
    expect(result.waiting).toBe(2);
    expect(result.problems.map((p) => [p.name, p.problem])).toEqual([['history.md', 'unreadable']]);
    await s.workQueue();
    expect(await storedNames()).toEqual(['glossary.md', 'water-rights.md']);
    // Still listed for the person to decide, and never worked.
    expect((await store.queue.list()).map((r) => r.name)).toEqual(['history.md']);

    const full = service({ hasRoom: async () => false });
    await store.queue.enqueue([{ name: 'soil-testing.txt', file: demoFile('soil-testing.txt'), chunkOptions: options }]);
    const r2 = await full.resume();
    expect(r2.waiting).toBe(0);
    expect(r2.problems.map((p) => p.problem)).toEqual(['unreadable', 'no-room']);
  });

  it('with two tabs, only the lock holder works the queue; the other takes files in through it', async () => {
    const lock = mutex();
    const added: string[] = [];
    const add = store.addDocument.bind(store);
    store.addDocument = async (d) => (added.push(d.doc.name), add(d));
    const a = service({ withQueueLock: lock });
    const b = service({ withQueueLock: lock });
    const first = a.addFiles(names.slice(0, 3).map(demoFile));
    // The second tab adds files while the first works: it waits for the lock, then finds them done.
    const second = b.addFiles(names.slice(3).map(demoFile));
    void a.workQueue(); // what the "queued" message makes the working tab do
    await Promise.all([first, second]);
    expect(added.sort()).toEqual([...names].sort());
    expect(a.queue.map((q) => q.status.state)).toEqual(names.map(() => 'indexed'));
    expect(b.queue).toEqual([]);
  });

  it('retries a file once in a fresh worker when the worker crashes, then fails it with the reason', async () => {
    let crashes = 0;
    const crashing: EmbedPort = {
      embed: (texts, kind, o) => {
        // history.md crashes its worker every time; glossary.md only the first time.
        if (texts.some((t) => t.includes('was founded in 1962'))) return Promise.reject(new WorkerCrashError('The embedding worker stopped (out of memory).'));
        if (texts.some((t) => t.includes('Glossary of Island Terms')) && crashes++ === 0) return Promise.reject(new WorkerCrashError('The embedding worker stopped (out of memory).'));
        return port.embed(texts, kind, o);
      },
    };
    const s = service({ embedder: async () => ({ choice, port: crashing }) });
    await s.addFiles(['glossary.md', 'history.md', 'water-rights.md'].map(demoFile));
    expect(s.queue.map((q) => [q.name, q.status.state])).toEqual([['glossary.md', 'indexed'], ['history.md', 'failed'], ['water-rights.md', 'indexed']]);
    expect(s.queue[1]!.status).toEqual({ state: 'failed', reason: 'The embedding worker stopped (out of memory).' });
    expect(crashes).toBe(2);
    expect(await store.queue.count()).toBe(0);
  });

  it('cancel empties the persisted queue', async () => {
    // Cancel as soon as the first file is stored.
    const s: LibraryService = service({ onChange: (stored) => void (stored && s.queue[0]?.status.state === 'indexed' && s.busy && s.cancel()) });
    await s.addFiles(names.map(demoFile));
    expect(await store.queue.count()).toBe(0);
    expect(s.queue.filter((q) => q.status.state === 'cancelled').length).toBeGreaterThan(0);
  });
});
