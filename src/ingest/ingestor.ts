// The ingest engine behind the ingest worker: parse → hash → chunk with the
// embedder's own tokenizer. No DOM, so Node tests run the same class.
import { AutoTokenizer } from '@huggingface/transformers';
import { configureEnv } from '../embed/embedder';
import type { IngestApi, TokenizerSpec } from '../shared/ingest-api';
import { IngestError, tKey } from '../shared/errors';
import { sha256Hex } from '../shared/hash';
import type { Chunk, ChunkOptions, ParsedDoc, PreparedDoc } from '../shared/library-types';
import { chunkDocument, type TokenCounter } from './chunk';
import { parseFile, type ParseEnv } from './parse';
import { parseMarkdown } from './plain';
import { memoizedCounter } from './token-count';

export class Ingestor implements IngestApi {
  #counters = new Map<string, Promise<{ fast: TokenCounter; exact: TokenCounter }>>();

  constructor(private readonly env: ParseEnv) {}

  /** One tokenizer per embedder, loaded once. */
  #counter(spec: TokenizerSpec): Promise<{ fast: TokenCounter; exact: TokenCounter }> {
    let c = this.#counters.get(spec.entry.id);
    if (!c) {
      c = (async () => {
        configureEnv({ source: spec.source });
        const tokenizer = await AutoTokenizer.from_pretrained(spec.entry.path);
        const exact = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).length;
        return { fast: memoizedCounter(exact), exact };
      })();
      c.catch(() => this.#counters.delete(spec.entry.id));
      this.#counters.set(spec.entry.id, c);
    }
    return c;
  }

  async rechunk(parsed: ParsedDoc, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<Chunk[]> {
    const { fast, exact } = await this.#counter(tokenizer);
    return chunkDocument(parsed, { ...options, maxTokens: tokenizer.entry.maxTokens }, fast, exact);
  }

  async prepare(name: string, buffer: ArrayBuffer, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc> {
    const bytes = new Uint8Array(buffer);
    const { type, parsed } = await parseFile(name, bytes, this.env);
    const [hash, chunks] = await Promise.all([sha256Hex(bytes), this.rechunk(parsed, tokenizer, options)]);
    return { name, type, size: bytes.length, hash, parsed, chunks };
  }

  async prepareText(name: string, text: string, tokenizer: TokenizerSpec, options: ChunkOptions): Promise<PreparedDoc> {
    if (!text.trim()) throw new IngestError('empty', tKey('errors:ingest.pastedEmpty'));
    const bytes = new TextEncoder().encode(text);
    const parsed = parseMarkdown(text.replace(/\r\n?/g, '\n'));
    const [hash, chunks] = await Promise.all([sha256Hex(bytes), this.rechunk(parsed, tokenizer, options)]);
    return { name, type: 'paste', size: bytes.length, hash, parsed, chunks };
  }
}
