// Runs an eval: every selected item in every selected mode, one generation at
// a time (one GPU). Each result is saved as soon as it exists, and a run that
// starts again skips what is saved, so a reload resumes instead of repeating.
import type { LlmEngine } from '../llm/engine';
import type { RetrievalResponse } from '../shared/search-api';
import { EvalError, tKey } from '../shared/errors';
import { citedDocuments, pathDocuments } from '../graph/prompt';
import { answerQuestion } from './answer';
import { scoreItem } from './score';
import { modeUsesFineTune, modeUsesRetrieval, type EvalMode, type EvalResult, type EvalRun, type QaItem } from './types';

export interface EvalPorts {
  /** The engine for a model, loaded. */
  engine(modelId: string, signal: AbortSignal): Promise<LlmEngine>;
  /** `signal`: cancelling the run cancels the retrieval in flight (and its reranking). */
  /** `engine` is the mode's loaded model: in the graph modes it plans the relation paths (RoG). */
  retrieve(question: string, options: EvalRun['config']['retrieval'], signal?: AbortSignal, engine?: LlmEngine): Promise<RetrievalResponse>;
  /** Keys (`mode:itemId`) already saved for the run. */
  savedKeys(runId: string): Promise<Set<string>>;
  save(result: EvalResult): Promise<void>;
}

export interface EvalProgress {
  done: number;
  total: number;
  current: { mode: EvalMode; itemId: string } | null;
}

export interface EvalTask {
  mode: EvalMode;
  item: QaItem;
  model: string;
}

/** The order of work: grouped by model (each loads once), then item by item, then mode. */
export function planTasks(run: EvalRun, items: QaItem[]): EvalTask[] {
  const { modes, baseModel, fineTunedModel } = run.config;
  const groups: [string | null, EvalMode[]][] = [
    [baseModel, modes.filter((m) => !modeUsesFineTune(m))],
    [fineTunedModel, modes.filter(modeUsesFineTune)],
  ];
  const tasks: EvalTask[] = [];
  for (const [model, groupModes] of groups) {
    if (!groupModes.length) continue;
    if (!model) throw new EvalError(tKey('errors:eval.needsFineTunedImport'));
    for (const item of items) for (const mode of groupModes) tasks.push({ mode, item, model });
  }
  return tasks;
}

export const resultKey = (mode: EvalMode, itemId: string) => `${mode}:${itemId}`;

/** Runs what is not saved yet. Rethrows AbortError on cancel; other errors stop the run (the saved results stay). */
export async function runEval(run: EvalRun, items: QaItem[], ports: EvalPorts, onProgress: (p: EvalProgress) => void, signal: AbortSignal): Promise<void> {
  const tasks = planTasks(run, items);
  const saved = await ports.savedKeys(run.id);
  let done = tasks.filter((t) => saved.has(resultKey(t.mode, t.item.id))).length;
  onProgress({ done, total: tasks.length, current: null });
  const { config } = run;
  for (const task of tasks) {
    const key = resultKey(task.mode, task.item.id);
    if (saved.has(key)) continue;
    signal.throwIfAborted();
    onProgress({ done, total: tasks.length, current: { mode: task.mode, itemId: task.item.id } });
    const engine = await ports.engine(task.model, signal);
    const a = await answerQuestion(engine, {
      question: task.item.question,
      template: config.promptTemplate,
      // Every item gets the run's seed: results do not depend on the order or on a resume.
      generation: { temperature: config.temperature, topP: config.topP, maxTokens: config.maxTokens, seed: config.seed },
      retrieve: modeUsesRetrieval(task.mode) ? (q) => ports.retrieve(q, config.retrieval, signal, engine) : null,
    }, signal);
    const sources = a.sources?.map((s) => ({ docName: s.docName, ord: s.ord, text: s.text, headingPath: s.headingPath, ...(s.page ? { page: s.page } : {}), score: s.score })) ?? null;
    // With RoG's prompt, [n] names path n, then the passages: citations are scored by what the prompt numbered.
    const cited = a.mode && a.sources ? citedDocuments({ mode: a.mode, graph: a.graph, results: a.sources }) : undefined;
    await ports.save({
      runId: run.id, key, mode: task.mode, itemId: task.item.id, question: task.item.question,
      output: a.output, messages: a.messages, sources,
      ...(a.graph ? { paths: a.graph.paths.map((p) => ({ text: p.text, docs: pathDocuments(p) })) } : {}),
      usage: a.usage,
      scores: scoreItem(task.item, {
        output: a.output, sourceDocs: sources?.map((s) => s.docName) ?? null, ...(cited ? { cited } : {}), usage: a.usage,
        totalMs: a.totalMs, retrievalMs: a.retrievalMs, generationMs: a.generationMs, ...(a.graph ? { graph: a.graph } : {}),
      }),
      at: Date.now(),
    });
    saved.add(key);
    onProgress({ done: ++done, total: tasks.length, current: null });
  }
}
