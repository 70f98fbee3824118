// The Graph view's LLM extraction: the LLM chosen in Chat reads the searchable documents chunk by chunk
// (graph/llm-extract-job.ts), and each document's triples are stored as soon as it is done, so Cancel
// keeps them. Chat cannot send meanwhile, and this cannot start while Chat answers: one engine, one
// generation at a time (an interrupt stops whatever the engine runs).
import { defaultLlmExtractOptions } from '../../graph/llm-extract';
import { runLlmExtraction, type DocSnapshot } from '../../graph/llm-extract-job';
import { LlmError, tKey } from '../../shared/errors';
import type { Services } from '../actions';
import { generating, selectedLlm } from '../chat/chat-state';
import { stores } from '../database';
import { loadEngine } from '../engines';
import { loadGraphOverview } from './graph-actions';
import { extraction, extractionForm, extractionPlan, extractionRunning, type ExtractionForm } from './graph-state';
import { messageOf } from '../i18n/i18n';
import { CancellableTask } from '../cancellable-task';
import { triplesChanged } from '../library/library-actions';

const task = new CancellableTask();

/** Updates the extraction form; the token limit stays in its range. */
export function updateExtractionForm(patch: Partial<ExtractionForm>): void {
  const next = { ...extractionForm.value, ...patch };
  extractionForm.value = { ...next, maxTokens: Math.min(1024, Math.max(8, Math.round(next.maxTokens))) };
}

/** Runs the extraction over the documents of the form's plan; its state says how far it got and how it ended. */
export async function startExtraction(services: Services): Promise<void> {
  if (extractionRunning.value) return;
  const model = selectedLlm.value;
  const docs = extractionPlan.value.todo;
  const { redo, maxTokens } = extractionForm.value;
  const startedAt = Date.now();
  const elapsed = () => Date.now() - startedAt;
  let stored = 0;
  // The clock goes on between chunks too (a large model can take a while per chunk).
  const clock = setInterval(() => {
    const s = extraction.value;
    if (s.state === 'loading' || s.state === 'running') extraction.value = { ...s, elapsedMs: elapsed() };
  }, 1000);
  await task.run(async (signal) => {
    if (!model) throw new LlmError(tKey('errors:llm.noneAvailable'));
    if (generating.value) throw new LlmError(tKey('errors:llm.chatBusy'));
    extraction.value = { state: 'loading', model: model.id, text: null, elapsedMs: 0 };
    const engine = await loadEngine(services, model.id, (p) => (extraction.value = { state: 'loading', model: model.id, text: p.text, elapsedMs: elapsed() }), signal);
    const store = (await stores()).library;
    const read = async (docId: string): Promise<DocSnapshot | null> => {
      const source = await store.graph.extractionSource(docId);
      if (!source) return null;
      const { text, chunks, triples } = source;
      // A document imported from an export (or added before the graph existed) has no rules triples yet: make them now.
      const rules = triples ? triples.triples.filter((t) => t.prov.extractor !== 'llm') : await services.ingest.extractTriples(docId, { text: text.text, blocks: text.blocks }, chunks);
      return { text: text.text, chunks: chunks.map(({ start, end }) => ({ start, end })), rules, llmModel: triples?.llmModel };
    };
    const summary = await runLlmExtraction(docs, model.id, {
      chat: (messages, options, s) => engine.chat(messages, options, s),
      read,
      write: (docId, chunks, record) => store.putLlmTriples(docId, chunks, record),
      onProgress: (progress) => (extraction.value = { state: 'running', model: model.id, progress, elapsedMs: elapsed() }),
      onStored: () => {
        stored++;
        triplesChanged();
        void loadGraphOverview(services);
      },
    }, { redo, options: { ...defaultLlmExtractOptions, maxTokens }, signal });
    extraction.value = { state: 'done', model: model.id, summary, elapsedMs: elapsed() };
  }, (e, cancelled, signal) => {
    extraction.value = cancelled && signal.aborted
      // Cancelled while the model loaded: nothing was read.
      ? { state: 'done', model: model?.id ?? '', summary: { stored: [], skipped: [], triples: 0, dropped: 0, cancelled: true }, elapsedMs: elapsed() }
      : { state: 'failed', message: messageOf(e), stored };
  });
  clearInterval(clock);
}

/** Stops the extraction: documents stored so far stay, the one being read is dropped. */
export function cancelExtraction(): void {
  task.cancel();
}

/** Back to the form, after a summary or an error. */
export function dismissExtraction(): void {
  if (!extractionRunning.value) extraction.value = { state: 'idle' };
}
