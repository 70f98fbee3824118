// Building QA sets: the content hash, and the gold triples that may come with one.
import { sha256Hex } from '../shared/hash';
import type { GoldTriple } from '../graph/metrics';
import type { QaItem, QaSet } from './types';

/** SHA-256 (hex) of the items as canonical JSON, with keys in a fixed order. */
export async function hashItems(items: QaItem[]): Promise<string> {
  const canonical = JSON.stringify(items.map((i) => [i.id, i.question, i.answer, i.aliases ?? [], i.doc_ids ?? [], i.quote ?? null, i.split]));
  return sha256Hex(canonical);
}

/** SHA-256 (hex) of gold triples as canonical JSON. */
export function hashGoldTriples(triples: GoldTriple[]): Promise<string> {
  return sha256Hex(JSON.stringify(triples.map((g) => [g.docId, g.head, g.relation, g.tail])));
}

/** `gold`: the gold triples of the set's documents and the file they came from (the demo pack's kg.jsonl). */
export async function makeQaSet(name: string, source: QaSet['source'], items: QaItem[], splitSeed?: number, gold?: { file: string; triples: GoldTriple[] }): Promise<QaSet> {
  const hash = await hashItems(items);
  return {
    id: `${source}-${hash.slice(0, 12)}`, name, source, items, hash, createdAt: Date.now(), ...(splitSeed !== undefined ? { splitSeed } : {}),
    ...(gold ? { gold: { file: gold.file, hash: await hashGoldTriples(gold.triples), triples: gold.triples } } : {}),
  };
}

/** The items a run evaluates: the chosen split, then the first `limit`. */
export function selectItems(set: QaSet, split: 'test' | 'all', limit: number | null): QaItem[] {
  const items = split === 'test' ? set.items.filter((i) => i.split === 'test') : set.items;
  return limit && limit > 0 ? items.slice(0, limit) : items;
}
