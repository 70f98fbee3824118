import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { refreshCacheStatus } from '../llm-actions';
import { SourceList } from '../components/sources';
import { renderAnswer } from '../../rag/render';
import { answersWithPaths, citableCount } from '../../graph/prompt';
import type { GraphRetrievalInfo } from '../../shared/search-api';
import { ReasoningPaths } from '../components/reasoning-paths';
import type { Services } from '../actions';
import { ask, clearHistory, stop } from '../chat-actions';
import { chatMaxTokens, generating, llmChoices, loadProgress, pickedLlm, ragTemplate, selectedLlm, turns, useRetrieval, type ChatTurn } from '../chat-state';
import { libraryDocs, retrievalOptions } from '../library-state';
import { setRetrievalOptions } from '../library-actions';
import { RerankSettings } from '../components/rerank-settings';
import { RetrievalModeSelect } from '../components/retrieval-mode-select';
import { NumberField } from '../components/sampling-fields';
import { LlmSuggestion } from '../components/llm-suggestion';
import { formatMs } from '../format';

function Latency({ turn }: { turn: ChatTurn }) {
  const r = turn.retrieval;
  const u = turn.usage;
  if (!r && !u) return null;
  return (
    <p class="muted latency" data-testid="latency">
      {r ? `embed ${formatMs(r.embedMs)} ms · search ${formatMs(r.searchMs)} ms${r.graphMs !== undefined ? ` (graph ${formatMs(r.graphMs)} ms)` : ''}${r.rerankMs ? ` · rerank ${formatMs(r.rerankMs)} ms` : ''}` : 'no retrieval'}
      {u ? ` · first token ${formatMs(u.timeToFirstTokenMs)} ms · ${formatMs(u.decodeTokensPerS)} tokens/s · ${u.promptTokens} prompt tokens` : ''}
    </p>
  );
}

/** RoG's answer without an LLM (the last entity of the best path), beside the model's. */
function Baseline({ graph }: { graph: GraphRetrievalInfo }) {
  return (
    <p class="muted small" data-testid="rog-baseline">
      Graph baseline (no LLM: the last entity of path 1): {graph.baseline ? <strong>{graph.baseline}</strong> : 'none, no path found'}
    </p>
  );
}

function Turn({ turn }: { turn: ChatTurn }) {
  const sources = turn.sources ?? [];
  // With RoG's prompt the paths are [1..P]; passages, when the prompt has them, follow as [P+1..].
  const rog = !!turn.mode && answersWithPaths({ mode: turn.mode, graph: turn.graph });
  const pathCount = rog ? turn.graph!.paths.length : 0;
  const count = rog ? citableCount({ mode: turn.mode!, graph: turn.graph, results: sources }) : sources.length;
  const first = pathCount + 1;
  const chunkAnchor = (docId: string, ord: number) => {
    const i = sources.findIndex((s) => s.docId === docId && s.ord === ord);
    return i < 0 ? null : `source-${i + first}`;
  };
  const status = { retrieving: 'Searching your documents…', loading: loadProgress.value ?? 'Loading the model…', generating: '', done: '', stopped: 'Stopped.', failed: '' }[turn.status];
  return (
    <article class="turn" data-status={turn.status} data-prompt={rog ? 'rog' : 'rag'}>
      <p class="question"><strong>You:</strong> {turn.question}</p>
      <div class="answer" aria-live="polite" data-testid="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(turn.answer, count) }} />
      {status && <p class="muted">{status}</p>}
      {turn.error && <p class="error" role="alert">{turn.error}</p>}
      <p class="muted small">{turn.model}{turn.sources ? (rog ? ' · answered from graph paths (RoG)' : ' · with retrieval') : ' · without retrieval'}</p>
      {turn.graph && <Baseline graph={turn.graph} />}
      <Latency turn={turn} />
      {turn.graph && (
        <details class="sources" open>
          <summary>Reasoning paths ({turn.graph.paths.length})</summary>
          <ReasoningPaths graph={turn.graph} anchorPrefix={rog ? 'source-' : undefined} chunkAnchor={chunkAnchor} />
        </details>
      )}
      {turn.sources && (
        <SourceList sources={turn.sources} answer={turn.answer} first={first}
          title={rog && turn.mode === 'graph' ? 'Chunks that state the paths (not in the prompt)' : 'Sources'} />
      )}
    </article>
  );
}

