// Prompt variants by language: the detector, and that a Chinese question gets
// the Chinese RAG prompt, no-retrieval prompt, RAFT target and abstention.
import { describe, expect, it } from 'vitest';
import { isAbstention } from '../../src/eval/metrics';
import { abstentionFor, raftExample, selfGenExample, sftExample, templateTarget } from '../../src/finetune/datasets';
import { buildRagMessages, choosePrompt, defaultRagTemplate, formatSource } from '../../src/rag/prompt';
import { promptVariants } from '../../src/rag/prompt-variants';
import { detectPromptLanguage, hanShare } from '../../src/shared/language';
import { seededRandom } from '../../src/shared/random.mjs';
import type { RetrievedChunk } from '../../src/shared/search-api';

const chunk = (docName: string, text: string, page?: number): RetrievedChunk => ({
  docId: docName, docName, ord: 0, text, headingPath: [], ...(page ? { page } : {}), start: 0, end: text.length, score: 1, scores: {},
});

describe('detectPromptLanguage', () => {
  it('counts Han characters against Latin words', () => {
    expect(hanShare('RAG 是什么？')).toBeCloseTo(3 / 4, 10);
    expect(hanShare('What is 海螺?')).toBeCloseTo(2 / 4, 10);
    expect(hanShare('2025, 3.5 %')).toBe(0);
  });

  it('calls a question Chinese when Han characters are the majority', () => {
    expect(detectPromptLanguage('青屿茶社是哪一年成立的？')).toBe('zh');
    expect(detectPromptLanguage('Qwen2.5-0.5B-Instruct 的参数量是多少？')).toBe('zh');
    expect(detectPromptLanguage('RAG 是什么？')).toBe('zh');
    expect(detectPromptLanguage('When was the cooperative founded?')).toBe('en');
    expect(detectPromptLanguage('What is 海螺?')).toBe('en');
    expect(detectPromptLanguage('')).toBe('en');
    // Japanese writes Han characters too, with kana: it has no variant of its own.
    expect(detectPromptLanguage('協同組合はいつ設立されましたか？')).toBe('en');
  });
});

describe('prompt selection by language', () => {
  const sources = [chunk('茶园手册.md', '采茶季从四月十日开始。', 2)];

  it('gives a Chinese question the Chinese RAG prompt while the template is a built-in one', () => {
    const [system] = buildRagMessages(defaultRagTemplate, sources, [], '采茶季从哪天开始？');
    expect(system!.content).toBe(promptVariants.zh.ragTemplate.replace('{sources}', '[1] (茶园手册.md › 第 2 页)\n采茶季从四月十日开始。'));
    expect(system!.content).toContain('根据所提供的文档，我不知道。');
    // The Chinese template given for an English question switches back to English.
    expect(buildRagMessages(promptVariants.zh.ragTemplate, sources, [], 'When does picking start?')[0]!.content).toContain('page 2');
    expect(buildRagMessages(defaultRagTemplate, [], [], '采茶季从哪天开始？')[0]!.content).toContain('（没有找到资料）');
  });

  it('keeps an edited template as written, but still picks the no-retrieval prompt by language', () => {
    expect(choosePrompt('Answer tersely. {sources}', '采茶季从哪天开始？')).toMatchObject({ language: 'zh', custom: true });
    expect(buildRagMessages('Answer tersely. {sources}', sources, [], '采茶季从哪天开始？')[0]!.content).toBe('Answer tersely. [1] (茶园手册.md › 第 2 页)\n采茶季从四月十日开始。');
    expect(buildRagMessages('Answer tersely.', null, [], '采茶季从哪天开始？')[0]!.content).toBe(promptVariants.zh.noRetrievalSystem);
    expect(buildRagMessages('Answer tersely.', null, [], 'When?')[0]!.content).toBe(promptVariants.en.noRetrievalSystem);
    expect(formatSource(sources[0]!, 1)).toBe('[1] (茶园手册.md › page 2)\n采茶季从四月十日开始。');
  });

  it('writes RAFT targets and abstentions in the question\'s language', () => {
    expect(templateTarget('采茶季从四月十日开始。', '四月十日', 1, '采茶季从哪天开始？'))
      .toBe('相关段落写道：##begin_quote##采茶季从四月十日开始。##end_quote## [1]。所以答案是四月十日。<ANSWER>: 四月十日');
    expect(templateTarget('Picking starts on 10 April.', '10 April', null)).toBe('The relevant passage says: ##begin_quote##Picking starts on 10 April.##end_quote##. So the answer is 10 April. <ANSWER>: 10 April');
    expect(abstentionFor('茶社的社长是谁？')).toBe('根据所提供的文档，我不知道。');
    expect(abstentionFor('Who chairs it?')).toBe("I don't know based on the provided documents.");

    const item = { id: 'u1', question: '茶社的拖拉机由谁驾驶？', answer: null, doc_ids: [], quote: null, split: 'train' as const };
    const raft = raftExample(item, [], [{ docName: 'a.md', text: '茶社有两台拖拉机。', headingPath: [] }], { p: 1, distractors: 1 }, seededRandom(1), defaultRagTemplate);
    expect('messages' in raft && raft.messages.map((m) => m.content)).toEqual([expect.stringContaining('你只根据下面编号的资料回答问题。'), item.question, '根据所提供的文档，我不知道。']);
    const sft = sftExample(item);
    expect(sft.messages.map((m) => m.content)).toEqual([promptVariants.zh.noRetrievalSystem, item.question, '根据所提供的文档，我不知道。']);
    // The Chinese no-retrieval prompt is recognised as "without context".
    expect(selfGenExample(item, sft.messages.slice(0, 2), '是老周。', { threshold: 0.5, noContextShare: 0 }).meta).toMatchObject({ withContext: false, abstain: true, target: 'abstention' });
  });

  it('asks for abstentions that the abstention detector recognises, in both languages', () => {
    for (const v of Object.values(promptVariants)) expect(isAbstention(v.abstention), v.abstention).toBe(true);
    expect(isAbstention('资料中没有提到拖拉机由谁驾驶。')).toBe(true);
    expect(isAbstention('无法根据这些文档确定。')).toBe(true);
    expect(isAbstention('没有相关信息。')).toBe(true);
    expect(isAbstention('采茶季从四月十日开始 [1]。')).toBe(false);
    expect(isAbstention('茶社没有拖拉机，只有一头驴 [2]。')).toBe(false);
  });
});
