// Looking around the knowledge graph, for the Graph view: entities found by
// name, an entity's neighbourhood, the relation labels. Plain data out, so the
// search worker can send it to the page.
import type { KnowledgeGraph } from './knowledge-graph';
import { entityKey } from './normalize';
import { weakRelations } from './relations';
import type { Provenance } from './types';

export interface FoundEntity {
  key: string;
  name: string;
  aliases: string[];
  degree: number;
}

/**
 * Entities whose key or an alias's key contains the text's key: a whole match first,
 * then a match at the start of the name, then anywhere; the better connected first among equals.
 */
export function findEntities(kg: KnowledgeGraph, text: string, limit: number): FoundEntity[] {
  const q = entityKey(text);
  if (!q) return [];
  const found: (FoundEntity & { rank: number })[] = [];
  kg.graph.forEachNode((key, attrs) => {
    let rank = 3;
    for (const k of [key, ...attrs.aliases.map(entityKey)]) {
      if (k === q) rank = Math.min(rank, 0);
      else if (k.startsWith(q)) rank = Math.min(rank, 1);
      else if (k.includes(q)) rank = Math.min(rank, 2);
    }
    if (rank < 3) found.push({ key, name: attrs.name, aliases: attrs.aliases, degree: kg.graph.degree(key), rank });
  });
  found.sort((a, b) => a.rank - b.rank || b.degree - a.degree || a.name.localeCompare(b.name));
  return found.slice(0, limit).map(({ rank: _, ...e }) => e);
}

export interface NeighbourhoodEdge {
  id: string;
  source: string;
  target: string;
  relation: string;
  prov: Provenance[];
}

export interface Neighbourhood {
  nodes: { key: string; name: string }[];
  edges: NeighbourhoodEdge[];
  truncated: boolean;
}

/**
 * An entity with its edges (both directions) and their other ends, at most `maxEdges`
 * edges: the most often stated first, weak co-occurrence last. Empty when the key is unknown.
 */
export function neighbourhood(kg: KnowledgeGraph, key: string, maxEdges: number): Neighbourhood {
  if (!kg.graph.hasNode(key)) return { nodes: [], edges: [], truncated: false };
  const all: NeighbourhoodEdge[] = [];
  kg.graph.forEachEdge(key, (id, attrs, source, target) => {
    all.push({ id, source, target, relation: attrs.relation, prov: attrs.prov });
  });
  const weak = (e: NeighbourhoodEdge) => (weakRelations.has(e.relation) ? 1 : 0);
  all.sort((a, b) => weak(a) - weak(b) || b.prov.length - a.prov.length || a.id.localeCompare(b.id));
  const edges = all.slice(0, maxEdges);
  const keys = new Set([key]);
  for (const e of edges) keys.add(e.source).add(e.target);
  return { nodes: [...keys].map((k) => ({ key: k, name: kg.name(k) })), edges, truncated: all.length > edges.length };
}

/** Relation labels by how many edges carry them, most first (ties by label). */
export function relationCounts(kg: KnowledgeGraph): { label: string; edges: number }[] {
  return [...kg.relations()].map(([label, edges]) => ({ label, edges })).sort((a, b) => b.edges - a.edges || a.label.localeCompare(b.label));
}
