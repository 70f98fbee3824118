import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { refreshCacheStatus } from '../../models/llm-actions';
import { SourceList } from '../../components/sources';
import { renderAnswer } from '../../../rag/render';
import { citationNumbering } from '../../../graph/prompt';
import type { GraphRetrievalInfo } from '../../../shared/search-api';
import { ReasoningPaths } from '../../components/reasoning-paths';
import type { Services } from '../../actions';
import { ask, clearHistory, stop } from '../chat-actions';
import { chatMaxTokens, generating, llmChoices, loadProgress, pickedLlm, ragTemplate, selectedLlm, turns, useRetrieval, type ChatTurn } from '../chat-state';
import { libraryDocs, retrievalOptions } from '../../library/library-state';
import { extractionRunning } from '../../graph/graph-state';
import { setRetrievalOptions } from '../../library/search-actions';
import { RerankSettings } from '../../components/rerank-settings';
import { RetrievalModeSelect } from '../../components/retrieval-mode-select';
import { NumberField } from '../../components/sampling-fields';
import { LlmSuggestion } from '../../components/llm-suggestion';
import { formatMs, formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';
import { choiceLabel, reasonText } from '../../models/model-labels';
import { LlmDownloadNotice } from '../../components/llm-download-notice';

function Latency({ turn }: { turn: ChatTurn }) {
  const r = turn.retrieval;
  const u = turn.usage;
  if (!r && !u) return null;
  return (
    <p class="muted latency" data-testid="latency">
      {[
        ...(r
          ? [
            t('chat:latency.embed', { ms: formatMs(r.embedMs) }),
            r.graphMs !== undefined ? t('chat:latency.searchWithGraph', { ms: formatMs(r.searchMs), graph: formatMs(r.graphMs) }) : t('chat:latency.search', { ms: formatMs(r.searchMs) }),
            ...(r.rerankMs ? [t('chat:latency.rerank', { ms: formatMs(r.rerankMs) })] : []),
          ]
          : [t('chat:latency.noRetrieval')]),
        ...(u
          ? [t('chat:latency.firstToken', { ms: formatMs(u.timeToFirstTokenMs) }), t('chat:latency.tokensPerS', { rate: formatMs(u.decodeTokensPerS) }), t('chat:latency.promptTokens', { n: formatNumber(u.promptTokens) })]
          : []),
      ].join(' · ')}
    </p>
  );
}

/** RoG's answer without an LLM (the last entity of the best path), beside the model's. */
function Baseline({ graph }: { graph: GraphRetrievalInfo }) {
  return (
    <p class="muted small" data-testid="rog-baseline">
      {t('chat:turn.baseline')} {graph.baseline ? <strong>{graph.baseline}</strong> : t('chat:turn.noBaseline')}
    </p>
  );
}

function Turn({ turn }: { turn: ChatTurn }) {
  const sources = turn.sources ?? [];
  // With RoG's prompt the paths are [1..P]; passages, when the prompt has them, follow as [P+1..].
  const { rog, first, count } = citationNumbering({ mode: turn.mode, graph: turn.graph, results: sources });
  const chunkAnchor = (docId: string, ord: number) => {
    const i = sources.findIndex((s) => s.docId === docId && s.ord === ord);
    return i < 0 ? null : `source-${i + first}`;
  };
  const status = {
    retrieving: t('chat:turn.retrieving'), loading: loadProgress.value ?? t('chat:turn.loading'), generating: '', done: '', stopped: t('chat:turn.stopped'), failed: '',
  }[turn.status];
  return (
    <article class="turn" data-status={turn.status} data-prompt={rog ? 'rog' : 'rag'}>
      <p class="question"><strong>{t('chat:turn.you')}</strong> {turn.question}</p>
      <div class="answer" aria-live="polite" data-testid="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(turn.answer, count) }} />
      {status && <p class="muted">{status}</p>}
      {turn.error && <p class="error" role="alert">{say(turn.error)}</p>}
      <p class="muted small">{t(turn.sources ? (rog ? 'chat:turn.fromGraphPaths' : 'chat:turn.withRetrieval') : 'chat:turn.withoutRetrieval', { model: turn.model || t('chat:turn.noModel') })}</p>
      {turn.graph && <Baseline graph={turn.graph} />}
      <Latency turn={turn} />
      {turn.graph && (
        <details class="sources" open>
          <summary>{t('common:paths.summary', { count: turn.graph.paths.length })}</summary>
          <ReasoningPaths graph={turn.graph} anchorPrefix={rog ? 'source-' : undefined} chunkAnchor={chunkAnchor} />
        </details>
      )}
      {turn.sources && (
        <SourceList sources={turn.sources} answer={turn.answer} first={first}
          title={rog && turn.mode === 'graph' ? t('common:paths.chunksStating') : undefined} />
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
        <h2 id="chat-title">{t('chat:title')}</h2>
        {!models.some((m) => !m.unavailable) && (
          <p class="notice">{t('chat:notice.noModel')}</p>
        )}
        {models.length > 0 && !libraryDocs.value.length && useRetrieval.value && (
          <p class="notice">{t('chat:notice.emptyLibrary')}</p>
        )}
        <LlmDownloadNotice view="chat" pick={(id) => (pickedLlm.value = id)} />
        <div class="search-settings">
          <label>
            {t('chat:settings.model')}{' '}
            <select value={selectedLlm.value?.id} onChange={(e) => (pickedLlm.value = e.currentTarget.value)} disabled={generating.value || extractionRunning.value}>
              {models.map((m) => (
                <option key={m.id} value={m.id} disabled={!!m.unavailable}>
                  {m.unavailable ? t('chat:settings.unavailableOption', { label: choiceLabel(m), reason: reasonText(m.unavailable) }) : choiceLabel(m)}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" checked={useRetrieval.value} onChange={(e) => (useRetrieval.value = e.currentTarget.checked)} /> {t('chat:settings.useRetrieval')}
          </label>
          {/* The Library's retrieval settings: a mode or reranking chosen here applies there too. */}
          {useRetrieval.value && <RetrievalModeSelect label={t('library:search.mode')} value={retrievalOptions.value.mode} disabled={generating.value} onChange={(mode) => void setRetrievalOptions({ ...retrievalOptions.value, mode })} />}
          {useRetrieval.value && <RerankSettings value={retrievalOptions.value.rerank} disabled={generating.value} onChange={(rerank) => void setRetrievalOptions({ ...retrievalOptions.value, rerank })} />}
          <button type="button" class="link" onClick={clearHistory} disabled={generating.value || !turns.value.length}>{t('chat:settings.clearHistory')}</button>
        </div>
        <LlmSuggestion kind="question" text={question.value || turns.value.at(-1)?.question || ''} choices={models} currentId={selectedLlm.value?.id ?? null}
          onUse={(id) => (pickedLlm.value = id)} disabled={generating.value} />
        <details class="advanced">
          <summary>{t('chat:advanced.summary')}</summary>
          <label for="rag-template">{t('chat:advanced.template')}</label>
          <textarea id="rag-template" rows={6} value={ragTemplate.value} onInput={(e) => (ragTemplate.value = e.currentTarget.value)} />
          <div class="search-settings">
            <NumberField label={t('common:sampling.maxTokens')} value={chatMaxTokens.value} min={1} max={2048} step={1} onChange={(v) => (chatMaxTokens.value = v)} disabled={generating.value} />
          </div>
        </details>
      </section>
      <section class="conversation" aria-label={t('chat:conversation')}>
        {turns.value.map((turn) => <Turn key={turn.id} turn={turn} />)}
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
        <textarea aria-label={t('chat:ask.label')} rows={2} placeholder={t('chat:ask.placeholder')} value={question.value}
          onInput={(e) => (question.value = e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        {extractionRunning.value && <p class="notice">{t('chat:notice.extracting')}</p>}
        <div class="actions">
          <button type="submit" disabled={generating.value || extractionRunning.value || !selectedLlm.value}>{t('chat:ask.send')}</button>
          <button type="button" class="secondary" onClick={stop} disabled={!generating.value}>{t('chat:ask.stop')}</button>
        </div>
      </form>
    </>
  );
}
