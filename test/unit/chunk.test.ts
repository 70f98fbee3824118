import { readFileSync } from 'node:fs';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { chunkBudget, chunkDocument, type TokenCounter } from '../../src/ingest/chunk';
import { parseHtml } from '../../src/ingest/html';
import { parseMarkdown, parsePlainText } from '../../src/ingest/plain';
import { sentenceRanges } from '../../src/ingest/sentences';
import { memoizedCounter } from '../../src/ingest/token-count';
import type { Chunk, ParsedDoc } from '../../src/shared/library-types';
import { fixtureModelsDir } from './helpers';

/** A stand-in tokenizer: one token per word or CJK character. */
const words: TokenCounter = (t) => (t.match(/[\u3040-\u30ff\u4e00-\u9fff]|[^\s\u3040-\u30ff\u4e00-\u9fff]+/g) ?? []).length;

function expectWellFormed(doc: ParsedDoc, chunks: Chunk[], limit: number, count: TokenCounter) {
  expect(chunks.length).toBeGreaterThan(0);
  for (const c of chunks) {
    expect(c.text).toBe(doc.text.slice(c.start, c.end));
    expect(count(c.text)).toBeLessThanOrEqual(limit);
  }
  // Every non-space character of the document is in some chunk.
  const covered = new Uint8Array(doc.text.length);
  for (const c of chunks) covered.fill(1, c.start, c.end);
  for (let i = 0; i < doc.text.length; i++) if (!/\s/.test(doc.text[i]!)) expect(covered[i], `char ${i}`).toBe(1);
}

describe('sentenceRanges', () => {
  it('splits English at sentence ends but keeps decimals and closing quotes', () => {
    const t = 'Yield is 3.8 tonnes. "Sow in March!" Then wait? Yes';
    expect(sentenceRanges(t).map(([s, e]) => t.slice(s, e))).toEqual(['Yield is 3.8 tonnes.', '"Sow in March!"', 'Then wait?', 'Yes']);
  });

  it('a title\'s or an initial\'s full stop before a name ends no sentence', () => {
    const t = 'It was founded by the Rev. Elias Penhale and J. R. Vane. Dr. Pask came later. We met at 10 a.m. Then we left.';
    expect(sentenceRanges(t).map(([s, e]) => t.slice(s, e))).toEqual(['It was founded by the Rev. Elias Penhale and J. R. Vane.', 'Dr. Pask came later.', 'We met at 10 a.m.', 'Then we left.']);
    // A firm's "Co." before a word in lower case ends no sentence either.
    const firm = 'The windows were made by Morris & Co. to designs by Burne-Jones. They were fitted in 1874.';
    expect(sentenceRanges(firm).map(([s, e]) => firm.slice(s, e))).toEqual(['The windows were made by Morris & Co. to designs by Burne-Jones.', 'They were fitted in 1874.']);
  });

  it('splits Chinese and Japanese at 。！？ without spaces', () => {
    const zh = '合作社成立于1962年。大麦八月收获！海带什么时候收割？';
    expect(sentenceRanges(zh).map(([s, e]) => zh.slice(s, e))).toEqual(['合作社成立于1962年。', '大麦八月收获！', '海带什么时候收割？']);
    const ja = '昆布は五月から刈ります。「本当？」はい。';
    expect(sentenceRanges(ja).map(([s, e]) => ja.slice(s, e))).toEqual(['昆布は五月から刈ります。', '「本当？」', 'はい。']);
  });
});

describe('chunkBudget', () => {
  it('never exceeds the model maximum less the special tokens, and caps overlap at half', () => {
    expect(chunkBudget({ chunkTokens: 256, overlapTokens: 32, maxTokens: 512 })).toEqual({ limit: 256, overlap: 32 });
    expect(chunkBudget({ chunkTokens: 1000, overlapTokens: 900, maxTokens: 128 })).toEqual({ limit: 126, overlap: 63 });
  });
});

