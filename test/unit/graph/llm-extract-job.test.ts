// The LLM extraction job over a library (graph/llm-extract-job.ts) with the real LibraryStore on fake
// IndexedDB and a scripted model: which documents it reads, what each record becomes, and that Cancel,
// a deletion or a re-indexing meanwhile never leave triples that cite chunks a document does not have.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { extractTriples } from '../../../src/graph/extract';
import type { ChatFn } from '../../../src/graph/llm-plan';
import { llmTripleSet, planExtraction, runLlmExtraction, type DocSnapshot, type ExtractionPorts, type ExtractionProgress } from '../../../src/graph/llm-extract-job';
import { rulesLlmExtractorId } from '../../../src/shared/graph-types';
import type { ChatChunk } from '../../../src/shared/llm-types';
import { GraphSearch } from '../../../src/retrieval/graph-search';
import { LibraryStore } from '../../../src/store/library-store';
import type { DocumentRecord } from '../../../src/store/schema';
import { t } from './fixtures';
import { freshDb } from '../helpers';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

const model = 'local/tiny-llama';
const dim = 2;
const texts: Record<string, string> = {
  a: 'The reservoir belongs to the cooperative. The dairy at Tolsey sells cheese.',
  b: 'Teodric Vane is the harbourmaster of Port Ellery. The mill stands at Pellan Point.',
  c: 'The seawall fund was created after the storm. All rent goes into the seawall fund.',
};

/** Stores a document with one chunk per sentence and its rules triples, as ingestion does. */
async function addDoc(store: LibraryStore, id: string): Promise<void> {
  const text = texts[id]!;
  const cut = text.indexOf('. ') + 1;
  const chunks = [[0, cut], [cut + 1, text.length]].map(([start, end]) => ({ text: text.slice(start, end), start: start!, end: end!, headingPath: [], tokens: 8 }));
  const doc: DocumentRecord = { id, name: `${id}.txt`, type: 'txt', size: text.length, hash: `h-${id}`, addedAt: id.charCodeAt(0), chunkCount: 2, embedderId: 'e1', dim, chunkOptions: { chunkTokens: 16, overlapTokens: 0 } };
  const triples = extractTriples({ docId: id, text, chunks });
  await store.addDocument({ doc, text: { docId: id, text, blocks: [] }, chunks, vectors: new Float32Array(2 * dim), triples: { extractor: 'rules', triples } });
}

/** A model that names the chunk's first two candidates, plus a line whose head is not in the chunk. */
const scripted = (onCall: (call: number) => void = () => undefined): ChatFn => {
  let call = 0;
  return async function* (messages, _options, signal): AsyncIterable<ChatChunk> {
    onCall(++call);
    const names = /Names in the text: (.*)$/m.exec(messages.at(-1)!.content)![1]!.split('; ');
    const usage = (finishReason: 'stop' | 'interrupted') => ({ promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 0, prefillTokensPerS: 0, decodeTokensPerS: 0, finishReason });
    // Like the engines: an interrupted generation ends its stream, it does not throw.
    if (signal?.aborted) return yield { type: 'done', usage: usage('interrupted') };
    yield { type: 'delta', text: `${names[0]} | located_in | ${names[1]}\n` };
    yield { type: 'delta', text: `Atlantis | part_of | ${names[0]}\n` };
    yield { type: 'done', usage: usage('stop') };
  };
};

function portsFor(store: LibraryStore, chat: ChatFn, progress: ExtractionProgress[] = []): ExtractionPorts {
  return {
    chat,
    read: async (docId): Promise<DocSnapshot | null> => {
      const s = await store.graph.extractionSource(docId);
      return s && { text: s.text.text, chunks: s.chunks.map(({ start, end }) => ({ start, end })), rules: s.triples?.triples.filter((x) => x.prov.extractor !== 'llm') ?? [], llmModel: s.triples?.llmModel };
    },
    write: (docId, chunks, record) => store.putLlmTriples(docId, chunks, record),
    onProgress: (p) => progress.push(p),
  };
}

const candidates = (...ids: string[]) => ids.map((id) => ({ docId: id, name: `${id}.txt`, chunkCount: 2 }));

let store: LibraryStore;
beforeEach(async () => {
  store = await freshDb(() => LibraryStore.open('extract'));
  for (const id of ['a', 'b', 'c']) await addDoc(store, id);
});

