import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abstention, beginQuote, checkLlmTarget, containsQuote, endQuote, oraclePassages, raftExample, selfGenExample, sftExample, type Passage, type TrainingExample } from '../../../src/finetune/datasets';
import { datasetStats, renderExample, toJsonl, trainingNote } from '../../../src/finetune/render';
import type { QaItem } from '../../../src/eval/types';
import type { ConvTemplate } from '../../../src/llm/conv-template';
import { seededRandom } from '../../../src/shared/random.mjs';
import { buildRagMessages, defaultRagTemplate, noRetrievalSystem } from '../../../src/rag/prompt';
import { fixtureModelsDir } from '../helpers';

const p = (docName: string, text: string): Passage => ({ docName, text, headingPath: [] });
const history = p('history.md', 'The cooperative was founded in 1962 by fourteen households. It grew fast.');
const candidates = [
  p('history.md', 'The cooperative was founded in 1962 by fourteen households. It grew fast.'),
  p('prices.md', 'Barley fetches 3 crowns a sack.'),
  p('ferry.md', 'The ferry runs twice a day.'),
  p('kelp.md', 'Kelp is cut from May to August.'),
  p('notes.md', 'Founded in 1962 by fourteen households, as the history says.'), // holds the quote's words: never a distractor
];
const item: QaItem = { id: 'n1', question: 'When was the cooperative founded?', answer: '1962', doc_ids: ['history'], quote: 'founded in 1962 by fourteen households', split: 'train' };

describe('RAFT', () => {
  it('respects P over many examples, and distractors never hold the oracle', () => {
    const random = seededRandom(3);
    let withOracle = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const ex = raftExample(item, [history], candidates, { p: 0.8, distractors: 3 }, random, defaultRagTemplate) as TrainingExample;
      if (ex.meta.oracle) withOracle++;
      const system = ex.messages[0]!.content;
      // The oracle document appears only when meta says so; no other document holds the quote.
      expect(system.includes('(history.md)')).toBe(ex.meta.oracle);
      expect(system.includes('(notes.md)')).toBe(false);
      const target = ex.messages.at(-1)!.content;
      const quoted = new RegExp(`${beginQuote}(.+?)${endQuote}`).exec(target)![1]!;
      expect(containsQuote(history.text, quoted)).toBe(true);
      expect(target.endsWith('<ANSWER>: 1962')).toBe(true);
    }
    expect(withOracle / n).toBeGreaterThan(0.77);
    expect(withOracle / n).toBeLessThan(0.83);
  });
  it('cites the oracle by its number among the shuffled documents', () => {
    const ex = raftExample(item, [history], candidates, { p: 1, distractors: 3 }, seededRandom(9), defaultRagTemplate) as TrainingExample;
    const n = Number(/\[(\d)\]\. So the answer/.exec(ex.messages.at(-1)!.content)![1]);
    expect(ex.messages[0]!.content).toContain(`[${n}] (history.md)`);
  });
  it('uses a model-written target only when its quote is really in the oracle', () => {
    const good = `The history ${beginQuote}founded in 1962${endQuote} gives it. <ANSWER>: 1962`;
    const invented = `It ${beginQuote}founded in 1970${endQuote}. <ANSWER>: 1962`;
    expect(checkLlmTarget(good, [history], '1962')).toBe(true);
    expect(checkLlmTarget(invented, [history], '1962')).toBe(false);
    expect(checkLlmTarget(`${beginQuote}founded in 1962${endQuote} <ANSWER>: 1963`, [history], '1962')).toBe(false);
    const ex = raftExample(item, [history], candidates, { p: 1, distractors: 2 }, seededRandom(1), defaultRagTemplate, invented) as TrainingExample;
    expect(ex.meta.target).toBe('template');
    expect((raftExample(item, [history], candidates, { p: 1, distractors: 2 }, seededRandom(1), defaultRagTemplate, good) as TrainingExample).meta.target).toBe('llm');
  });
  it('an unanswerable item teaches abstention over distractors; a missing document is a skip with a reason', () => {
    const ex = raftExample({ ...item, id: 'u', answer: null, quote: null, doc_ids: [] }, [], candidates, { p: 0.8, distractors: 3 }, seededRandom(1), defaultRagTemplate) as TrainingExample;
    expect(ex.messages.at(-1)!.content).toBe(abstention);
    expect(raftExample(item, [], candidates, { p: 0.8, distractors: 3 }, seededRandom(1), defaultRagTemplate)).toEqual({ itemId: 'n1', reason: 'its documents are not in your library' });
  });
  it('finds oracle passages: gold-document chunks holding the quote', () => {
    expect(oraclePassages(item, candidates)).toEqual([history]);
    expect(oraclePassages({ ...item, doc_ids: ['missing'] }, candidates)).toEqual([]);
  });
});

