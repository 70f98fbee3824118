// The search worker's graph vectors: which texts it asks the retriever to embed,
// what it keeps across syncs, and what it hands to linking and planning.
import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../src/graph/knowledge-graph';
import { relationPhrase } from '../../src/graph/relation-cues';
import { defaultGraphRetrieveOptions } from '../../src/graph/rog';
import { defaultGraphVectorOptions } from '../../src/graph/similarity';
import { GraphSearch } from '../../src/retrieval/graph-search';
import { GraphVectors } from '../../src/retrieval/graph-vectors';
import { t } from './graph/fixtures';

const dim = 4;
/** A deterministic unit vector per text: texts in `near` share one direction (cosine 1). */
function embed(texts: string[], near: string[][] = []): Float32Array {
  const out = new Float32Array(texts.length * dim);
  texts.forEach((text, i) => {
    const group = near.findIndex((g) => g.includes(text));
    const seed = group >= 0 ? `group${group}` : text;
    let h = 0;
    for (const c of seed) h = (h * 31 + c.charCodeAt(0)) | 0;
    const v = [Math.sin(h), Math.cos(h), Math.sin(h * 0.7), Math.cos(h * 1.3)];
    const n = Math.hypot(...v);
    v.forEach((x, d) => (out[i * dim + d] = x / n));
  });
  return out;
}

const triples = [t('a', 'Tractor', 'same_as', 'Fendt 208'), t('a', 'Tractor', 'owned_by', 'cooperative'), t('a', 'old tide mill', 'located_in', 'Pellan Point')];

describe('GraphVectors', () => {
  it('asks for every name, alias and relation phrase once, and only for new ones after a re-sync', () => {
    const kg = KnowledgeGraph.from([['a', triples]]);
    const gv = new GraphVectors();
    gv.reset('m1', kg);
    const all = gv.missing(kg, 100);
    expect(all).toEqual(['Tractor', 'Fendt 208', 'cooperative', 'old tide mill', 'Pellan Point', relationPhrase('owned_by'), relationPhrase('located_in')]);
    expect(gv.missing(kg, 2)).toEqual(['Tractor', 'Fendt 208']);
    expect(gv.add('m1', all, embed(all))).toBe(all.length);
    expect(gv.missing(kg, 100)).toEqual([]);
    // An unchanged graph after a sync: nothing to embed again.
    const same = KnowledgeGraph.from([['a', triples]]);
    gv.reset('m1', same);
    expect(gv.missing(same, 100)).toEqual([]);
    // A document more: only its texts.
    const more = KnowledgeGraph.from([['a', triples], ['b', [t('b', 'rent', 'paid_into', 'seawall fund')]]]);
    gv.reset('m1', more);
    expect(gv.missing(more, 100)).toEqual(['rent', 'seawall fund', relationPhrase('paid_into')]);
    // Another embedder: everything again.
    gv.reset('m2', more);
    expect(gv.missing(more, 100)).toHaveLength(all.length + 3);
  });

  it('refuses another embedder\'s batch and a malformed one', () => {
    const kg = KnowledgeGraph.from([['a', triples]]);
    const gv = new GraphVectors();
    gv.reset('m1', kg);
    expect(gv.add('m2', ['Tractor'], embed(['Tractor']))).toBe(0);
    expect(gv.add('m1', ['Tractor', 'cooperative'], new Float32Array(5))).toBe(0);
    expect(gv.missing(kg, 1)).toEqual(['Tractor']);
  });

  it('hands linking the name rows with a calibrated threshold, and planning the question and relation vectors', () => {
    const kg = KnowledgeGraph.from([['a', triples]]);
    const gv = new GraphVectors();
    gv.reset('m1', kg);
    const base = defaultGraphRetrieveOptions;
    expect(gv.retrieveOptions(kg, { question: new Float32Array(dim) }, base, defaultGraphVectorOptions)).toBe(base);
    const texts = gv.missing(kg, 100);
    const vectors = embed(texts);
    gv.add('m1', texts, vectors);
    const question = embed(['q']);
    const spans = embed(['s1', 's2']);
    const o = gv.retrieveOptions(kg, { question, spans }, base, defaultGraphVectorOptions);
    // Names and aliases: Fendt 208 is a row of the tractor.
    expect(o.link.vectors!.names.keys).toEqual(['tractor', 'tractor', 'cooperative', 'old tide mill', 'pellan point']);
    expect(o.link.vectors!.spans).toBe(spans);
    expect(o.link.vectors!.threshold).toBeGreaterThanOrEqual(defaultGraphVectorOptions.linkFloor);
    expect(o.link.vectors!.maxLinks).toBe(defaultGraphVectorOptions.maxEmbeddingLinks);
    expect(o.plan.vectors!.question).toBe(question);
    const i = texts.indexOf(relationPhrase('owned_by'));
    expect([...o.plan.vectors!.relation('owned_by')!]).toEqual([...vectors.subarray(i * dim, (i + 1) * dim)]);
    // A question vector of another size is not used.
    expect(gv.retrieveOptions(kg, { question: new Float32Array(3) }, base, defaultGraphVectorOptions).plan).toBe(base.plan);
  });
});

describe('GraphSearch alias merge by embedding', () => {
  const docs = [{ docId: 'a', triples: [...triples, t('a', 'tide mill', 'owned_by', 'cooperative')] }];
  const chunks = new Map([['a', []]]);
  const fill = (g: GraphSearch) => {
    for (let texts = g.textsToEmbed(3); texts.length; texts = g.textsToEmbed(3)) g.addVectors('m1', texts, embed(texts, [['old tide mill', 'tide mill']]));
  };

  it('is off by default', () => {
    const g = new GraphSearch();
    g.load(docs, chunks, new Map(), 'm1');
    fill(g);
    expect(g.findEntities('tide mill', 5).map((e) => e.key).sort()).toEqual(['old tide mill', 'tide mill']);
  });

  it('when on, merges once every name has its vector', () => {
    const g = new GraphSearch({ ...defaultGraphVectorOptions, aliasMerge: true });
    g.load(docs, chunks, new Map(), 'm1');
    g.addVectors('m1', ['old tide mill', 'tide mill'], embed(['old tide mill', 'tide mill'], [['old tide mill', 'tide mill']]));
    // Not yet: the other names have no vector, so the similarity baseline is unknown.
    expect(g.findEntities('tide mill', 5)).toHaveLength(2);
    fill(g);
    const [mill] = g.findEntities('tide mill', 5);
    expect(g.findEntities('tide mill', 5)).toHaveLength(1);
    expect(mill).toMatchObject({ key: 'old tide mill', aliases: ['tide mill'] });
    expect(g.neighbourhood('old tide mill', 10).edges.map((e) => e.relation).sort()).toEqual(['located_in', 'owned_by']);
  });
});