export function ChatView({ services }: { services: Services }) {
  const question = useSignal('');
  useEffect(() => void refreshCacheStatus(), []);
  const models = llmChoices.value;
  return (
    <>
      <section class="card" aria-labelledby="chat-title">
        <h2 id="chat-title">Chat with your documents</h2>
        {!models.some((m) => !m.unavailable) && (
          <p class="notice">
            No language model can run here: web-llm needs WebGPU, and this site has no model pack for the CPU engine. See Models for
            what each model needs.
          </p>
        )}
        {models.length > 0 && !libraryDocs.value.length && useRetrieval.value && (
          <p class="notice">Your library is empty: add documents in Library (or load the demo pack) for answers with sources.</p>
        )}
        <div class="search-settings">
          <label>
            Model{' '}
            <select value={selectedLlm.value?.id} onChange={(e) => (pickedLlm.value = e.currentTarget.value)} disabled={generating.value}>
              {models.map((m) => (
                <option key={m.id} value={m.id} disabled={!!m.unavailable}>
                  {m.label}{m.unavailable ? ` (${m.unavailable})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={useRetrieval.value} onChange={(e) => (useRetrieval.value = e.currentTarget.checked)} /> Use retrieval
          </label>
          {/* The Library's retrieval settings: a mode or reranking chosen here applies there too. */}
          {useRetrieval.value && <RetrievalModeSelect label="Retrieval mode" value={retrievalOptions.value.mode} disabled={generating.value} onChange={(mode) => void setRetrievalOptions({ ...retrievalOptions.value, mode })} />}
          {useRetrieval.value && <RerankSettings value={retrievalOptions.value.rerank} disabled={generating.value} onChange={(rerank) => void setRetrievalOptions({ ...retrievalOptions.value, rerank })} />}
          <button type="button" class="link" onClick={clearHistory} disabled={generating.value || !turns.value.length}>Clear history</button>
        </div>
        <LlmSuggestion kind="question" text={question.value || turns.value.at(-1)?.question || ''} choices={models} currentId={selectedLlm.value?.id ?? null}
          onUse={(id) => (pickedLlm.value = id)} disabled={generating.value} />
        <details class="advanced">
          <summary>Advanced</summary>
          <label for="rag-template">Prompt template ({'{sources}'} is replaced by the numbered sources)</label>
          <textarea id="rag-template" rows={6} value={ragTemplate.value} onInput={(e) => (ragTemplate.value = e.currentTarget.value)} />
          <div class="search-settings">
            <NumberField label="Max tokens" value={chatMaxTokens.value} min={1} max={2048} step={1} onChange={(v) => (chatMaxTokens.value = v)} disabled={generating.value} />
          </div>
        </details>
      </section>
      <section class="conversation" aria-label="Conversation">
        {turns.value.map((t) => <Turn key={t.id} turn={t} />)}
      </section>
      <form
        class="card ask"
        onSubmit={(e) => {
          e.preventDefault();
          const q = question.value;
          question.value = '';
          void ask(services, q);
        }}
      >
        <textarea aria-label="Ask a question" rows={2} placeholder="Ask a question about your documents…" value={question.value}
          onInput={(e) => (question.value = e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <div class="actions">
          <button type="submit" disabled={generating.value || !selectedLlm.value}>Send</button>
          <button type="button" class="secondary" onClick={stop} disabled={!generating.value}>Stop</button>
        </div>
      </form>
    </>
  );
}