describe('self-generated demonstrations', () => {
  const prompt = buildRagMessages(defaultRagTemplate, [], [], item.question);
  it('keeps correct answers verbatim and turns wrong ones into abstentions, at the threshold or holding the answer whole', () => {
    // F1 of "It was 1962 [1]." against "1962": tokens it, was, 1962 → P 1/3, R 1 → 0.5.
    expect(selfGenExample(item, prompt, 'It was 1962 [1].', { threshold: 0.5, noContextShare: 0 }).messages.at(-1)!.content).toBe('It was 1962 [1].');
    // Below the threshold, but the gold answer is in it whole (a quoted sentence): correct too.
    expect(selfGenExample(item, prompt, 'It was 1962 [1].', { threshold: 0.6, noContextShare: 0 }).meta).toMatchObject({ abstain: false, target: 'model-answer', score: 0.5 });
    expect(selfGenExample(item, prompt, 'It was 19621 [1].', { threshold: 0.6, noContextShare: 0 }).meta).toMatchObject({ abstain: true, target: 'abstention' });
    expect(selfGenExample(item, prompt, 'In 1970.', { threshold: 0.5, noContextShare: 0 }).messages.at(-1)!.content).toBe(abstention);
    // An abstention is never a "correct answer", even for F1 purposes.
    expect(selfGenExample(item, prompt, "I don't know 1962", { threshold: 0.1, noContextShare: 0 }).meta.target).toBe('abstention');
  });
  it('records whether the prompt had context', () => {
    const bare = [{ role: 'system' as const, content: noRetrievalSystem }, { role: 'user' as const, content: item.question }];
    expect(selfGenExample(item, bare, '1962', { threshold: 0.5, noContextShare: 1 }).meta.withContext).toBe(false);
    expect(selfGenExample(item, prompt, '1962', { threshold: 0.5, noContextShare: 0 }).meta.withContext).toBe(true);
  });
});

describe('rendering with the model\'s conv_template', () => {
  const template = (name: string) => JSON.parse(readFileSync(join(fixtureModelsDir, name, 'mlc-chat-config.json'), 'utf8')).conv_template as ConvTemplate;
  const ex = sftExample(item);
  it('qwen2 (ChatML) golden', () => {
    expect(renderExample(template('tiny-qwen2'), ex)).toEqual({
      prompt: `<|im_start|>system\n${noRetrievalSystem}<|im_end|>\n<|im_start|>user\nWhen was the cooperative founded?<|im_end|>\n<|im_start|>assistant\n`,
      completion: '1962<|im_end|>\n',
    });
  });
  it('llama-3.1 golden', () => {
    expect(renderExample(template('tiny-llama'), ex)).toEqual({
      prompt: `<|start_header_id|>system<|end_header_id|>\n\n${noRetrievalSystem}<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhen was the cooperative founded?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
      completion: '1962<|eot_id|>',
    });
  });
  it('exports JSONL with messages and the rendered text, stats, and a training note', () => {
    const examples = [ex, sftExample({ ...item, id: 'u', answer: null })];
    const lines = toJsonl(template('tiny-qwen2'), examples).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1].messages.at(-1)).toEqual({ role: 'assistant', content: abstention });
    expect(lines[0].meta).toMatchObject({ item_id: 'n1', target: 'gold' });
    const stats = datasetStats(template('tiny-qwen2'), examples, (t) => t.split(/\s+/).length);
    expect(stats).toMatchObject({ examples: 2, abstentionShare: 0.5, oracleRate: null, withContextShare: 0 });
    expect(stats.completionTokens!.max).toBeGreaterThan(0);
    const note = trainingNote('sft', 'demo-sft', { id: 'local/tiny-llama', family: 'llama', tied: true }, stats);
    expect(note).toContain('target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]');
    expect(note).toContain('do not put lm_head in target_modules');
  });
});
