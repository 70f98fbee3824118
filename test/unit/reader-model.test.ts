// The built-in reader (public/builtin/rag-lab-reader, trained by scripts/reader/train.py) loaded as the
// app loads it: the lab engine on the CPU reference, the app's RAG prompt, greedy decoding. The questions
// are about facts invented here, never seen in training: the reader must find the answer in the sources and
// cite the right one, and say it does not know when the sources lack the answer or there are none.
// The committed reader does the last only: copying from the sources did not emerge in the training time
// there was (model card: 2% of held-out answers). Those checks are `it.fails`, so that a retrained reader
// that answers turns them red, and they become plain `it`.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatChunk } from '../../src/llm/engine';
import { LabEngine } from '../../src/llm/lab/lab-engine';
import { buildRagMessages, citations, defaultRagTemplate } from '../../src/rag/prompt';
import { promptVariants } from '../../src/rag/prompt-variants';
import type { RetrievedChunk } from '../../src/shared/search-api';

const modelsDir = resolve('public/builtin');
const read = async (id: string, file: string) => new Uint8Array(await readFile(join(modelsDir, id, file))).buffer;

const source = (docName: string, text: string, headingPath: string[] = []): RetrievedChunk =>
  ({ docId: docName, docName, ord: 0, text, headingPath, start: 0, end: text.length, score: 1, scores: {} });

const engine = new LabEngine(read);

async function ask(sources: RetrievedChunk[] | null, question: string, maxTokens = 28): Promise<string> {
  let text = '';
  const stream = engine.chat(buildRagMessages(defaultRagTemplate, sources, [], question), { maxTokens, temperature: 0 });
  for await (const c of stream as AsyncIterable<ChatChunk>) if (c.type === 'delta') text += c.text;
  return text;
}

const cited = (answer: string, n: number) => citations(answer, n).map((c) => c.n);

describe('the built-in reader (CPU reference, greedy)', () => {
  beforeAll(async () => {
    await engine.load('rag-lab-reader');
  });

  it('reads short sources: its config gives it two sentences of each (rag/compress.ts)', () => {
    expect(engine.capabilities().sourceSentences).toBe(2);
  });

  it('says it does not know when asked without sources (no retrieval, or none found), in English and Chinese', async () => {
    expect(await ask(null, 'How many people work at the Dorrigan Foundry?')).toBe(promptVariants.en.abstention);
    expect(await ask([], 'Who leads the Tessimar Clinic?')).toBe(promptVariants.en.abstention);
    expect(await ask(null, '谁创办了岚溪天文台？')).toBe(promptVariants.zh.abstention);
  });

  it.fails('answers an English question from the source that holds the answer, and cites it', async () => {
    const sources = [
      source('brokalund-notes.txt', 'The Brokalund Orchestra was founded in 1931. The Brokalund Orchestra employs 58 people.', ['History']),
      source('about-ostwinder.html', 'The director of the Ostwinder Gallery is Pella Quarrison. The walls of the Ostwinder Gallery are coral.'),
      source('tessimar-guide.md', 'The Tessimar Clinic is located in Harrowdeep.', ['About']),
    ];
    const answer = await ask(sources, 'Who is the director of the Ostwinder Gallery?');
    expect(answer).toContain('Pella Quarrison');
    expect(cited(answer, 3)).toEqual([2]);
  });

  it.fails('answers a Chinese question from Chinese sources, and cites the right one', async () => {
    const sources = [
      source('岚溪手册.pdf', '岚溪天文台成立于1968年。岚溪天文台的主任是贺思琪。', ['简介']),
      source('关于松湾.html', '松湾剧院生产木钟。松湾剧院位于丰源镇。'),
    ];
    const answer = await ask(sources, '松湾剧院位于哪里？');
    expect(answer).toContain('丰源镇');
    expect(cited(answer, 2)).toEqual([2]);
  });

  it.fails('says it does not know when no source holds the answer', async () => {
    const sources = [source('velmora-report.md', 'The Velmora Academy makes brass compasses. The Velmora Academy was founded in 1887.')];
    expect(await ask(sources, 'Who founded the Quintessa Bakery?')).toContain(promptVariants.en.abstention);
  });
});
