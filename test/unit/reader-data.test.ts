// The reader's generated training data (scripts/reader/examples.ts): what the model is taught must be what the app
// shows it. Checked on the broad-reading level (3), whose sources go through the app's compression.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeExamples } from '../../scripts/reader/examples';
import { promptVariants } from '../../src/rag/prompt-variants';
import { quoteConstraint } from '../../src/rag/prompt';

// The shipped reader's own template (scripts/reader/template.mjs wrote it there).
const readerTemplate = JSON.parse(readFileSync('public/builtin/rag-lab-reader/mlc-chat-config.json', 'utf8')).conv_template;
const examples = makeExamples(200, 3, 1, 'test', readerTemplate);

describe('reader data, level 3 (broad reading)', () => {
  it('is the same for the same seed, and another for another', () => {
    expect(makeExamples(5, 3, 1, 'test', readerTemplate)).toEqual(examples.slice(0, 5));
    expect(makeExamples(5, 3, 2, 'test', readerTemplate)).not.toEqual(examples.slice(0, 5));
  });

  it('answers by quoting a sentence the rendered prompt shows, in the cited source, and the sentence holds the answer', () => {
    const answered = examples.filter((e) => e.kind === 'answer');
    expect(answered.length).toBeGreaterThan(80);
    for (const e of answered) {
      const prompt = e.parts.join('');
      const m = /^(.*) \[(\d+)\][.。]$/s.exec(e.target)!;
      expect(m, e.target).not.toBeNull();
      expect(Number(m[2])).toBe(e.source);
      // The quoted sentence sits in source n's block of the prompt, as compressed for the reader.
      const block = prompt.split(/\n\[(\d+)\] /).find((_, i, xs) => i > 0 && xs[i - 1] === String(e.source) && i % 2 === 0);
      expect(block, `source [${e.source}] in the prompt`).toBeDefined();
      expect(block!).toContain(m[1]!);
      expect(m[1]!).toContain(e.answer);
    }
  });

  it('abstains, with the prompt\'s own sentence, when the sources lack the answer, when compression dropped it, and without sources', () => {
    const kinds = new Set(examples.map((e) => e.kind));
    for (const k of ['absent-relation', 'absent-entity', 'no-retrieval', 'compressed-away'] as const) expect(kinds).toContain(k);
    for (const e of examples.filter((x) => x.kind !== 'answer')) {
      expect(e.target).toBe(promptVariants[e.lang].abstention);
      expect(e.source).toBe(0);
    }
    // Compressed away: the asked entity's source is there, but not the sentence that answers.
    for (const e of examples.filter((x) => x.kind === 'compressed-away')) expect(e.parts.join('')).toMatch(/\[\d\] /);
  });

  it('writes both languages, and sources of at most two sentences each (the shipped reader\'s source_sentences)', () => {
    expect(examples.some((e) => e.lang === 'zh')).toBe(true);
    expect(examples.some((e) => e.lang === 'en')).toBe(true);
    for (const e of examples.filter((x) => x.lang === 'en' && x.kind === 'answer')) {
      const sources = e.parts.join('').split(/\n\[\d+\] \([^)]*\)\n/).slice(1).map((s) => s.split(/<\|im_end\|>/)[0]!.trim());
      for (const s of sources) expect(s.split(/(?<=\.) (?=[A-Z])/).length).toBeLessThanOrEqual(2);
    }
  });
});

describe('reader data, level 4 (short reading, the shipped budget)', () => {
  const short = makeExamples(300, 4, 1, 'test', readerTemplate);
  const budget = JSON.parse(readFileSync('public/builtin/rag-lab-reader/mlc-chat-config.json', 'utf8'));

  it('shows at most one source of one sentence, and an answer is exactly what the app\'s quote constraint allows', () => {
    expect(short.filter((e) => e.kind === 'answer').length).toBeGreaterThan(150);
    for (const e of short) {
      const prompt = e.parts.join('');
      const blocks = [...prompt.matchAll(/\n\[(\d+)\] \([^\n]*\)\n([^\n]*?)(?:<\|im_end\|>|$)/gm)];
      expect(blocks.length).toBeLessThanOrEqual(1);
      if (e.kind !== 'answer') {
        expect(e.target).toBe(promptVariants[e.lang].abstention);
        continue;
      }
      const [, n, text] = blocks[0]!;
      const sources = [{ docId: 'd', docName: 'd', ord: 0, text: text!, headingPath: [], start: 0, end: text!.length, score: 1, scores: {} }];
      const question = /<\|im_start\|>user\n([^<]*)<\|im_end\|>/.exec(prompt)![1]!;
      const allowed = quoteConstraint(sources, question, { sentences: 1, sources: 1, quote: true })!.grammar as { items: { text: string }[] };
      expect(n).toBe('1');
      expect(allowed.items.map((i) => i.text), prompt.slice(-400)).toContain(e.target);
      expect(e.target).toContain(e.answer);
    }
  });

  it('is what the shipped reader reads: its config\'s budget is level 4\'s', () => {
    expect({ sentences: budget.source_sentences, sources: budget.source_limit, quote: budget.reply_quotes_sources }).toEqual({ sentences: 1, sources: 1, quote: true });
  });
});
