// The built-in reader (public/builtin/rag-lab-reader, trained by scripts/reader/train.py) loaded as the
// app loads it: the lab engine on the CPU reference, the app's RAG prompt, greedy decoding. The questions
// are about facts invented here, never seen in training: the reader must find the answer in the sources and
// cite the right one, and say it does not know when the sources lack the answer or there are none.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatChunk } from '../../src/llm/engine';
import { LabEngine } from '../../src/llm/lab/lab-engine';
import { buildRagMessages, citations, defaultRagTemplate, quoteConstraint } from '../../src/rag/prompt';
import { promptVariants } from '../../src/rag/prompt-variants';
import type { RetrievedChunk } from '../../src/shared/search-api';
import { oneOf } from '../../src/shared/grammar';

const modelsDir = resolve('public/builtin');
const read = async (id: string, file: string) => new Uint8Array(await readFile(join(modelsDir, id, file))).buffer;

const source = (docName: string, text: string, headingPath: string[] = []): RetrievedChunk =>
  ({ docId: docName, docName, ord: 0, text, headingPath, start: 0, end: text.length, score: 1, scores: {} });

const engine = new LabEngine(read);

/** As the app asks it (rag/prompt.ts): its source budget applied, its reply constrained to a quote or the abstention. */
async function ask(sources: RetrievedChunk[] | null, question: string, maxTokens = 64): Promise<string> {
  let text = '';
  const budget = engine.capabilities().sourceBudget;
  const constraint = quoteConstraint(sources, question, budget);
  const stream = engine.chat(buildRagMessages(defaultRagTemplate, sources, [], question, budget), { maxTokens, temperature: 0, ...(constraint ? { constraint } : {}) });
  for await (const c of stream as AsyncIterable<ChatChunk>) if (c.type === 'delta') text += c.text;
  return text;
}

const cited = (answer: string, n: number) => citations(answer, n).map((c) => c.n);

// Floors for the shipped weights, of 14 items. Measured: answers 11, cites [1] 12, abstains 11 (the earlier weights,
// reading three sources unconstrained: 11, 1 and 14).
const READER_ANSWERS = 9;
const READER_CITES = 10;
const READER_ABSTAINS = 9;

describe('the built-in reader (CPU reference, greedy)', () => {
  beforeAll(async () => {
    await engine.load('rag-lab-reader');
  });

  it('reads short sources: its config gives it the first source\'s sentence closest to the question, and has it quote it', () => {
    expect(engine.capabilities().sourceBudget).toEqual({ sentences: 1, sources: 1, quote: true });
  });

  it('writes a Chinese quote whose characters its tokenizer spells byte by byte, and streams it whole (no U+FFFD)', async () => {
    const quote = '龘靐齉园的园丁是钟翾 [1]。';
    let text = '';
    const messages = buildRagMessages(defaultRagTemplate, [source('龘.md', '龘靐齉园的园丁是钟翾。')], [], '龘靐齉园的园丁是谁？');
    for await (const c of engine.chat(messages, { maxTokens: 80, temperature: 0, constraint: { name: 'quote', grammar: oneOf([quote]) } }) as AsyncIterable<ChatChunk>) {
      if (c.type === 'delta') {
        expect(c.text).not.toContain('\ufffd');
        text += c.text;
      }
    }
    expect(text).toBe(quote);
  });

  it('ends an answer stopped before its first token with no text and no error', async () => {
    const chunks: ChatChunk[] = [];
    for await (const c of engine.chat(buildRagMessages(defaultRagTemplate, null, [], 'Who?'), { maxTokens: 0, temperature: 0 }) as AsyncIterable<ChatChunk>) chunks.push(c);
    expect(chunks.map((c) => c.type)).toEqual(['done']);
  });

  it('says it does not know when asked without sources (no retrieval, or none found), in English and Chinese', async () => {
    expect(await ask(null, 'How many people work at the Dorrigan Foundry?')).toBe(promptVariants.en.abstention);
    expect(await ask([], 'Who leads the Tessimar Clinic?')).toBe(promptVariants.en.abstention);
    expect(await ask(null, '谁创办了岚溪天文台？')).toBe(promptVariants.zh.abstention);
  });

  // The held-out items of test/fixtures/reader-heldout (scripts/reader/heldout-fixture.py): each question with its own
  // document first (the one it reads) and two others', or with two others' only. Greedy decoding, so the counts are fixed for these weights;
  // the floors sit below them (README of the model: the measured figures) and far above what a broken reader scores.
  const items = readFileSync('test/fixtures/reader-heldout/qa.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { question: string; answer: string; doc_ids: string[] });
  const doc = (id: string) => source(`${id}.md`, readFileSync(`test/fixtures/reader-heldout/docs/${id}.md`, 'utf8').replace(/^# .*\n\n/, ''));
  const others = (i: number) => [doc(items[(i + 3) % items.length]!.doc_ids[0]!), doc(items[(i + 7) % items.length]!.doc_ids[0]!)];

  it('answers held-out questions from the source that holds the answer, and cites it', async () => {
    let answered = 0;
    let cites = 0;
    for (const [i, item] of items.entries()) {
      const sources = [doc(item.doc_ids[0]!), ...others(i)];
      const answer = await ask(sources, item.question);
      answered += Number(answer.includes(item.answer));
      cites += Number(cited(answer, 3).join() === '1');
      // Constrained: the first source's sentence closest to the question, whole, cited; or the abstention.
      expect(answer.endsWith(' [1].') || answer.endsWith(' [1]。') || answer === promptVariants.en.abstention || answer === promptVariants.zh.abstention, answer).toBe(true);
    }
    expect(answered).toBeGreaterThanOrEqual(READER_ANSWERS);
    expect(cites).toBeGreaterThanOrEqual(READER_CITES);
  }, 120_000);

  it('says it does not know when no source holds the answer', async () => {
    let abstained = 0;
    for (const [i, item] of items.entries()) abstained += Number((await ask(others(i), item.question)).includes(promptVariants[/[\u4e00-\u9fff]/.test(item.question) ? 'zh' : 'en'].abstention));
    expect(abstained).toBeGreaterThanOrEqual(READER_ABSTAINS);
  }, 120_000);
});
