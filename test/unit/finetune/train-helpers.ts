// Helpers for the trainer's unit tests: a fixture LLM read from disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTensors, type TensorCache } from '../../../src/llm/mlc/tensor-cache';
import { modelShape } from '../../../src/llm/reference/config';
import { fixtureModelsDir } from '../helpers';

export async function loadFixtureModel(name: string) {
  const dir = join(fixtureModelsDir, name);
  const config = JSON.parse(readFileSync(join(dir, 'mlc-chat-config.json'), 'utf8'));
  const cache = JSON.parse(readFileSync(join(dir, 'tensor-cache.json'), 'utf8')) as TensorCache;
  const tensors = await loadTensors(cache, async (p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
  return { dir, config, shape: modelShape(config), tensors };
}

import { raftExample, type Passage } from '../../../src/finetune/datasets';
import { renderExample } from '../../../src/finetune/render';
import type { PromptCompletion } from '../../../src/finetune/train/data';
import type { QaItem } from '../../../src/eval/types';
import { seededRandom } from '../../../src/shared/random.mjs';
import { defaultRagTemplate } from '../../../src/rag/prompt';

const demo = join('public', 'demo');

/**
 * A RAFT dataset from the demo pack's train split, rendered with `model`'s own template:
 * passages are the paragraphs of the pack's Markdown and text documents; the distractors
 * are the paragraphs of other documents that share most words with the question.
 */
export function demoRaftDataset(model: string, count: number, distractors = 1): PromptCompletion[] {
  const manifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as { documents: { id: string; file: string; type: string }[] };
  const passages: Passage[] = [];
  for (const d of manifest.documents.filter((x) => x.type === 'md' || x.type === 'txt')) {
    for (const text of readFileSync(join(demo, d.file), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 40)) {
      passages.push({ docName: d.id, text, headingPath: [] });
    }
  }
  const items = readFileSync(join(demo, 'qa.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as QaItem).filter((i) => i.split === 'train' && i.answer !== null);
  const words = (s: string) => new Set(s.toLowerCase().match(/\w+/g) ?? []);
  const template = JSON.parse(readFileSync(join(fixtureModelsDir, model, 'mlc-chat-config.json'), 'utf8')).conv_template;
  const random = seededRandom(7);
  const out: PromptCompletion[] = [];
  for (const item of items) {
    const oracle = passages.filter((p) => item.doc_ids?.includes(p.docName) && item.quote && p.text.includes(item.quote));
    if (!oracle.length) continue;
    const q = words(item.question);
    const candidates = passages.filter((p) => !item.doc_ids?.includes(p.docName))
      .map((p) => ({ p, score: [...words(p.text)].filter((w) => q.has(w)).length }))
      .sort((a, b) => b.score - a.score).map((x) => x.p);
    const example = raftExample(item, oracle, candidates, { p: 1, distractors }, random, defaultRagTemplate);
    if ('messages' in example) out.push(renderExample(template, example));
    if (out.length === count) break;
  }
  return out;
}
