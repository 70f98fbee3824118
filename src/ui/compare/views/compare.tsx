import { renderAnswer } from '../../../rag/render';
import { citationNumbering } from '../../../graph/prompt';
import { RetrievalModeSelect } from '../../components/retrieval-mode-select';
import type { EvalMode } from '../../../eval/types';
import type { RetrievalMode } from '../../../shared/search-api';
import type { Services } from '../../actions';
import { baseChoices, fineTunedChoices, ragTemplate } from '../../chat/chat-state';
import { cellUnavailable, compare, compareBase, compareFineTuned, stopCompare } from '../compare-actions';
import { cells, compareQuestion, compareSampling, comparedQuestion, comparePickedBase, comparePickedFineTuned, comparing, type CellState } from '../compare-state';
import { SourceList } from '../../components/sources';
import { ReasoningPaths } from '../../components/reasoning-paths';
import { libraryDocs, retrievalOptions } from '../../library/library-state';
import { setRetrievalOptions } from '../../library/search-actions';
import { RerankSettings } from '../../components/rerank-settings';
import { SamplingFields } from '../../components/sampling-fields';
import { formatMs, formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';
import { choiceLabel } from '../../models/model-labels';
import { LlmDownloadNotice } from '../../components/llm-download-notice';

const statusKeys: Record<CellState['status'], string | null> = {
  idle: null, queued: 'compare:status.queued', retrieving: 'compare:status.retrieving', loading: 'compare:status.loading',
  generating: 'compare:status.generating', done: null, stopped: 'compare:status.stopped', failed: null,
};

/** The retrieval mode as the intro names it (lower case in English, as in the settings it quotes). */
const modeKeys: Record<RetrievalMode, string> = {
  hybrid: 'compare:mode.hybrid', vector: 'compare:mode.vector', lexical: 'compare:mode.lexical', graph: 'compare:mode.graph', 'hybrid-graph': 'compare:mode.hybridGraph',
};

const modeTitleKeys: Record<EvalMode, string> = {
  base: 'compare:cell.base', rag: 'compare:cell.rag', ft: 'compare:cell.ft', 'rag-ft': 'compare:cell.ragFt',
};

function Cell({ mode, services }: { mode: EvalMode; services: Services }) {
  const title = t(modeTitleKeys[mode]);
  const cell = cells.value[mode];
  const statusKey = statusKeys[cell.status];
  const status = cell.progress ?? (statusKey ? t(statusKey) : '');
  const unavailable = cellUnavailable(mode);
  const u = cell.usage;
  // In the graph retrieval modes the RAG cells answer with RoG's prompt: [1..P] are the paths, the chunks follow.
  const numbering = citationNumbering({ mode: cell.mode ?? undefined, graph: cell.graph ?? undefined, results: cell.sources ?? [] });
  const anchorPrefix = `${mode}-source-`;
  return (
    <article class="cell card" aria-label={title} data-mode={mode} data-status={unavailable ? 'unavailable' : cell.status} data-prompt={cell.sources ? (numbering.rog ? 'rog' : 'rag') : undefined}>
      <header class="cell-head">
        <h3>{title}</h3>
        <button type="button" class="secondary small" disabled={!!unavailable || comparing.value || !comparedQuestion.value}
          onClick={() => void compare(services, comparedQuestion.value, mode)} aria-label={t('compare:cell.rerunLabel', { title })}>
          {t('compare:cell.rerun')}
        </button>
      </header>
      {unavailable ? (
        <p class="muted" data-testid="unavailable">{say(unavailable)}</p>
      ) : (
        <>
          {cell.model && <p class="muted small">{cell.model}</p>}
          {status && <p class="muted" aria-live="polite">{status}</p>}
          {cell.status === 'generating' && <progress aria-label={t('compare:cell.progress', { title })} max={compareSampling.value.maxTokens} value={cell.tokens} />}
          <div class="answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(cell.answer, numbering.count, anchorPrefix) }} />
          {cell.error && <p class="error" role="alert">{say(cell.error)}</p>}
          {(u || cell.totalMs !== null) && (
            <p class="muted latency" data-testid="latency">
              {[
                ...(cell.retrieval ? [t('compare:latency.search', { ms: formatMs(cell.retrieval.embedMs + cell.retrieval.searchMs) })] : []),
                ...(cell.retrieval?.rerankMs ? [t('compare:latency.rerank', { ms: formatMs(cell.retrieval.rerankMs) })] : []),
                ...(u
                  ? [t('compare:latency.firstToken', { ms: formatMs(u.timeToFirstTokenMs) }), t('compare:latency.tokensPerS', { rate: formatMs(u.decodeTokensPerS) }),
                    t('compare:latency.tokens', { n: formatNumber(u.completionTokens) })]
                  : []),
              ].map((part) => `${part} · `).join('')}
              {cell.totalMs !== null ? t('compare:latency.total', { ms: formatMs(cell.totalMs) }) : ''}
            </p>
          )}
          {cell.graph && (
            <details class="sources">
              <summary>{t('common:paths.summary', { count: cell.graph.paths.length })}</summary>
              <ReasoningPaths graph={cell.graph} anchorPrefix={numbering.rog ? anchorPrefix : undefined} chunkAnchor={(docId, ord) => {
                const i = cell.sources?.findIndex((s) => s.docId === docId && s.ord === ord) ?? -1;
                return i < 0 ? null : `${anchorPrefix}${i + numbering.first}`;
              }} />
            </details>
          )}
          {cell.sources && <SourceList sources={cell.sources} answer={cell.answer} anchorPrefix={anchorPrefix} open={false} first={numbering.first}
            title={numbering.rog && cell.mode === 'graph' ? t('common:paths.chunksStating') : undefined} />}
        </>
      )}
    </article>
  );
}

export function CompareView({ services }: { services: Services }) {
  const base = compareBase();
  const ft = compareFineTuned();
  const o = retrievalOptions.value;
  return (
    <>
      <section class="card" aria-labelledby="compare-title">
        <h2 id="compare-title">{t('compare:title')}</h2>
        <p class="muted">
          {t(o.rerank ? 'compare:introReranked' : 'compare:intro', {
            mode: t(modeKeys[o.mode]), k: o.k, topN: o.rerank ? Math.max(o.rerank.topN, o.k) : 0,
          })}
        </p>
        {!libraryDocs.value.length && <p class="notice">{t('compare:emptyLibrary')}</p>}
        <LlmDownloadNotice view="compare" pick={(id) => (comparePickedBase.value = id)} />
        <form class="compare-form" onSubmit={(e) => {
          e.preventDefault();
          void compare(services, compareQuestion.value);
        }}>
          <label class="grow">
            {t('compare:question')}
            <input type="text" value={compareQuestion.value} onInput={(e) => (compareQuestion.value = e.currentTarget.value)} placeholder={t('compare:questionPlaceholder')} />
          </label>
          <div class="actions">
            <button type="submit" disabled={comparing.value || !base || !compareQuestion.value.trim()}>{t('compare:run')}</button>
            <button type="button" class="secondary" onClick={stopCompare} disabled={!comparing.value}>{t('compare:stop')}</button>
          </div>
        </form>
        <div class="search-settings">
          <label>
            {t('compare:baseModel')}{' '}
            <select value={base?.id} disabled={comparing.value} onChange={(e) => (comparePickedBase.value = e.currentTarget.value)}>
              {baseChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{choiceLabel(m)}</option>)}
            </select>
          </label>
          <label>
            {t('compare:fineTunedModel')}{' '}
            <select value={ft?.id ?? ''} disabled={comparing.value || !fineTunedChoices.value.length} onChange={(e) => (comparePickedFineTuned.value = e.currentTarget.value)}>
              {fineTunedChoices.value.length ? fineTunedChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{choiceLabel(m)}</option>) : <option value="">{t('compare:noneYet')}</option>}
            </select>
          </label>
          {/* The RAG and RAG + fine-tune cells retrieve this way: "Graph (RoG)" and "Hybrid + graph" run RoG in both. */}
          <RetrievalModeSelect label={t('library:search.mode')} value={o.mode} disabled={comparing.value} onChange={(mode) => void setRetrievalOptions({ ...o, mode })} />
          <RerankSettings value={retrievalOptions.value.rerank} disabled={comparing.value} onChange={(rerank) => void setRetrievalOptions({ ...retrievalOptions.value, rerank })} />
        </div>
        <details class="advanced">
          <summary>{t('compare:sampling')}</summary>
          <SamplingFields value={compareSampling.value} onChange={(v) => (compareSampling.value = v)} disabled={comparing.value} />
          <p class="muted small">{t('compare:template', { first: ragTemplate.value.split('\n')[0] })}</p>
        </details>
      </section>
      {comparedQuestion.value && <p class="compared">{t('compare:answersTo')} <q>{comparedQuestion.value}</q></p>}
      <div class="compare-grid" role="group" aria-label={t('compare:answers')}>
        <Cell mode="base" services={services} />
        <Cell mode="rag" services={services} />
        <Cell mode="ft" services={services} />
        <Cell mode="rag-ft" services={services} />
      </div>
      <p class="muted small">{t('compare:evaluateHint')}</p>
    </>
  );
}
