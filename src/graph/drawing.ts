// Retrieved reasoning paths as a drawing: every hop becomes an edge in its
// stated direction (a reverse hop is drawn from `to` back to `from`), shared
// entities and edges drawn once, starts and ends marked, the best path's edges too.
import type { GraphDrawing, RetrievedPath } from '../shared/search-api';

/** The edge id the knowledge graph gives (head, relation, tail), so one fact has one id everywhere. */
export const edgeId = (head: string, relation: string, tail: string) => `${head}\u0001${relation}\u0001${tail}`;

export function pathsDrawing(paths: readonly RetrievedPath[]): GraphDrawing {
  const nodes = new Map<string, GraphDrawing['nodes'][number]>();
  const edges = new Map<string, GraphDrawing['edges'][number]>();
  const node = (key: string, name: string, role?: 'start' | 'end') => {
    const cur = nodes.get(key);
    // A start stays a start; an entity that ends one path and is passed through by another is still an answer.
    if (!cur) nodes.set(key, { key, name, ...(role ? { role } : {}) });
    else if (role && cur.role !== 'start') cur.role = role;
  };
  paths.forEach((p, n) => {
    p.hops.forEach((h, i) => {
      node(h.from, h.fromName, i === 0 ? 'start' : undefined);
      node(h.to, h.toName, i === p.hops.length - 1 ? 'end' : undefined);
      const [source, target] = h.reverse ? [h.to, h.from] : [h.from, h.to];
      const id = edgeId(source, h.relation, target);
      if (!edges.has(id)) edges.set(id, { id, source, target, relation: h.relation, evidence: h.evidence, ...(n === 0 ? { best: true } : {}) });
    });
  });
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false };
}
