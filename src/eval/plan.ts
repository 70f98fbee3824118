// Turns the run form into a stored run: checks the QA set, the modes and the
// models, refuses questions a fine-tune dataset trained on (the leakage guard),
// and records the provenance that makes the run reproducible.
import { choosePrompt } from '../rag/prompt';
import { EvalError, tKey } from '../shared/errors';
import type { PromptLanguage } from '../shared/language';
import { isGraphMode, libraryExtraction, type LibraryTriples } from './extraction';
import { assertNoLeakage, type TrainingUse } from './leakage';
import { selectItems } from './qa-set';
import { modeUsesFineTune, type EvalConfig, type EvalRun, type QaItem, type QaSet } from './types';

export type RunForm = Omit<EvalConfig, 'promptTemplate' | 'baseModel'> & { baseModel: string | null; name: string };

/** What the run is measured with, besides the form: the app's state and the machine. */
export interface RunContext {
  /** Fine-tuned (merged) models that can run here. */
  fineTuned: { id: string; adapter?: { id: string; hash: string } }[];
  trainingUses: TrainingUse[];
  promptTemplate: string;
  embedderId: string | null;
  appVersion: string;
  browser: string;
  gpuAdapter: string;
  now: number;
  /**
   * The library's stored triples, for a graph-mode run of a QA set with gold triples (the caller reads them only
   * then): the run records their extraction precision and recall (eval/extraction.ts).
   */
  libraryTriples?: LibraryTriples[];
}

/** The run to store and its items; throws EvalError (or LeakageError) saying what to change. */
export function planRun(form: RunForm, set: QaSet | undefined, ctx: RunContext): { run: EvalRun; items: QaItem[] } {
  if (!set) throw new EvalError(tKey('errors:eval.noQaSet'));
  const items = selectItems(set, form.split, form.limit);
  if (!items.length) {
    throw new EvalError(form.split === 'test' ? tKey('errors:eval.emptyTestSplit', { name: set.name }) : tKey('errors:eval.emptySet', { name: set.name }));
  }
  if (!form.modes.length) throw new EvalError(tKey('errors:eval.noModes'));
  if (!form.baseModel) throw new EvalError(tKey('errors:eval.noModel'));
  const usesFt = form.modes.some(modeUsesFineTune);
  const ft = usesFt ? ctx.fineTuned.find((m) => m.id === form.fineTunedModel) ?? null : null;
  if (usesFt && !ft) throw new EvalError(tKey('errors:eval.needsFineTuned'));
  assertNoLeakage(set.id, items, ctx.trainingUses);
  const extraction = isGraphMode(form.retrieval.mode) && set.gold && ctx.libraryTriples ? libraryExtraction(ctx.libraryTriples, set.gold) : null;
  const run: EvalRun = {
    id: `run-${ctx.now.toString(36)}`,
    name: form.name.trim() || `${set.name} · ${form.modes.join(', ')}`,
    createdAt: ctx.now,
    status: 'running',
    // The form's name rides along in config as it always has (run diffs list it when two names differ).
    config: { ...form, baseModel: form.baseModel, fineTunedModel: ft?.id ?? null, promptTemplate: ctx.promptTemplate },
    provenance: {
      qaSetName: set.name, qaSetHash: set.hash, itemIds: items.map((i) => i.id),
      adapter: ft?.adapter ? { id: ft.adapter.id, hash: ft.adapter.hash } : null,
      embedderId: ctx.embedderId,
      // The N the retriever really reads: it never reranks fewer than k.
      reranker: form.retrieval.rerank ? { modelId: form.retrieval.rerank.modelId, topN: Math.max(form.retrieval.rerank.topN, form.retrieval.k) } : null,
      promptVariants: promptVariantCounts(ctx.promptTemplate, items),
      ...(extraction ? { extraction } : {}),
      appVersion: ctx.appVersion, browser: ctx.browser, gpuAdapter: ctx.gpuAdapter,
    },
  };
  return { run, items };
}

/** How many of the items get each prompt variant: the one answerQuestion will pick for each question. */
export function promptVariantCounts(template: string, items: QaItem[]): Partial<Record<PromptLanguage, number>> {
  const counts: Partial<Record<PromptLanguage, number>> = {};
  for (const item of items) {
    const { language } = choosePrompt(template, item.question);
    counts[language] = (counts[language] ?? 0) + 1;
  }
  return counts;
}

/** "zh × 20, en × 2" (or "–" for a run stored before the variants were recorded). */
export const formatPromptVariants = (counts: Partial<Record<PromptLanguage, number>> | undefined) =>
  counts ? Object.entries(counts).map(([language, n]) => `${language} × ${n}`).join(', ') : '–';