describe('chunkDocument', () => {
  const md = parseMarkdown(readFileSync('public/demo/docs/member-handbook.md', 'utf8'));

  it('keeps small sections whole, with exact offsets and heading paths', () => {
    const chunks = chunkDocument(md, { chunkTokens: 60, overlapTokens: 8, maxTokens: 512 }, words);
    expectWellFormed(md, chunks, 60, words);
    const voting = chunks.find((c) => c.text.includes('exactly one vote'))!;
    expect(voting.headingPath).toEqual(["Skerrow Island Growers' Cooperative — Member Handbook", 'Voting']);
    expect(voting.text.startsWith('Voting')).toBe(true); // the chunk begins at its heading
  });

  it('overlaps consecutive chunks inside a section by whole sentences, within the overlap budget', () => {
    const long: ParsedDoc = parsePlainText(Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about kelp.`).join(' '));
    const chunks = chunkDocument(long, { chunkTokens: 30, overlapTokens: 12, maxTokens: 512 }, words);
    expectWellFormed(long, chunks, 30, words);
    for (let i = 1; i < chunks.length; i++) {
      const shared = chunks[i - 1]!.end - chunks[i]!.start;
      expect(shared, `chunk ${i}`).toBeGreaterThan(0);
      expect(words(long.text.slice(chunks[i]!.start, chunks[i - 1]!.end))).toBeLessThanOrEqual(12);
    }
  });

  it('does not carry overlap across a heading', () => {
    const doc = parseMarkdown(`# A\n\n${'Alpha beta gamma delta. '.repeat(12)}\n\n# B\n\n${'Epsilon zeta eta theta. '.repeat(12)}`);
    const chunks = chunkDocument(doc, { chunkTokens: 40, overlapTokens: 10, maxTokens: 512 }, words);
    const firstB = chunks.find((c) => c.headingPath[0] === 'B')!;
    expect(firstB.text.startsWith('B')).toBe(true);
  });

  it('hard-splits a sentence longer than the limit, and Chinese text with no spaces', () => {
    const doc = parsePlainText(`${'word '.repeat(100)}end.\n\n${'大麦'.repeat(80)}。`);
    const chunks = chunkDocument(doc, { chunkTokens: 32, overlapTokens: 4, maxTokens: 512 }, words);
    expectWellFormed(doc, chunks, 32, words);
    expect(chunks.filter((c) => c.text.includes('大麦')).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps PDF page numbers on chunks', () => {
    const doc: ParsedDoc = {
      text: 'Page one text.\n\nPage two text.',
      blocks: [
        { kind: 'paragraph', level: 0, start: 0, end: 14, page: 1 },
        { kind: 'paragraph', level: 0, start: 16, end: 30, page: 2 },
      ],
      pageCount: 2,
    };
    expect(chunkDocument(doc, { chunkTokens: 100, overlapTokens: 0, maxTokens: 512 }, words)).toEqual([
      { text: doc.text, start: 0, end: 30, headingPath: [], tokens: 6, page: 1, pageEnd: 2 },
    ]);
    const long: ParsedDoc = { ...doc, text: 'Page one has five words.\n\nPage two has five words.', blocks: [
      { kind: 'paragraph', level: 0, start: 0, end: 24, page: 1 },
      { kind: 'paragraph', level: 0, start: 26, end: 50, page: 2 },
    ] };
    expect(chunkDocument(long, { chunkTokens: 8, overlapTokens: 0, maxTokens: 512 }, words).map((c) => c.page)).toEqual([1, 2]);
  });

  it('respects the real tokenizer\'s limit on every demo document', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${fixtureModelsDir}/`;
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-embedder');
    const count: TokenCounter = (t) => tokenizer.encode(t, { add_special_tokens: false }).length;
    for (const name of ['history.md', 'price-list-2026.html', 'barley-varieties.txt']) {
      const text = readFileSync(`public/demo/docs/${name}`, 'utf8');
      const doc = name.endsWith('.html') ? parseHtml(text) : name.endsWith('.md') ? parseMarkdown(text) : parsePlainText(text);
      const chunks = chunkDocument(doc, { chunkTokens: 48, overlapTokens: 8, maxTokens: 512 }, count);
      expectWellFormed(doc, chunks, 48, count);
    }
  });

  it('re-checks chunks near the hard limit with the exact counter when the fast one underestimates', () => {
    const doc = parsePlainText(Array.from({ length: 60 }, (_, i) => `Word${i} kelp.`).join(' '));
    const underestimate: TokenCounter = (t) => Math.floor(words(t) / 2);
    const chunks = chunkDocument(doc, { chunkTokens: 40, overlapTokens: 0, maxTokens: 42 }, underestimate, words);
    for (const c of chunks) expect(words(c.text)).toBeLessThanOrEqual(40);
    expect(chunks.map((c) => c.text).join(' ')).toBe(doc.text);
  });
});

describe('memoizedCounter', () => {
  it('gives exactly the tokenizer\'s count on every demo document (WordPiece is additive over words)', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${fixtureModelsDir}/`;
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-embedder');
    const exact: TokenCounter = (t) => tokenizer.encode(t, { add_special_tokens: false }).length;
    const fast = memoizedCounter(exact);
    for (const name of ['history.md', 'price-list-2026.html', 'barley-varieties.txt', 'glossary.md']) {
      const text = readFileSync(`public/demo/docs/${name}`, 'utf8');
      for (const [s, e] of sentenceRanges(text)) expect(fast(text.slice(s, e)), text.slice(s, e)).toBe(exact(text.slice(s, e)));
      expect(fast(text)).toBe(exact(text));
    }
    expect(fast('大麦八月收获。 Kelp, barley!')).toBe(exact('大麦八月收获。 Kelp, barley!'));
  });
});

