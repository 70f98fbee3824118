// Building QA sets: the content hash, and the demo pack's QA file.
import { sha256Hex } from '../shared/hash';
import type { QaItem, QaSet } from './types';

/** SHA-256 (hex) of the items as canonical JSON, with keys in a fixed order. */
export async function hashItems(items: QaItem[]): Promise<string> {
  const canonical = JSON.stringify(items.map((i) => [i.id, i.question, i.answer, i.aliases ?? [], i.doc_ids ?? [], i.quote ?? null, i.split]));
  return sha256Hex(canonical);
}

export async function makeQaSet(name: string, source: QaSet['source'], items: QaItem[], splitSeed?: number): Promise<QaSet> {
  const hash = await hashItems(items);
  return { id: `${source}-${hash.slice(0, 12)}`, name, source, items, hash, createdAt: Date.now(), ...(splitSeed !== undefined ? { splitSeed } : {}) };
}

/** The items a run evaluates: the chosen split, then the first `limit`. */
export function selectItems(set: QaSet, split: 'test' | 'all', limit: number | null): QaItem[] {
  const items = split === 'test' ? set.items.filter((i) => i.split === 'test') : set.items;
  return limit && limit > 0 ? items.slice(0, limit) : items;
}
