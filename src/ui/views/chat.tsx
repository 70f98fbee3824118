import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { refreshCacheStatus } from '../llm-actions';
import { SourceList } from '../components/sources';
import { renderAnswer } from '../../rag/render';
import type { Services } from '../actions';
import { ask, clearHistory, stop } from '../chat-actions';
import { generating, llmChoices, loadProgress, pickedLlm, ragTemplate, selectedLlm, turns, useRetrieval, type ChatTurn } from '../chat-state';
import { libraryDocs, retrievalOptions } from '../library-state';
import { setRetrievalOptions } from '../library-actions';
import { RerankSettings } from '../components/rerank-settings';
import { LlmSuggestion } from '../components/llm-suggestion';
import { formatMs, formatNumber } from '../format';
import { say, t } from '../i18n/i18n';
import { choiceLabel, reasonText } from '../model-labels';

function Latency({ turn }: { turn: ChatTurn }) {
  const r = turn.retrieval;
  const u = turn.usage;
  if (!r && !u) return null;
  return (
    <p class="muted latency" data-testid="latency">
      {[
        ...(r
          ? [t('chat:latency.embed', { ms: formatMs(r.embedMs) }), t('chat:latency.search', { ms: formatMs(r.searchMs) }), ...(r.rerankMs ? [t('chat:latency.rerank', { ms: formatMs(r.rerankMs) })] : [])]
          : [t('chat:latency.noRetrieval')]),
        ...(u
          ? [t('chat:latency.firstToken', { ms: formatMs(u.timeToFirstTokenMs) }), t('chat:latency.tokensPerS', { rate: formatMs(u.decodeTokensPerS) }), t('chat:latency.promptTokens', { n: formatNumber(u.promptTokens) })]
          : []),
      ].join(' · ')}
    </p>
  );
}

function Turn({ turn }: { turn: ChatTurn }) {
  const count = turn.sources?.length ?? 0;
  const status = {
    retrieving: t('chat:turn.retrieving'), loading: loadProgress.value ?? t('chat:turn.loading'), generating: '', done: '', stopped: t('chat:turn.stopped'), failed: '',
  }[turn.status];
  return (
    <article class="turn" data-status={turn.status}>
      <p class="question"><strong>{t('chat:turn.you')}</strong> {turn.question}</p>
      <div class="answer" aria-live="polite" data-testid="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(turn.answer, count) }} />
      {status && <p class="muted">{status}</p>}
      {turn.error && <p class="error" role="alert">{say(turn.error)}</p>}
      <p class="muted small">{t(turn.sources ? 'chat:turn.withRetrieval' : 'chat:turn.withoutRetrieval', { model: turn.model || t('chat:turn.noModel') })}</p>
      <Latency turn={turn} />
      {turn.sources && <SourceList sources={turn.sources} answer={turn.answer} />}
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
        <div class="search-settings">
          <label>
            {t('chat:settings.model')}{' '}
            <select value={selectedLlm.value?.id} onChange={(e) => (pickedLlm.value = e.currentTarget.value)} disabled={generating.value}>
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
          {/* The Library's retrieval settings: reranking here reranks there too. */}
          {useRetrieval.value && <RerankSettings value={retrievalOptions.value.rerank} disabled={generating.value} onChange={(rerank) => void setRetrievalOptions({ ...retrievalOptions.value, rerank })} />}
          <button type="button" class="link" onClick={clearHistory} disabled={generating.value || !turns.value.length}>{t('chat:settings.clearHistory')}</button>
        </div>
        <LlmSuggestion kind="question" text={question.value || turns.value.at(-1)?.question || ''} choices={models} currentId={selectedLlm.value?.id ?? null}
          onUse={(id) => (pickedLlm.value = id)} disabled={generating.value} />
        <details class="advanced">
          <summary>{t('chat:advanced.summary')}</summary>
          <label for="rag-template">{t('chat:advanced.template')}</label>
          <textarea id="rag-template" rows={6} value={ragTemplate.value} onInput={(e) => (ragTemplate.value = e.currentTarget.value)} />
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
        <div class="actions">
          <button type="submit" disabled={generating.value || !selectedLlm.value}>{t('chat:ask.send')}</button>
          <button type="button" class="secondary" onClick={stop} disabled={!generating.value}>{t('chat:ask.stop')}</button>
        </div>
      </form>
    </>
  );
}
