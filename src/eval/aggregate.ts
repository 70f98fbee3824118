// Aggregates per mode, each with a 95% percentile-bootstrap confidence interval
// (items resampled with replacement, seeded, so a report is reproducible).
import { seededRandom } from '../shared/random.mjs';
import type { ItemScores } from './types';

export interface MetricDef {
  id: string;
  label: string;
  /** Rates are shown as percentages; others in their unit. */
  unit: 'rate' | 'ms' | 'tokens/s';
  /** Higher is better (for colouring differences). */
  higherIsBetter: boolean;
  of(items: ItemScores[]): number | null;
}

function mean(values: (number | null | undefined)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    // null: the metric does not apply to the item; undefined: a result stored before the metric existed.
    if (v === null || v === undefined) continue;
    sum += v;
    n++;
  }
  return n ? sum / n : null;
}

const meanOf = (key: keyof ItemScores) => (items: ItemScores[]) => mean(items.map((s) => s[key]));

/** The median (p50) of the values that apply; null when none does. Latencies are skewed: one slow item moves a mean. */
function median(values: (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && v !== undefined).sort((a, b) => a - b);
  return xs.length ? percentile(xs, 0.5) : null;
}

const medianOf = (key: keyof ItemScores) => (items: ItemScores[]) => median(items.map((s) => s[key]));

export const metrics: MetricDef[] = [
  { id: 'em', label: 'Exact match', unit: 'rate', higherIsBetter: true, of: meanOf('em') },
  { id: 'f1', label: 'Token F1', unit: 'rate', higherIsBetter: true, of: meanOf('f1') },
  { id: 'contains', label: 'Answer contained', unit: 'rate', higherIsBetter: true, of: meanOf('contains') },
  { id: 'hit', label: 'Retrieval hit@k', unit: 'rate', higherIsBetter: true, of: meanOf('hit') },
  { id: 'recall', label: 'Retrieval recall@k', unit: 'rate', higherIsBetter: true, of: meanOf('recall') },
  { id: 'mrr', label: 'MRR', unit: 'rate', higherIsBetter: true, of: meanOf('mrr') },
  { id: 'citePrecision', label: 'Citation precision', unit: 'rate', higherIsBetter: true, of: meanOf('citePrecision') },
  { id: 'citeRecall', label: 'Citation recall', unit: 'rate', higherIsBetter: true, of: meanOf('citeRecall') },
  { id: 'abstention', label: 'Abstention rate', unit: 'rate', higherIsBetter: false, of: meanOf('abstained') },
  {
    id: 'answeredAccuracy', label: 'Accuracy on answered items', unit: 'rate', higherIsBetter: true,
    of: (items) => mean(items.filter((s) => s.answerable && !s.abstained).map((s) => s.correct)),
  },
  {
    id: 'correctRefusal', label: 'Correct refusals (unanswerable)', unit: 'rate', higherIsBetter: true,
    of: (items) => mean(items.filter((s) => !s.answerable).map((s) => s.abstained)),
  },
  {
    id: 'wrongOnUnanswerable', label: 'Wrong answers (unanswerable)', unit: 'rate', higherIsBetter: false,
    of: (items) => mean(items.filter((s) => !s.answerable).map((s) => 1 - s.abstained)),
  },
  // RoG's measures, in the graph retrieval modes only (docs/evaluate.md).
  { id: 'rogHit', label: 'RoG Hit (answer list)', unit: 'rate', higherIsBetter: true, of: meanOf('rogHit') },
  { id: 'rogF1', label: 'RoG answer-list F1', unit: 'rate', higherIsBetter: true, of: meanOf('rogF1') },
  { id: 'planMatch', label: 'Plans matching a path', unit: 'rate', higherIsBetter: true, of: meanOf('planMatch') },
  { id: 'reachable', label: 'Answer reachable in paths', unit: 'rate', higherIsBetter: true, of: meanOf('reachable') },
  { id: 'baselineHit', label: 'RoG baseline Hit (no LLM)', unit: 'rate', higherIsBetter: true, of: meanOf('baselineHit') },
  { id: 'ttft', label: 'Time to first token', unit: 'ms', higherIsBetter: false, of: meanOf('ttftMs') },
  { id: 'tokensPerS', label: 'Decode speed', unit: 'tokens/s', higherIsBetter: true, of: meanOf('tokensPerS') },
  { id: 'total', label: 'Total time per answer', unit: 'ms', higherIsBetter: false, of: meanOf('totalMs') },
  { id: 'retrievalP50', label: 'Retrieval time (p50)', unit: 'ms', higherIsBetter: false, of: medianOf('retrievalMs') },
  { id: 'generationP50', label: 'Generation time (p50)', unit: 'ms', higherIsBetter: false, of: medianOf('generationMs') },
  // The stages of RoG's retrieval, in the graph retrieval modes only.
  { id: 'graphLinkP50', label: 'Graph entity linking (p50)', unit: 'ms', higherIsBetter: false, of: medianOf('graphLinkMs') },
  { id: 'graphPlanP50', label: 'Graph path planning (p50)', unit: 'ms', higherIsBetter: false, of: medianOf('graphPlanMs') },
  { id: 'graphSearchP50', label: 'Graph path search (p50)', unit: 'ms', higherIsBetter: false, of: medianOf('graphSearchMs') },
];

export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
  /** Items the metric applies to. */
  n: number;
}

function percentile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The metric on the items, and its 95% bootstrap interval over `resamples` resamples. */
export function bootstrap(metric: MetricDef, items: ItemScores[], seed: number, resamples = 1000): Estimate {
  const value = metric.of(items);
  if (value === null) return { value: null, low: null, high: null, n: 0 };
  const random = seededRandom(seed);
  const stats: number[] = [];
  const sample = new Array<ItemScores>(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(random() * items.length)]!;
    const v = metric.of(sample);
    if (v !== null) stats.push(v);
  }
  stats.sort((a, b) => a - b);
  const n = items.filter((s) => metric.of([s]) !== null).length;
  return stats.length ? { value, low: percentile(stats, 0.025), high: percentile(stats, 0.975), n } : { value, low: null, high: null, n };
}

export type ModeSummary = Record<string, Estimate>;

/** Every metric for one mode's results. */
export function summarize(items: ItemScores[], seed: number, resamples = 1000): ModeSummary {
  return Object.fromEntries(metrics.map((m) => [m.id, bootstrap(m, items, seed, resamples)]));
}
