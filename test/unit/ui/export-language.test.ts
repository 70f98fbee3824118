// The offline HTML report and the exported dataset README follow the interface language:
// in English they are exactly what src/eval and src/finetune write on their own, in Chinese they are translated.
import { afterEach, describe, expect, it } from 'vitest';
import { toHtml } from '../../../src/eval/report';
import { reportStrings, type ReportKey } from '../../../src/eval/report-text';
import type { EvalResult, EvalRun, ItemScores } from '../../../src/eval/types';
import type { DatasetStats } from '../../../src/finetune/render';
import { trainingNote } from '../../../src/finetune/render';
import { readmeStrings, type ReadmeKey } from '../../../src/finetune/readme-text';
import { metricLabel, reportText } from '../../../src/ui/evaluate/eval-labels';
import { metrics } from '../../../src/eval/aggregate';
import { readmeText } from '../../../src/ui/finetune/finetune-labels';
import { setLanguage, t } from '../../../src/ui/i18n/i18n';

const run: EvalRun = {
  id: 'r1', name: '中文评估', createdAt: 0, status: 'done',
  config: { qaSetId: 's', split: 'test', modes: ['base', 'rag'], baseModel: 'm', fineTunedModel: null, retrieval: { k: 3, mode: 'hybrid' }, temperature: 0, topP: 1, maxTokens: 8, seed: 1, limit: null, promptTemplate: 'T {sources}' },
  provenance: { qaSetName: 'S', qaSetHash: 'abc', itemIds: ['a', 'b'], adapter: null, reranker: { modelId: 'rr', topN: 5 }, embedderId: 'e', appVersion: '0.1.0', browser: 'b', gpuAdapter: 'g' },
};
const scores = (p: Partial<ItemScores>): ItemScores => ({ em: 0, f1: 0.5, contains: 0, correct: 0, abstained: 0, answerable: 1, hit: 1, recall: 1, mrr: 1, citePrecision: null, citeRecall: null, ttftMs: 10, tokensPerS: 5, totalMs: 100, ...p });
const result = (mode: 'base' | 'rag', itemId: string, p: Partial<ItemScores>): EvalResult => ({
  runId: 'r1', key: `${mode}:${itemId}`, mode, itemId, question: `问题 ${itemId}`, output: '答案', messages: [], sources: null, usage: null, scores: scores(p), at: 0,
});
const results = [result('base', 'a', { correct: 1, em: 1 }), result('rag', 'a', { correct: 1 }), result('base', 'b', { correct: null, answerable: 0, abstained: 1, f1: null }), result('rag', 'b', { correct: 0 })];
const stats = { examples: 12, abstentionShare: 0.25, oracleRate: 0.8 } as DatasetStats;
const model = { id: 'local/tiny-llama', family: 'llama', tied: true };

afterEach(() => setLanguage('en'));

describe('the HTML report follows the interface language', () => {
  it('in English, is word for word what src/eval writes by itself', () => {
    setLanguage('en');
    for (const k of Object.keys(reportStrings) as ReportKey[]) expect(t(`evaluate:report.${k}`), k).toBe(reportStrings[k]);
    expect(toHtml(run, results, { em: '<svg></svg>' }, reportText())).toBe(toHtml(run, results, { em: '<svg></svg>' }));
    // Every metric the data layer defines has its name in the interface, word for word in English.
    for (const m of metrics) expect(metricLabel(m.id), m.id).toBe(m.label);
  });

  it('in Chinese, has Chinese headings, metric and mode names, and <html lang="zh-CN">', () => {
    setLanguage('zh');
    const html = toHtml(run, results, {}, reportText());
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>中文评估 — RAG Lab 评测报告</title>');
    for (const words of ['<h2>设置</h2>', '<h2>逐题结果</h2>', '<th>完全匹配</th>', '<th>基础模型</th>', '状态：已完成', '<td>拒答</td>', '<td>是</td>']) expect(html).toContain(words);
    for (const english of ['Settings', 'Per question', 'Exact match', 'Base model', 'abstained']) expect(html).not.toContain(english);
  });
});

describe('the dataset README follows the interface language', () => {
  it('in English, is word for word what src/finetune writes by itself', () => {
    setLanguage('en');
    for (const k of Object.keys(readmeStrings) as ReadmeKey[]) expect(t(`finetune:readme.${k}`), k).toBe(readmeStrings[k]);
    for (const kind of ['raft', 'self-gen', 'sft'] as const) {
      expect(trainingNote(kind, 'demo', model, stats, readmeText)).toBe(trainingNote(kind, 'demo', model, stats));
    }
  });

  it('in Chinese, translates the prose and keeps the code as it is', () => {
    setLanguage('zh');
    const zh = trainingNote('raft', 'demo', model, stats, readmeText);
    const en = trainingNote('raft', 'demo', model, stats);
    expect(zh).toContain('- 样本数：12；拒答目标：25.0%；含 oracle：80.0%。');
    expect(zh).toContain('## 用 PEFT 训练 LoRA');
    expect(zh).toContain('lm_head 与嵌入层共享权重');
    expect(zh).toContain('model="<local/tiny-llama 的 Hugging Face id>"');
    expect(zh).not.toContain('Train a LoRA with PEFT');
    const code = (s: string) => s.slice(s.indexOf('from datasets'), s.indexOf('trainer = SFTTrainer'));
    expect(code(zh)).toBe(code(en));
  });
});
