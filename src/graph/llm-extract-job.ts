// The LLM extraction job over a library: for each document, every chunk through the LLM extractor
// (llm-extract.ts), then the document's rules triples and the LLM's stored together, one write per
// document. The storage and the model are ports, so Node tests drive the job with a scripted chat and
// an in-memory store; ui/graph/graph-extract-actions.ts wires them to IndexedDB and the loaded engine.
import { isAbortError } from '../shared/errors';
import { rulesLlmExtractorId } from '../shared/graph-types';
import type { ChatFn } from './llm-plan';
import { defaultLlmExtractOptions, extractChunkWithLlm, extractionUnits, type LlmExtractOptions } from './llm-extract';
import type { Triple } from './types';

/** A document the job may read: its name and size, and the model whose triples it holds, if any. */
export interface ExtractionCandidate {
  docId: string;
  name: string;
  chunkCount: number;
  llmModel?: string | undefined;
}

/** A document as stored when the job reads it. */
export interface DocSnapshot {
  text: string;
  /** The chunks' ranges: the write checks that they are still the stored ones. */
  chunks: { start: number; end: number }[];
  /** The deterministic extractor's triples (stored, or extracted now for a document that has none). */
  rules: Triple[];
  /** The model whose triples the stored record holds. */
  llmModel?: string | undefined;
}

/** What a document's record becomes: the rules triples plus the LLM's, and which LLM. */
export interface LlmTripleSet {
  extractor: string;
  llmModel: string;
  triples: Triple[];
}

/** `gone`: deleted meanwhile; `changed`: re-indexed meanwhile (its chunks are not the ones read). */
export type WriteOutcome = 'stored' | 'gone' | 'changed';

/** Why a document was not stored: deleted or re-indexed meanwhile, or this model read it already. */
export type SkipReason = Exclude<WriteOutcome, 'stored'> | 'already';

export interface ExtractionPorts {
  chat: ChatFn;
  /** The stored document; null when it was deleted. */
  read(docId: string): Promise<DocSnapshot | null>;
  /** Stores the record in one transaction, unless the document is gone or its chunks are not `chunks` any more. */
  write(docId: string, chunks: DocSnapshot['chunks'], record: LlmTripleSet): Promise<WriteOutcome>;
  onProgress?(p: ExtractionProgress): void;
  /** After each stored document (the search worker re-reads the graph). */
  onStored?(docId: string): void;
}

export interface ExtractionProgress {
  /** Documents finished (stored or skipped), of `docsTotal`; `stored` of them were stored. */
  docsDone: number;
  docsTotal: number;
  stored: number;
  /** The document being read, and its chunks. */
  current: { name: string; chunksDone: number; chunksTotal: number } | null;
  /** LLM triples of the stored documents, plus the current one's so far. */
  triples: number;
}

export interface ExtractionSummary {
  /** Documents whose triples were stored. */
  stored: { docId: string; name: string; triples: number }[];
  skipped: { docId: string; name: string; reason: SkipReason }[];
  /** LLM triples stored. */
  triples: number;
  /** Lines of the stored documents that did not become triples: a name not in the chunk, a repeat, no usable relation. */
  dropped: number;
  cancelled: boolean;
}

/** Whether a document holding `llmModel`'s triples is read again by `model`. */
export const needsExtraction = (llmModel: string | undefined, model: string, redo: boolean): boolean => redo || llmModel !== model;

/**
 * The documents to read, those with the fewest chunks first (the graph gains documents soonest, and a Cancel
 * keeps the most), and those skipped because this model already read them.
 */
export function planExtraction(docs: readonly ExtractionCandidate[], model: string, redo: boolean): { todo: ExtractionCandidate[]; done: ExtractionCandidate[] } {
  const todo = docs.filter((d) => needsExtraction(d.llmModel, model, redo));
  return { todo: [...todo].sort((a, b) => a.chunkCount - b.chunkCount), done: docs.filter((d) => !todo.includes(d)) };
}

/** The record of a document: its rules triples (any earlier LLM triples left out) and the new LLM triples. */
export function llmTripleSet(rules: readonly Triple[], llm: readonly Triple[], model: string): LlmTripleSet {
  return { extractor: rulesLlmExtractorId, llmModel: model, triples: [...rules.filter((t) => t.prov.extractor !== 'llm'), ...llm] };
}

/**
 * Reads the documents one by one with the LLM and stores each one's triples as soon as it is done.
 * Cancelling (the signal) keeps the documents stored so far and drops the current one's partial work;
 * it resolves with `cancelled`, it does not throw. Any other error rejects (stored documents stay).
 */
export async function runLlmExtraction(
  docs: readonly ExtractionCandidate[],
  model: string,
  ports: ExtractionPorts,
  { redo = false, options = defaultLlmExtractOptions, signal }: { redo?: boolean; options?: LlmExtractOptions; signal?: AbortSignal } = {},
): Promise<ExtractionSummary> {
  const summary: ExtractionSummary = { stored: [], skipped: [], triples: 0, dropped: 0, cancelled: false };
  const report = (current: ExtractionProgress['current'], pending = 0) =>
    ports.onProgress?.({ docsDone: summary.stored.length + summary.skipped.length, docsTotal: docs.length, stored: summary.stored.length, current, triples: summary.triples + pending });
  try {
    for (const doc of docs) {
      signal?.throwIfAborted();
      const snapshot = await ports.read(doc.docId);
      if (!snapshot || !needsExtraction(snapshot.llmModel, model, redo)) {
        summary.skipped.push({ docId: doc.docId, name: doc.name, reason: snapshot ? 'already' : 'gone' });
        continue;
      }
      const units = extractionUnits({ docId: doc.docId, text: snapshot.text, chunks: snapshot.chunks }, snapshot.rules, options);
      const found: Triple[] = [];
      let dropped = 0;
      report({ name: doc.name, chunksDone: 0, chunksTotal: units.length });
      for (const [i, unit] of units.entries()) {
        const r = await extractChunkWithLlm(ports.chat, unit, snapshot.text, model, options, signal);
        // An interrupted generation ends its stream normally: the cancellation shows only on the signal.
        signal?.throwIfAborted();
        found.push(...r.triples);
        dropped += r.dropped;
        report({ name: doc.name, chunksDone: i + 1, chunksTotal: units.length }, found.length);
      }
      signal?.throwIfAborted();
      const outcome = await ports.write(doc.docId, snapshot.chunks, llmTripleSet(snapshot.rules, found, model));
      if (outcome === 'stored') {
        summary.stored.push({ docId: doc.docId, name: doc.name, triples: found.length });
        summary.triples += found.length;
        summary.dropped += dropped;
        ports.onStored?.(doc.docId);
      } else {
        summary.skipped.push({ docId: doc.docId, name: doc.name, reason: outcome });
      }
      report(null);
    }
  } catch (e) {
    if (!(isAbortError(e) && signal?.aborted)) throw e;
    summary.cancelled = true;
  }
  return summary;
}
