import { describe, expect, it } from 'vitest';
import { buildRagMessages, citations, defaultRagTemplate, formatSource } from '../../src/rag/prompt';
import type { RetrievedChunk } from '../../src/shared/search-api';

const chunk = (docName: string, text: string, extra: Partial<RetrievedChunk> = {}): RetrievedChunk => ({
  docId: docName, docName, ord: 0, text, headingPath: [], start: 0, end: text.length, score: 1, scores: {}, ...extra,
});

describe('RAG prompt', () => {
  it('numbers the sources with their locations inside the system message', () => {
    const sources = [chunk('kelp.md', 'Kelp is cut from May.', { headingPath: ['Season'] }), chunk('report.pdf', 'The mill wheel cost 26,500 crowns.', { page: 2 })];
    const messages = buildRagMessages(defaultRagTemplate, sources, [], 'When is kelp cut?');
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain('[1] (kelp.md › Season)\nKelp is cut from May.');
    expect(messages[0]!.content).toContain('[2] (report.pdf › page 2)');
    expect(messages[0]!.content).toContain('say "I don\'t know based on the provided documents."');
    expect(formatSource(sources[0]!, 3).startsWith('[3]')).toBe(true);
  });

  it('keeps the conversation, and works without retrieval or with a template lacking {sources}', () => {
    const history = [{ role: 'user' as const, content: 'Hi' }, { role: 'assistant' as const, content: 'Hello' }];
    expect(buildRagMessages(defaultRagTemplate, null, history, 'Q').map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(buildRagMessages('Be brief.', [chunk('a', 'x')], [], 'Q')[0]!.content).toBe('Be brief.\n\nSources:\n[1] (a)\nx');
    expect(buildRagMessages(defaultRagTemplate, [], [], 'Q')[0]!.content).toContain('(no sources found)');
  });

  it('finds citations, including lists, and flags those without a source', () => {
    expect(citations('Kelp [1]. Barley [2, 3] and [1][4].', 3)).toEqual([
      { n: 1, exists: true }, { n: 2, exists: true }, { n: 3, exists: true }, { n: 4, exists: false },
    ]);
    expect(citations('No citations here.', 2)).toEqual([]);
  });
});

describe('quotedRanges', () => {
  it('marks runs of four or more words the answer repeats', async () => {
    const { quotedRanges } = await import('../../src/rag/quotes');
    const source = 'Kelp is cut only between 1 May and 15 August, so that the beds can regrow.';
    const answer = 'It is cut only between 1 May and 15 August [1].';
    const ranges = quotedRanges(source, answer);
    expect(ranges.map(([s, e]) => source.slice(s, e))).toEqual(['is cut only between 1 May and 15 August']);
    expect(quotedRanges(source, 'Kelp grows.')).toEqual([]);
  });
});
