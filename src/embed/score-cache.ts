// Rerank scores remembered for the session, per (model, query, passage): asking
// the same question again, or paging through more results, re-runs no pair.
// A Map keeps insertion order, which makes "forget the oldest" one delete.

/** A bounded cache of pair scores; the oldest entries go first when full. */
export class ScoreCache {
  readonly #scores = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  get(modelId: string, query: string, passage: string): number | undefined {
    return this.#scores.get(key(modelId, query, passage));
  }

  set(modelId: string, query: string, passage: string, score: number): void {
    const k = key(modelId, query, passage);
    this.#scores.delete(k);
    this.#scores.set(k, score);
    while (this.#scores.size > this.capacity) this.#scores.delete(this.#scores.keys().next().value!);
  }

  get size(): number {
    return this.#scores.size;
  }
}

// NUL cannot occur in an id and is vanishingly rare in text, so the parts cannot run together.
const key = (modelId: string, query: string, passage: string) => `${modelId}\u0000${query}\u0000${passage}`;
