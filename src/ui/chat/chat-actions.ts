// Chat actions: retrieve, build the prompt, stream the answer.
import { answerConstraint, answerMessages, answersWithPaths } from '../../graph/prompt';
import type { RetrievalResponse } from '../../shared/search-api';
import type { ChatMessage } from '../../llm/engine';
import { LlmError, tKey } from '../../shared/errors';
import { messageOf } from '../i18n/i18n';
import { CancellableTask } from '../cancellable-task';
import { choiceLabel } from '../models/model-labels';
import type { Services } from '../actions';
import { loadEngine } from '../engines';
import { noteLlmDownload } from '../llm-download';
import { isGraphMode, llmPlanner } from '../graph/graph-planner';
import { chatMaxTokens, generating, loadProgress, ragTemplate, selectedLlm, turns, useRetrieval, type ChatTurn } from './chat-state';
import { retrievalOptions } from '../library/library-state';
import { extractionRunning } from '../graph/graph-state';

const task = new CancellableTask();
let nextId = Date.now();

function update(id: number, patch: Partial<ChatTurn>): void {
  turns.value = turns.value.map((t) => (t.id === id ? { ...t, ...patch } : t));
}

function history(): ChatMessage[] {
  return turns.value.filter((t) => t.status === 'done' || t.status === 'stopped').flatMap((t) => [
    { role: 'user' as const, content: t.question },
    { role: 'assistant' as const, content: t.answer },
  ]);
}

export async function ask(services: Services, question: string): Promise<void> {
  const model = selectedLlm.value;
  // The Graph view's LLM extraction holds the engine (the view says so and Send is disabled).
  if (!question.trim() || generating.value || extractionRunning.value) return;
  const id = nextId++;
  const previous = history();
  turns.value = [...turns.value, { id, question, answer: '', sources: null, model: model ? choiceLabel(model) : '', status: 'retrieving' }];
  generating.value = true;
  await task.run(async (signal) => {
    if (!model) throw new LlmError(tKey('errors:llm.noneAvailable'));
    let retrieval: RetrievalResponse | null = null;
    const load = async () => {
      update(id, { status: 'loading' });
      const e = await loadEngine(services, model.id, (p) => (loadProgress.value = p.text), signal);
      loadProgress.value = null;
      return e;
    };
    // In the graph modes the model plans the relation paths (RoG), so it is loaded before retrieval.
    const planning = useRetrieval.value && isGraphMode(retrievalOptions.value.mode);
    const planner = planning ? await load() : null;
    if (useRetrieval.value) {
      update(id, { status: 'retrieving' });
      retrieval = await services.retriever.retrieve({ ...retrievalOptions.value, query: question }, { signal, ...(planner ? { planner: llmPlanner(planner) } : {}) });
      update(id, { sources: retrieval.results, retrieval: retrieval.timings, mode: retrieval.mode, ...(retrieval.graph ? { graph: retrieval.graph } : {}) });
    }
    const engine = planner ?? (await load());
    // A model with a source limit (the built-in reader reads 1) is shown only those: Sources lists what it read.
    const budget = engine.capabilities().sourceBudget;
    if (retrieval && budget?.sources && !answersWithPaths(retrieval)) update(id, { sources: retrieval.results.slice(0, budget.sources) });
    update(id, { status: 'generating' });
    let answer = '';
    const constraint = answerConstraint(retrieval, question, budget);
    for await (const chunk of engine.chat(answerMessages(ragTemplate.value, retrieval, previous, question, budget), { maxTokens: chatMaxTokens.value, ...(constraint ? { constraint } : {}) }, signal)) {
      if (chunk.type === 'delta') update(id, { answer: (answer += chunk.text) });
      else update(id, { usage: chunk.usage, status: chunk.usage.finishReason === 'interrupted' ? 'stopped' : 'done' });
    }
  }, (e, cancelled) => {
    // A model that could not be downloaded: the question stays (stopped, not failed) and one notice offers it again.
    if (!cancelled && noteLlmDownload(e, 'chat', () => askAgain(services, id, question))) return update(id, { status: 'stopped' });
    update(id, cancelled ? { status: 'stopped' } : { status: 'failed', error: messageOf(e) });
  });
  generating.value = false;
  loadProgress.value = null;
}

/** Asks again a question whose model could not be downloaded: its stopped turn gives way to the new one. */
async function askAgain(services: Services, id: number, question: string): Promise<void> {
  turns.value = turns.value.filter((t) => t.id !== id);
  await ask(services, question);
}

export function stop(): void {
  task.cancel();
}

export function clearHistory(): void {
  turns.value = [];
}