describe('LLM extraction job', () => {
  it('skips documents this model already read, unless asked to redo them', () => {
    const docs = [{ docId: 'a', name: 'a', chunkCount: 1, llmModel: model }, { docId: 'b', name: 'b', chunkCount: 1, llmModel: 'other/model' }, { docId: 'c', name: 'c', chunkCount: 1 }];
    expect(planExtraction(docs, model, false).todo.map((d) => d.docId)).toEqual(['b', 'c']);
    expect(planExtraction(docs, model, false).done.map((d) => d.docId)).toEqual(['a']);
    expect(planExtraction(docs, model, true).todo.map((d) => d.docId)).toEqual(['a', 'b', 'c']);
    // The fewest chunks first, in library order among equals.
    const sizes = [{ docId: 'x', name: 'x', chunkCount: 3 }, { docId: 'y', name: 'y', chunkCount: 1 }, { docId: 'z', name: 'z', chunkCount: 1 }];
    expect(planExtraction(sizes, model, false).todo.map((d) => d.docId)).toEqual(['y', 'z', 'x']);
  });

  it('a record keeps the rules triples, replaces earlier LLM triples, and names the model', () => {
    const rules = [t('a', 'mill', 'located_in', 'Pellan Point')];
    const old = { ...t('a', 'x', 'is_a', 'y', 'llm'), prov: { ...t('a', 'x', 'is_a', 'y', 'llm').prov, model: 'old' } };
    const fresh = t('a', 'dairy', 'located_in', 'Tolsey', 'llm');
    expect(llmTripleSet([...rules, old], [fresh], model)).toEqual({ extractor: rulesLlmExtractorId, llmModel: model, triples: [...rules, fresh] });
  });

  it('stores each document with its rules and grounded LLM triples, and counts the dropped lines', async () => {
    const progress: ExtractionProgress[] = [];
    const rulesBefore = (await store.graph.get('a'))!.triples;
    const summary = await runLlmExtraction(candidates('a', 'b'), model, portsFor(store, scripted(), progress));
    expect(summary).toMatchObject({ cancelled: false, skipped: [] });
    expect(summary.stored.map((s) => s.docId)).toEqual(['a', 'b']);
    const a = (await store.graph.get('a'))!;
    expect(a).toMatchObject({ extractor: 'rules+llm', llmModel: model });
    expect(a.triples.filter((x) => x.prov.extractor !== 'llm')).toEqual(rulesBefore);
    const llm = a.triples.filter((x) => x.prov.extractor === 'llm');
    expect(llm.length).toBe(summary.stored[0]!.triples);
    expect(llm.length).toBeGreaterThan(0);
    for (const x of llm) {
      expect(x.prov).toMatchObject({ docId: 'a', extractor: 'llm', model });
      const chunk = (await store.getChunks('a'))[x.prov.chunk]!;
      expect(chunk.text).toContain(x.head);
      expect(chunk.text).toContain(x.tail);
    }
    // "Atlantis" is in no chunk: one dropped line per chunk read.
    expect(summary.dropped).toBe(4);
    expect(summary.triples).toBe(summary.stored.reduce((n, s) => n + s.triples, 0));
    expect(await store.graph.get('c')).toMatchObject({ extractor: 'rules' });
    // Progress: chunk by chunk within a document, documents counted as they finish.
    expect(progress.map((p) => [p.docsDone, p.stored, p.current?.chunksDone ?? null])).toEqual([[0, 0, 0], [0, 0, 1], [0, 0, 2], [1, 1, null], [1, 1, 0], [1, 1, 1], [1, 1, 2], [2, 2, null]]);
    expect(progress.at(-1)!.triples).toBe(summary.triples);
    // Read again by the same model: skipped, unless redone (the LLM triples are replaced, not added).
    const again = await runLlmExtraction(candidates('a'), model, portsFor(store, scripted()));
    expect(again.skipped).toEqual([{ docId: 'a', name: 'a.txt', reason: 'already' }]);
    await runLlmExtraction(candidates('a'), model, portsFor(store, scripted()), { redo: true });
    expect((await store.graph.get('a'))!.triples.filter((x) => x.prov.extractor === 'llm').length).toBe(llm.length);
  });

  it('Cancel keeps the documents already stored and drops the one being read', async () => {
    const controller = new AbortController();
    // Chunks 1-2 are document a; the cancel comes while b's first chunk is generated.
    const chat = scripted((call) => call === 3 && controller.abort());
    const summary = await runLlmExtraction(candidates('a', 'b', 'c'), model, portsFor(store, chat), { signal: controller.signal });
    expect(summary.cancelled).toBe(true);
    expect(summary.stored.map((s) => s.docId)).toEqual(['a']);
    expect((await store.graph.get('a'))!.llmModel).toBe(model);
    expect(await store.graph.get('b')).toMatchObject({ extractor: 'rules' });
    expect((await store.graph.get('b'))!.llmModel).toBeUndefined();
  });

  it('skips a document deleted or re-indexed while the LLM read it', async () => {
    const chat = scripted();
    const ports = portsFor(store, chat);
    const read = ports.read;
    ports.read = async (docId) => {
      const snapshot = await read(docId);
      if (docId === 'a') await store.deleteDocument('a');
      if (docId === 'b') {
        // Re-chunked into one chunk: the LLM's chunk ordinals would point at chunks b no longer has.
        const text = texts.b!;
        const rules = { extractor: 'rules', triples: extractTriples({ docId: 'b', text, chunks: [{ start: 0, end: text.length }] }) };
        await store.replaceIndex('b', [{ text, start: 0, end: text.length, headingPath: [], tokens: 16 }], new Float32Array(dim), 'e1', dim, { chunkTokens: 64, overlapTokens: 0 }, rules);
      }
      return snapshot;
    };
    const summary = await runLlmExtraction(candidates('a', 'b', 'c'), model, ports);
    expect(summary.skipped).toEqual([{ docId: 'a', name: 'a.txt', reason: 'gone' }, { docId: 'b', name: 'b.txt', reason: 'changed' }]);
    expect(summary.stored.map((s) => s.docId)).toEqual(['c']);
    expect(await store.graph.get('a')).toBeUndefined();
    expect(await store.graph.get('b')).toMatchObject({ extractor: 'rules' });
    expect((await store.graph.get('b'))!.triples.every((x) => x.prov.extractor !== 'llm')).toBe(true);
  });

  it('re-indexing or deleting a document removes its LLM triples with the rest', async () => {
    await runLlmExtraction(candidates('a', 'b'), model, portsFor(store, scripted()));
    const chunks = await store.getChunks('a');
    await store.replaceIndex('a', chunks, new Float32Array(2 * dim), 'e2', dim, { chunkTokens: 16, overlapTokens: 0 }, { extractor: 'rules', triples: [] });
    expect(await store.graph.get('a')).toEqual({ docId: 'a', extractor: 'rules', triples: [] });
    await store.deleteDocument('b');
    expect(await store.graph.get('b')).toBeUndefined();
  });

  it('the search worker\'s graph counts the LLM triples apart and shows their model as evidence', async () => {
    await runLlmExtraction(candidates('a'), model, portsFor(store, scripted()));
    const graph = new GraphSearch();
    const chunks = new Map(await Promise.all(['a', 'b', 'c'].map(async (id) => [id, await store.getChunks(id)] as const)));
    graph.load(await store.graph.all(), chunks, new Map([['a', 'a.txt'], ['b', 'b.txt'], ['c', 'c.txt']]));
    const o = graph.overview();
    const a = (await store.graph.get('a'))!;
    const llm = a.triples.filter((x) => x.prov.extractor === 'llm');
    expect(o.llmTriples).toBe(llm.length);
    expect(o.documents.find((d) => d.docId === 'a')).toMatchObject({ llmTriples: llm.length, llmModel: model, triples: a.triples.length });
    expect(o.documents.find((d) => d.docId === 'b')).toMatchObject({ llmTriples: 0 });
    expect(o.documents.find((d) => d.docId === 'b')!.llmModel).toBeUndefined();
    const [match] = graph.findEntities(llm[0]!.head, 1);
    const edge = graph.neighbourhood(match!.key, 40).edges.find((e) => e.evidence.some((x) => x.extractor === 'llm'))!;
    expect(edge.evidence.find((x) => x.extractor === 'llm')).toMatchObject({ docName: 'a.txt', model });
  });
});
