// BM25 lexical search with MiniSearch, with a tokenizer that handles Chinese and
// Japanese (shared/lexical-terms.ts).
import MiniSearch from 'minisearch';
import { tokenize } from '../shared/lexical-terms';

export { tokenize };

export interface LexicalHit {
  docId: string;
  ord: number;
  score: number;
}

/** A BM25 index of chunks, updated one document at a time (never rebuilt per query). */
export class LexicalIndex {
  readonly #search = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    storeFields: [],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false },
  });
  readonly #ids = new Map<string, { version: string; ids: string[] }>();

  /** Documents in the index, with the version they were indexed at. */
  version(docId: string): string | undefined {
    return this.#ids.get(docId)?.version;
  }

  get documentCount(): number {
    return this.#ids.size;
  }

  /** Adds (or replaces) one document's chunks. */
  add(docId: string, version: string, texts: string[]): void {
    this.remove(docId);
    const ids = texts.map((_, ord) => `${docId}#${ord}`);
    this.#search.addAll(texts.map((text, ord) => ({ id: ids[ord]!, text })));
    this.#ids.set(docId, { version, ids });
  }

  remove(docId: string): void {
    const entry = this.#ids.get(docId);
    if (!entry) return;
    this.#search.discardAll(entry.ids);
    this.#ids.delete(docId);
  }

  /** Top k chunks by BM25; `allow` filters by document. No score threshold: every match can rank. */
  search(query: string, k: number, allow?: (docId: string) => boolean): LexicalHit[] {
    const hits: LexicalHit[] = [];
    for (const r of this.#search.search(query)) {
      const id = String(r.id);
      const cut = id.lastIndexOf('#');
      const docId = id.slice(0, cut);
      if (allow && !allow(docId)) continue;
      hits.push({ docId, ord: Number(id.slice(cut + 1)), score: r.score });
      if (hits.length >= k) break;
    }
    return hits;
  }
}
