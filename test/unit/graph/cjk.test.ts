// Chinese end to end: extraction, entity keys, linking and a two-hop path.
import { describe, expect, it } from 'vitest';
import { extractTriples } from '../../../src/graph/extract';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { renderPath } from '../../../src/graph/prompt';
import { graphRetrieve } from '../../../src/graph/rog';
import { loadTagger } from '../../../src/graph/verbs';

// The extractor and the scorer need compromise (graph/verbs.ts), which loads on first use.
await loadTagger();

const text = ['安妮卡是董事会的主席。', '董事会位于布伦诺克会堂。', '司库：托马斯'].join('\n');
const kg = KnowledgeGraph.from([['zh', extractTriples({ docId: 'zh', text, chunks: [{ start: 0, end: text.length }] })]]);

describe('CJK knowledge graph', () => {
  it('builds entities from Chinese text, with full-width forms merged', () => {
    expect(kg.resolve('董事会')).toBe('董事会');
    expect(kg.resolve('「董事会」')).toBe('董事会');
    expect(kg.resolve('安妮卡')).toBe('安妮卡');
  });

  it('links a Chinese question and follows a two-hop path to the answer', () => {
    const r = graphRetrieve(kg, '安妮卡担任主席的机构位于哪里？');
    expect(r.linked.map((l) => l.name)).toContain('安妮卡');
    expect(r.paths.map(renderPath)).toContain('安妮卡 → chair_of → 董事会 → located_in → 布伦诺克会堂');
  });
});
