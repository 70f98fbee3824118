// The model suggestions for Chinese: a multilingual embedder for a mostly Chinese
// library, a Qwen chat model for a Chinese question.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinEmbedders } from '../../src/catalog/builtin-embedders';
import { embedderChoices } from '../../src/catalog/catalog';
import { coversChinese, suggestEmbedder } from '../../src/catalog/suggest-embedder';
import type { LlmChoice } from '../../src/llm/model-registry';
import { isQwen, suggestLlm } from '../../src/llm/suggest-llm';
import type { EmbedderChoice } from '../../src/shared/catalog-types';

const online = embedderChoices(null);
const tiny: EmbedderChoice = { entry: { id: 'local/tiny-embedder', path: 'tiny-embedder', dim: 128, maxTokens: 512, dtype: 'fp32', pooling: 'mean', queryPrefix: '', passagePrefix: '' }, source: { kind: 'local' } } as EmbedderChoice;

describe('suggestEmbedder', () => {
  it('offers a built-in embedder that covers Chinese (with the e5 prefixes)', () => {
    const zh = builtinEmbedders.filter(coversChinese);
    expect(zh.map((e) => e.id)).toEqual(['Xenova/multilingual-e5-small']);
    expect(zh[0]).toMatchObject({ queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    expect(coversChinese(builtinEmbedders[0]!)).toBe(false);
  });

  it('suggests multilingual-e5-small for a mostly Chinese library, with the counts as the reason', () => {
    const s = suggestEmbedder(online, ['zh', 'zh', 'en'], 'Xenova/all-MiniLM-L6-v2');
    expect(s?.entry.id).toBe('Xenova/multilingual-e5-small');
    expect(s?.reason).toEqual({ kind: 'chinese-documents', chinese: 2, total: 3 });
    // A pack's embedder that is not listed as covering Chinese gets the same suggestion.
    expect(suggestEmbedder([tiny, ...online], Array(22).fill('zh'), 'local/tiny-embedder')?.reason).toEqual({ kind: 'chinese-documents', chinese: 22, total: 22 });
  });

  it('suggests nothing when the documents are not mostly Chinese, the embedder covers Chinese, or none does', () => {
    expect(suggestEmbedder(online, ['zh', 'en'], 'Xenova/all-MiniLM-L6-v2')).toBeNull();
    expect(suggestEmbedder(online, [], 'Xenova/all-MiniLM-L6-v2')).toBeNull();
    expect(suggestEmbedder(online, ['zh'], 'Xenova/multilingual-e5-small')).toBeNull();
    expect(suggestEmbedder([tiny], ['zh'], 'local/tiny-embedder')).toBeNull();
  });
});

describe('suggestLlm', () => {
  const choice = (id: string, extra: Partial<LlmChoice> = {}): LlmChoice => ({ id, label: id, engine: 'web-llm', unavailable: null, ...extra });
  const choices = [
    choice('Llama-3.2-1B-Instruct-q4f16_1-MLC'),
    choice('Qwen3-0.6B-q4f16_1-MLC', { unavailable: 'needs WebGPU' }),
    choice('merged-1', { label: 'Qwen2.5-0.5B + raft', adapter: { id: 'a', hash: 'h', baseModel: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' } }),
    choice('Qwen2.5-0.5B-Instruct-q4f16_1-MLC'),
  ];

  it('suggests a runnable Qwen base model for a Chinese question', () => {
    expect(suggestLlm(choices, '青屿茶社是哪一年成立的？', 'Llama-3.2-1B-Instruct-q4f16_1-MLC')?.id).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    // Only a fine-tuned Qwen can run: it is suggested.
    expect(suggestLlm(choices.slice(0, 3), '青屿茶社是哪一年成立的？', null)?.id).toBe('merged-1');
    expect(isQwen(choice('local/tiny-qwen2', { label: 'Tiny Qwen2 fixture' }))).toBe(true);
  });

  it('judges a whole QA set by its questions together (Evaluate), the Chinese pack\'s but not the English one\'s', () => {
    const questions = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { question: string }).question).join('\n');
    expect(suggestLlm(choices, questions('public/demo-zh/qa.jsonl'), 'Llama-3.2-1B-Instruct-q4f16_1-MLC')?.id).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(suggestLlm(choices, questions('public/demo/qa.jsonl'), 'Llama-3.2-1B-Instruct-q4f16_1-MLC')).toBeNull();
  });

  it('suggests nothing for an English question, a Qwen model already chosen, or no runnable Qwen', () => {
    expect(suggestLlm(choices, 'When was the cooperative founded?', 'Llama-3.2-1B-Instruct-q4f16_1-MLC')).toBeNull();
    expect(suggestLlm(choices, '青屿茶社是哪一年成立的？', 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC')).toBeNull();
    expect(suggestLlm(choices.slice(0, 2), '青屿茶社是哪一年成立的？', 'Llama-3.2-1B-Instruct-q4f16_1-MLC')).toBeNull();
  });
});
