// The knowledge-graph benchmark (scripts/bench-graph.mjs), run in Node: extraction
// throughput without an LLM, graph load time, and 2-hop constrained retrieval at 10k
// and 100k synthetic edges, each next to a baseline measured in the same run on the
// same data. Baselines: the simplest extractor (capitalised names that share a
// sentence), graphology alone (no keys, no per-relation index), and the same
// constrained search through graphology's own edge iteration, filtering by relation.
import { MultiDirectedGraph } from 'graphology';
import { extractTriples } from '../graph/extract';
export { loadTagger } from '../graph/verbs';
import { KnowledgeGraph } from '../graph/knowledge-graph';
import { graphRetrieve } from '../graph/rog';
import { followPlan } from '../graph/search';
import type { Triple } from '../graph/types';
import type { GraphStageTimings } from '../shared/search-api';
import { sentenceRanges } from '../ingest/sentences';
import { seededRandom } from '../shared/random.mjs';

export interface Measurement {
  bench: 'graph';
  case: string;
  n: number;
  baseline: Record<string, unknown>;
  [figure: string]: unknown;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50_ms: round(s[Math.floor(s.length / 2)]!, 3), p95_ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!, 3) };
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

/** The simplest extractor: capitalised word runs that share a sentence, all pairs. */
function cooccurrenceBaseline(text: string): number {
  let count = 0;
  for (const [s, e] of sentenceRanges(text)) {
    const names = text.slice(s, e).match(/\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)*/gu) ?? [];
    count += (names.length * (names.length - 1)) / 2;
  }
  return count;
}

/** Extraction over `texts` repeated until about `chars` characters. */
export function runExtractionBench(texts: { id: string; text: string }[], chars: number, log: (m: Measurement) => void): void {
  const total = texts.reduce((a, t) => a + t.text.length, 0);
  const reps = Math.max(1, Math.round(chars / total));
  const [triples, ms] = time(() => {
    let n = 0;
    for (let r = 0; r < reps; r++) for (const t of texts) n += extractTriples({ docId: t.id, text: t.text, chunks: [{ start: 0, end: t.text.length }] }).length;
    return n;
  });
  const [pairs, baseMs] = time(() => {
    let n = 0;
    for (let r = 0; r < reps; r++) for (const t of texts) n += cooccurrenceBaseline(t.text);
    return n;
  });
  log({
    bench: 'graph', case: `deterministic extraction, demo pack text x${reps}`, n: reps * texts.length,
    triples, ms: round(ms, 1), triples_per_s: Math.round(triples / (ms / 1000)), chars_per_s: Math.round((reps * total) / (ms / 1000)),
    baseline: { capitalised_cooccurrence: { pairs, ms: round(baseMs, 1), pairs_per_s: Math.round(pairs / (baseMs / 1000)), chars_per_s: Math.round((reps * total) / (baseMs / 1000)) } },
  });
}

const relations = ['located_in', 'part_of', 'owned_by', 'comes_from', 'paid_into', 'sent_to', 'produces', 'keeps', 'holds_role', 'is_a', 'in_year', 'made_by', 'sold_at', 'used_as', 'receives', 'mentioned_with'];

/** `edges` triples over about edges/4 entities; heads are skewed so that some entities are hubs. */
function syntheticTriples(edges: number, seed: number): Triple[] {
  const rand = seededRandom(seed);
  const entities = Math.max(10, Math.floor(edges / 4));
  const pick = () => Math.floor(rand() ** 2 * entities);
  return Array.from({ length: edges }, (_, i) => ({
    head: `Entity ${pick()}`,
    relation: relations[Math.floor(rand() * relations.length)]!,
    tail: `Entity ${Math.floor(rand() * entities)}`,
    prov: { docId: `doc ${i % 500}`, chunk: 0, start: i, end: i + 1, extractor: 'pattern' as const },
  }));
}

/** Graph load and 2-hop constrained retrieval at each size. */
export function runGraphBench(sizes: number[], log: (m: Measurement) => void): void {
  for (const n of sizes) {
    const triples = syntheticTriples(n, n);
    const byDoc = new Map<string, Triple[]>();
    for (const t of triples) (byDoc.get(t.prov.docId) ?? byDoc.set(t.prov.docId, []).get(t.prov.docId)!).push(t);
    const [kg, loadMs] = time(() => KnowledgeGraph.from(byDoc));
    const [plain, plainMs] = time(() => {
      const g = new MultiDirectedGraph<Record<string, never>, { relation: string }>();
      for (const t of triples) g.mergeEdge(t.head, t.tail, { relation: t.relation });
      return g;
    });
    log({
      bench: 'graph', case: `load ${n} triples into the graph`, n, load_ms: round(loadMs, 1), entities: kg.graph.order, edges: kg.graph.size,
      baseline: { graphology_alone_no_keys_no_index: { load_ms: round(plainMs, 1) } },
    });

    // Queries: a start with an outgoing edge, and a plan that exists from it (first hop out, second hop any).
    const rand = seededRandom(7);
    const nodes = kg.graph.nodes().filter((k) => kg.graph.outDegree(k) > 0);
    const queries = Array.from({ length: 200 }, () => {
      const start = nodes[Math.floor(rand() * nodes.length)]!;
      const r1 = kg.relationsAt(start)[0]!;
      const mid = kg.hops(start, r1).out[0]?.other ?? kg.hops(start, r1).in[0]!.other;
      const rels = kg.relationsAt(mid);
      return { start, plan: [r1, rels[Math.floor(rand() * rels.length)]!] };
    });
    const cap = 32;
    let found = 0;
    const ours = queries.map((q) => time(() => (found += followPlan(kg, q.start, q.plan, cap).length))[1]);
    // Baseline: the same search through graphology's edge iteration, filtering each edge by its relation.
    const viaGraphology = (start: string, plan: string[]) => {
      let frontier = [[start]];
      for (const r of plan) {
        const next: string[][] = [];
        for (const p of frontier) {
          const at = p[p.length - 1]!;
          const visit = (_e: string, a: { relation: string }, s: string, t: string) => {
            const other = s === at ? t : s;
            if (a.relation === r && next.length < cap && !p.includes(other)) next.push([...p, other]);
          };
          kg.graph.forEachOutEdge(at, visit as never);
          kg.graph.forEachInEdge(at, visit as never);
        }
        frontier = next;
      }
      return frontier.length;
    };
    let baseFound = 0;
    const base = queries.map((q) => time(() => (baseFound += viaGraphology(q.start, q.plan)))[1]);
    // The whole no-LLM pipeline (link → plan → search) for a question naming the start entity.
    const stages: GraphStageTimings[] = [];
    const whole = queries.slice(0, 100).map((q) => {
      const [r, ms] = time(() => graphRetrieve(kg, `What is ${kg.name(q.start)} located in or part of?`));
      stages.push(r.timings);
      return ms;
    });
    log({
      bench: 'graph', case: `2-hop constrained retrieval, ${n} edges, cap ${cap} paths per plan`, n, ...stats(ours), paths: found,
      link_plan_search: stats(whole),
      // Each stage's median, to say where the time goes.
      stages_p50_ms: { link: stats(stages.map((t) => t.linkMs)).p50_ms, plan: stats(stages.map((t) => t.planMs)).p50_ms, search: stats(stages.map((t) => t.searchMs)).p50_ms },
      baseline: { graphology_edge_scan_filter_by_relation: { ...stats(base), paths: baseFound } },
    });
  }
}
