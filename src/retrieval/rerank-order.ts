// The second stage's ordering, apart from the workers so that it is tested alone.
import type { RetrievedChunk } from '../shared/search-api';

/**
 * Orders first-stage results by their reranker scores and keeps the best `k`.
 * Each result keeps its first-stage scores and gains `rerankScore` and
 * `firstStageRank`; `score` becomes the reranker's, since that is what the order
 * is now by. Ties keep the first stage's order, so equal scores change nothing.
 */
export function applyRerank(results: RetrievedChunk[], scores: number[], k: number): RetrievedChunk[] {
  if (scores.length !== results.length) throw new Error(`The reranker returned ${scores.length} scores for ${results.length} passages.`);
  return results
    .map((r, i) => ({ ...r, score: scores[i]!, rerankScore: scores[i]!, firstStageRank: i + 1 }))
    .sort((a, b) => b.rerankScore - a.rerankScore || a.firstStageRank - b.firstStageRank)
    .slice(0, k);
}
