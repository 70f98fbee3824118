// The typed API of the ingest worker (src/workers/ingest.worker.ts): parsing
// and chunking, off the main thread. File bytes are transferred in.
import type { EmbedderEntry, ModelSource } from './catalog-types';
import type { Triple } from './graph-types';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from './library-types';

/** Which tokenizer counts chunk tokens: the current embedder's own. */
export interface TokenizerSpec {
  entry: EmbedderEntry;
  source: ModelSource;
}

export interface IngestApi {
  /** Parses a file, hashes it and chunks it. Throws IngestError with a message for the person. */
  prepare(name: string, bytes: ArrayBuffer, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc>;
  /** The same for pasted text. */
  prepareText(name: string, text: string, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc>;
  /** Re-chunks stored text (new chunk settings or a new embedder's tokenizer). */
  rechunk(parsed: ParsedDoc, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<Chunk[]>;
}

/** The knowledge-graph extractor, run in the ingest worker beside parsing (docs/graph.md). */
export interface TripleApi {
  /** The deterministic extractor's triples of a parsed document and its chunks. */
  extractTriples(docId: string, parsed: ParsedDoc, chunks: Chunk[]): Promise<Triple[]>;
}

/** What the ingest worker exposes. */
export type IngestWorkerApi = IngestApi & TripleApi;
