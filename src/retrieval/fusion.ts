// Combining and diversifying ranked lists. Pure functions on ids and scores.

export interface RankedList {
  name: string;
  weight: number;
  /** Ids, best first. */
  ids: string[];
}

export interface Fused {
  id: string;
  score: number;
  /** 1-based rank in each list the id appears in. */
  ranks: Record<string, number>;
}

/**
 * Weighted reciprocal-rank fusion: score(id) = Σ weight / (k0 + rank). Only ranks
 * count, so no list can be emptied by a score threshold on the other's scale.
 */
export function reciprocalRankFusion(lists: RankedList[], k0 = 60): Fused[] {
  const fused = new Map<string, Fused>();
  for (const list of lists) {
    list.ids.forEach((id, i) => {
      const f = fused.get(id) ?? { id, score: 0, ranks: {} };
      f.score += list.weight / (k0 + i + 1);
      f.ranks[list.name] = i + 1;
      fused.set(id, f);
    });
  }
  // Ties: the id ranked best anywhere wins, then the id itself, for determinism.
  const best = (f: Fused) => Math.min(...Object.values(f.ranks));
  return [...fused.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || (a.id < b.id ? -1 : 1));
}

/**
 * Maximal marginal relevance: picks k items that are relevant but not redundant.
 * Each step takes argmax λ·relevance − (1−λ)·max similarity to what was picked.
 */
export function maximalMarginalRelevance<T>(
  items: T[],
  relevance: (item: T) => number,
  similarity: (a: T, b: T) => number,
  k: number,
  lambda = 0.5,
): T[] {
  const left = [...items];
  const picked: T[] = [];
  while (picked.length < k && left.length) {
    let bestIndex = 0;
    let bestScore = -Infinity;
    left.forEach((item, i) => {
      const redundancy = picked.length ? Math.max(...picked.map((p) => similarity(item, p))) : 0;
      const score = lambda * relevance(item) - (1 - lambda) * redundancy;
      if (score > bestScore) (bestScore = score), (bestIndex = i);
    });
    picked.push(left.splice(bestIndex, 1)[0]!);
  }
  return picked;
}
