import { RetrievalModeSelect } from '../../components/retrieval-mode-select';
import { RerankSettings } from '../../components/rerank-settings';
import { rerankTask } from '../../state';
import { useSignal } from '@preact/signals';
import { snippet } from '../../../retrieval/snippet';
import type { RetrievalMode, RetrievalResponse } from '../../../shared/search-api';
import { ReasoningPaths } from '../../components/reasoning-paths';
import type { Services } from '../../actions';
import { searchLibrary, setRetrievalOptions } from '../../library-actions';
import { libraryDocs, retrievalOptions, searchState } from '../../library-state';
import { formatMs } from '../../format';

export const modeLabels: Record<RetrievalMode, string> = {
  hybrid: 'Hybrid: vectors + BM25, fused by reciprocal rank',
  vector: 'Vector: embedding similarity',
  lexical: 'Lexical: BM25 keywords',
  graph: 'Graph (RoG): knowledge-graph paths and the chunks that state them',
  'hybrid-graph': 'Hybrid + graph: hybrid and graph paths, fused by reciprocal rank',
};


/** One line saying how results were found: shown wherever retrieval results appear. */
export function RetrievalSummaryLine({ response }: { response: RetrievalResponse }) {
  const t = response.timings;
  const v = response.vector;
  return (
    <p class="muted" data-testid="retrieval-summary" data-mode={response.mode}>
      <strong>{modeLabels[response.mode]}</strong> · {response.results.length} result(s) from {response.searchable} document(s)
      {response.stale ? ` (${response.stale} not re-embedded yet, left out)` : ''} · embed {formatMs(t.embedMs)} ms · search {formatMs(t.searchMs)} ms
      {v ? ` · ${v.method === 'int8-simd+rerank' ? `int8 SIMD scan + exact re-rank of ${v.candidates}` : 'exact scan'}` : ''}
      {v?.recallAtK !== undefined ? ` · recall@k vs exact ${v.recallAtK.toFixed(2)}` : ''}
      {response.rerank ? ` · reranked top ${response.rerank.candidates} with ${response.rerank.modelId} in ${formatMs(t.rerankMs)} ms (${response.rerank.cached} cached)` : ''}
    </p>
  );
}

function Results({ response, query }: { response: RetrievalResponse; query: string }) {
  if (!response.results.length) return <p>No matching passages.</p>;
  return (
    <ol class="results" aria-label="Search results">
      {response.results.map((r) => (
        <li key={`${r.docId}#${r.ord}`} data-doc={r.docName} data-first-stage-rank={r.firstStageRank}>
          <div class="result-head">
            <strong>{r.docName}</strong>
            {r.headingPath.length ? <span class="muted"> › {r.headingPath.join(' › ')}</span> : null}
            {r.page ? <span class="muted"> · page {r.page}{r.pageEnd ? `–${r.pageEnd}` : ''}</span> : null}
          </div>
          <p class="snippet">
            {snippet(r.text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
          </p>
          <p class="scores muted">
            {r.rerankScore !== undefined && <span data-testid="rerank-score">reranker {r.rerankScore.toFixed(3)} (was #{r.firstStageRank}) · </span>}
            {r.rerankScore !== undefined ? 'first stage' : `score ${r.score.toFixed(4)}`}
            {r.scores.vector !== undefined && ` · vector ${r.scores.vector.toFixed(3)} (#${r.scores.vectorRank})`}
            {r.scores.lexical !== undefined && ` · BM25 ${r.scores.lexical.toFixed(2)} (#${r.scores.lexicalRank})`}
            {r.scores.graphRank !== undefined && ` · graph path source #${r.scores.graphRank}`}
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
      <h3 id="search-title">Search</h3>
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          void searchLibrary(services, query.value, onlyDoc.value ? [onlyDoc.value] : undefined);
        }}
      >
        <input type="search" aria-label="Search documents" placeholder="Search your documents…" value={query.value} onInput={(e) => (query.value = e.currentTarget.value)} />
        <button type="submit" disabled={s.state === 'running'}>Search</button>
      </form>
      <div class="search-settings">
        <RetrievalModeSelect label="Retrieval mode" value={o.mode} onChange={(mode) => setRetrievalOptions({ ...o, mode })} />
        <label>
          Results{' '}
          <input type="number" min={1} max={50} value={o.k} onInput={(e) => setRetrievalOptions({ ...o, k: Math.max(1, Math.min(50, Number(e.currentTarget.value) || 5)) })} />
        </label>
        <label class="check">
          <input type="checkbox" checked={!!o.mmr} onChange={(e) => setRetrievalOptions({ ...o, mmr: e.currentTarget.checked ? { lambda: 0.5 } : undefined })} /> Diversify (MMR)
        </label>
        <label>
          In{' '}
          <select aria-label="Only in document" value={onlyDoc.value} onChange={(e) => (onlyDoc.value = e.currentTarget.value)}>
            <option value="">all documents</option>
            {libraryDocs.value.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        <RerankSettings value={o.rerank} onChange={(rerank) => setRetrievalOptions({ ...o, rerank })} />
        {o.mode === 'hybrid' && (
          <label>
            Vector weight{' '}
            <input type="number" min={0} max={5} step={0.1} value={o.weights?.vector ?? 1}
              onInput={(e) => setRetrievalOptions({ ...o, weights: { lexical: o.weights?.lexical ?? 1, vector: Number(e.currentTarget.value) } })} />
          </label>
        )}
      </div>
      {s.state === 'running' && <p class="muted">{rerankTask.value.state === 'running' ? rerankTask.value.label : 'Searching…'}</p>}
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
