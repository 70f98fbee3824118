import { RetrievalModeSelect } from '../../components/retrieval-mode-select';
import { RerankSettings } from '../../components/rerank-settings';
import { rerankTask } from '../../state';
import { useSignal } from '@preact/signals';
import { snippet } from '../../../retrieval/snippet';
import type { RetrievalMode, RetrievalResponse } from '../../../shared/search-api';
import { ReasoningPaths } from '../../components/reasoning-paths';
import type { Services } from '../../actions';
import { searchLibrary, setRetrievalOptions } from '../search-actions';
import { libraryDocs, retrievalOptions, searchState } from '../library-state';
import { formatMs, formatNumber } from '../../format';
import { t } from '../../i18n/i18n';

/** Each retrieval mode as the summary line names it: keys of locales/<lang>/library.json. */
export const modeLabelKeys: Record<RetrievalMode, string> = {
  hybrid: 'library:summary.modes.hybrid',
  vector: 'library:summary.modes.vector',
  lexical: 'library:summary.modes.lexical',
  graph: 'library:summary.modes.graph',
  'hybrid-graph': 'library:summary.modes.hybrid-graph',
};

/** A score with a fixed number of decimals, in the interface language. */
const fixed = (x: number, digits: number) => formatNumber(x, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });


/** One line saying how results were found: shown wherever retrieval results appear. */
export function RetrievalSummaryLine({ response }: { response: RetrievalResponse }) {
  const ms = response.timings;
  const v = response.vector;
  return (
    <p class="muted" data-testid="retrieval-summary" data-mode={response.mode}>
      <strong>{t(modeLabelKeys[response.mode])}</strong>
      {t('library:summary.found', { count: response.results.length, docs: response.searchable })}
      {response.stale ? t('library:summary.stale', { count: response.stale }) : ''}
      {response.damaged ? <span class="warn"> · {t('errors:store.damagedVectors', { count: response.damaged })}</span> : ''}
      {t('library:summary.timings', { embed: formatMs(ms.embedMs), search: formatMs(ms.searchMs) })}
      {v ? (v.method === 'exact-f32' ? t('library:summary.exact') : t(v.method === 'binary+int8+rerank' ? 'library:summary.binary' : 'library:summary.int8', { candidates: v.candidates })) : ''}
      {v?.recallAtK !== undefined ? t('library:summary.recall', { recall: fixed(v.recallAtK, 2) }) : ''}
      {response.rerank
        ? t('library:summary.reranked', { candidates: response.rerank.candidates, model: response.rerank.modelId, ms: formatMs(ms.rerankMs), cached: response.rerank.cached })
        : ''}
    </p>
  );
}

function Results({ response, query }: { response: RetrievalResponse; query: string }) {
  if (!response.results.length) return <p>{t('library:search.noResults')}</p>;
  return (
    <ol class="results" aria-label={t('library:search.resultsLabel')}>
      {response.results.map((r) => (
        <li key={`${r.docId}#${r.ord}`} data-doc={r.docName} data-first-stage-rank={r.firstStageRank}>
          <div class="result-head">
            <strong>{r.docName}</strong>
            {r.headingPath.length ? <span class="muted"> › {r.headingPath.join(' › ')}</span> : null}
            {r.page ? <span class="muted">{t('library:search.page', { page: r.pageEnd ? `${r.page}–${r.pageEnd}` : r.page })}</span> : null}
          </div>
          <p class="snippet">
            {snippet(r.text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
          </p>
          <p class="scores muted">
            {r.rerankScore !== undefined && (
              <span data-testid="rerank-score">{t('library:search.reranker', { score: fixed(r.rerankScore, 3), rank: r.firstStageRank })}</span>
            )}
            {r.rerankScore !== undefined ? t('library:search.firstStage') : t('library:search.score', { score: fixed(r.score, 4) })}
            {r.scores.vector !== undefined && t('library:search.vector', { score: fixed(r.scores.vector, 3), rank: r.scores.vectorRank })}
            {r.scores.lexical !== undefined && t('library:search.bm25', { score: fixed(r.scores.lexical, 2), rank: r.scores.lexicalRank })}
            {r.scores.graphRank !== undefined && t('library:search.graphSource', { rank: r.scores.graphRank })}
          </p>
        </li>
      ))}
    </ol>
  );
}

export function SearchPanel({ services }: { services: Services }) {
  const query = useSignal('');
  const onlyDoc = useSignal('');
  const o = retrievalOptions.value;
  const s = searchState.value;
  if (!libraryDocs.value.length) return null;
  return (
    <section class="card" aria-labelledby="search-title">
      <h3 id="search-title">{t('library:search.title')}</h3>
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          void searchLibrary(services, query.value, onlyDoc.value ? [onlyDoc.value] : undefined);
        }}
      >
        <input type="search" aria-label={t('library:search.label')} placeholder={t('library:search.placeholder')} value={query.value} onInput={(e) => (query.value = e.currentTarget.value)} />
        <button type="submit" disabled={s.state === 'running'}>{t('library:search.submit')}</button>
      </form>
      <div class="search-settings">
        <RetrievalModeSelect label={t('library:search.mode')} value={o.mode} onChange={(mode) => setRetrievalOptions({ ...o, mode })} />
        <label>
          {t('library:search.results')}{' '}
          <input type="number" min={1} max={50} value={o.k} onInput={(e) => setRetrievalOptions({ ...o, k: Math.max(1, Math.min(50, Number(e.currentTarget.value) || 5)) })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={!!o.mmr} onChange={(e) => setRetrievalOptions({ ...o, mmr: e.currentTarget.checked ? { lambda: 0.5 } : undefined })} /> {t('library:search.mmr')}
        </label>
        <label>
          {t('library:search.in')}{' '}
          <select aria-label={t('library:search.onlyDoc')} value={onlyDoc.value} onChange={(e) => (onlyDoc.value = e.currentTarget.value)}>
            <option value="">{t('library:search.allDocs')}</option>
            {libraryDocs.value.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        <RerankSettings value={o.rerank} onChange={(rerank) => setRetrievalOptions({ ...o, rerank })} />
        {o.mode === 'hybrid' && (
          <label>
            {t('library:search.vectorWeight')}{' '}
            <input type="number" min={0} max={5} step={0.1} value={o.weights?.vector ?? 1}
              onInput={(e) => setRetrievalOptions({ ...o, weights: { lexical: o.weights?.lexical ?? 1, vector: Number(e.currentTarget.value) } })} />
          </label>
        )}
      </div>
      {s.state === 'running' && <p class="muted">{rerankTask.value.state === 'running' ? rerankTask.value.label : t('library:search.searching')}</p>}
      {s.state === 'failed' && <p class="error" role="alert">{s.message}</p>}
      {s.state === 'done' && (
        <>
          <RetrievalSummaryLine response={s.response} />
          {s.response.graph && <ReasoningPaths graph={s.response.graph} />}
          <Results response={s.response} query={s.query} />
        </>
      )}
    </section>
  );
}
