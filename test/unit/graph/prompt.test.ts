import { describe, expect, it } from 'vitest';
import { KnowledgeGraph } from '../../../src/graph/knowledge-graph';
import { baselineAnswer, renderPath, rogPrompt } from '../../../src/graph/prompt';
import { followPlan } from '../../../src/graph/search';
import type { GraphPath } from '../../../src/graph/types';
import { t } from './fixtures';

const kg = KnowledgeGraph.from([['a', [t('a', 'rent', 'comes_from', 'Pellan Cottage'), t('a', 'rent', 'paid_into', 'Seawall Fund')]]]);
const path: GraphPath = { ...followPlan(kg, 'pellan cottage', ['comes_from', 'paid_into'], 5)[0]!, score: 1 };

describe('RoG prompt', () => {
  it('renders a path with arrows, a reverse hop pointing back', () => {
    expect(renderPath(path)).toBe('Pellan Cottage ← comes_from ← rent → paid_into → Seawall Fund');
  });

  it('numbers the paths in RoG\'s prompt and asks for citations', () => {
    const prompt = rogPrompt('Where does the cottage rent go?', [path, { ...path, steps: path.steps.slice(0, 1) }]);
    expect(prompt).toContain('Based on the reasoning paths, please answer the given question.');
    expect(prompt).toContain('Reasoning Paths:\n[1] Pellan Cottage ← comes_from ← rent → paid_into → Seawall Fund\n[2] Pellan Cottage ← comes_from ← rent\n');
    expect(prompt).toMatch(/Question:\nWhere does the cottage rent go\?$/);
    expect(prompt).toContain('[n]');
    expect(rogPrompt('q', [])).toContain('(none)');
  });

  it('answers without an LLM with the last entity of the best path', () => {
    expect(baselineAnswer([path])).toBe('Seawall Fund');
    expect(baselineAnswer([])).toBeNull();
  });
});
