// Compare actions: the four cells run one after another (one GPU), each with
// the same question, seed and sampling settings.
import { answerQuestion } from '../../eval/answer';
import { modeUsesFineTune, modeUsesRetrieval, evalModes, type EvalMode } from '../../eval/types';
import { isAbortError, isDownloadError, tKey } from '../../shared/errors';
import { messageOf, type Message } from '../i18n/i18n';
import { CancellableTask } from '../cancellable-task';
import { choiceLabel } from '../models/model-labels';
import type { Services } from '../actions';
import { baseChoices, fineTunedChoices, noFineTunedReason, ragTemplate } from '../chat/chat-state';
import { cells, compareSampling, comparedQuestion, comparePickedBase, comparePickedFineTuned, comparing, emptyCell, type CellState } from './compare-state';
import { loadEngine } from '../engines';
import { noteLlmDownload } from '../llm-download';
import { llmPlanner } from '../graph/graph-planner';
import { retrievalOptions } from '../library/library-state';

const task = new CancellableTask();

function patch(mode: EvalMode, p: Partial<CellState>): void {
  cells.value = { ...cells.value, [mode]: { ...cells.value[mode], ...p } };
}

export const compareBase = () => baseChoices.value.find((m) => m.id === comparePickedBase.value) ?? baseChoices.value.find((m) => !m.unavailable) ?? null;
export const compareFineTuned = () =>
  fineTunedChoices.value.find((m) => m.id === comparePickedFineTuned.value) ?? fineTunedChoices.value.find((m) => !m.unavailable) ?? null;

/** Why a cell cannot run, or null. */
export function cellUnavailable(mode: EvalMode): Message | null {
  // The registry's reason is one fixed sentence (llm/model-registry.ts); common has its translation.
  if (modeUsesFineTune(mode)) return noFineTunedReason.value ? tKey('common:noFineTuned') : null;
  return compareBase() ? null : tKey('compare:noModel');
}

async function runCell(services: Services, mode: EvalMode, question: string, signal: AbortSignal): Promise<void> {
  const model = modeUsesFineTune(mode) ? compareFineTuned() : compareBase();
  if (!model) return;
  patch(mode, { ...emptyCell, status: modeUsesRetrieval(mode) ? 'retrieving' : 'loading', model: choiceLabel(model) });
  try {
    const engine = await loadEngine(services, model.id, (p) => patch(mode, { status: 'loading', progress: p.text }), signal);
    patch(mode, { status: 'generating', progress: null });
    const a = await answerQuestion(engine, {
      question,
      template: ragTemplate.value,
      generation: compareSampling.value,
      retrieve: modeUsesRetrieval(mode) ? (q) => services.retriever.retrieve({ ...retrievalOptions.value, query: q }, { signal, planner: llmPlanner(engine) }) : null,
      onRetrieved: (r) => patch(mode, { sources: r.results, mode: r.mode, graph: r.graph ?? null }),
      onDelta: (answer, tokens) => patch(mode, { answer, tokens }),
    }, signal);
    patch(mode, { status: 'done', answer: a.output, sources: a.sources, usage: a.usage, retrieval: a.retrieval, totalMs: a.totalMs });
  } catch (e) {
    // A model that could not be downloaded stops the grid with this cell and the next ones still queued (compare()).
    if (isDownloadError(e)) {
      patch(mode, { status: 'queued', progress: null });
      throw e;
    }
    patch(mode, isAbortError(e) ? { status: 'stopped', progress: null } : { status: 'failed', error: messageOf(e), progress: null });
  }
}

/** Runs the given cells (all available ones by default) in order. */
export async function compare(services: Services, question: string, only?: EvalMode): Promise<void> {
  if (!question.trim() || comparing.value) return;
  const modes = (only ? [only] : evalModes).filter((m) => !cellUnavailable(m));
  if (!only) {
    comparedQuestion.value = question;
    cells.value = Object.fromEntries(evalModes.map((m) => [m, { ...emptyCell, status: modes.includes(m) ? 'queued' : 'idle' }])) as typeof cells.value;
  }
  comparing.value = true;
  try {
    await task.run(async (signal) => {
      for (const mode of modes) {
        if (signal.aborted) patch(mode, { status: 'stopped' });
        else await runCell(services, mode, question, signal);
      }
    }, (e) => {
      // One notice for the grid, whose cells wait: Try again runs them again.
      if (!noteLlmDownload(e, 'compare', () => compare(services, question, only))) throw e;
    });
  } finally {
    comparing.value = false;
  }
}

export function stopCompare(): void {
  task.cancel();
}
