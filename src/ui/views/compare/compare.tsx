import { renderAnswer } from '../../../rag/render';
import type { EvalMode } from '../../../eval/types';
import type { Services } from '../../actions';
import { baseChoices, fineTunedChoices, ragTemplate } from '../../chat-state';
import { cellUnavailable, compare, compareBase, compareFineTuned, stopCompare } from '../../compare-actions';
import { cells, compareQuestion, compareSampling, comparedQuestion, comparePickedBase, comparePickedFineTuned, comparing, type CellState } from '../../compare-state';
import { SourceList } from '../../components/sources';
import { libraryDocs, retrievalOptions } from '../../library-state';
import { setRetrievalOptions } from '../../library-actions';
import { RerankSettings } from '../../components/rerank-settings';
import { SamplingFields } from '../../components/sampling-fields';
import { formatMs } from '../../format';

const statusText: Record<CellState['status'], string> = {
  idle: '', queued: 'Waiting for its turn on the GPU…', retrieving: 'Searching your documents…', loading: 'Loading the model…',
  generating: 'Generating…', done: '', stopped: 'Stopped.', failed: '',
};

function Cell({ mode, title, services }: { mode: EvalMode; title: string; services: Services }) {
  const cell = cells.value[mode];
  const unavailable = cellUnavailable(mode);
  const u = cell.usage;
  return (
    <article class="cell card" aria-label={title} data-mode={mode} data-status={unavailable ? 'unavailable' : cell.status}>
      <header class="cell-head">
        <h3>{title}</h3>
        <button type="button" class="secondary small" disabled={!!unavailable || comparing.value || !comparedQuestion.value}
          onClick={() => void compare(services, comparedQuestion.value, mode)} aria-label={`Re-run ${title}`}>
          Re-run
        </button>
      </header>
      {unavailable ? (
        <p class="muted" data-testid="unavailable">{unavailable}</p>
      ) : (
        <>
          {cell.model && <p class="muted small">{cell.model}</p>}
          {(cell.progress ?? statusText[cell.status]) && <p class="muted" aria-live="polite">{cell.progress ?? statusText[cell.status]}</p>}
          {cell.status === 'generating' && <progress aria-label={`${title} progress`} max={compareSampling.value.maxTokens} value={cell.tokens} />}
          <div class="answer" data-testid="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(cell.answer, cell.sources?.length ?? 0, `${mode}-source-`) }} />
          {cell.error && <p class="error" role="alert">{cell.error}</p>}
          {(u || cell.totalMs !== null) && (
            <p class="muted latency" data-testid="latency">
              {cell.retrieval ? `search ${formatMs(cell.retrieval.embedMs + cell.retrieval.searchMs)} ms · ` : ''}
              {cell.retrieval?.rerankMs ? `rerank ${formatMs(cell.retrieval.rerankMs)} ms · ` : ''}
              {u ? `first token ${formatMs(u.timeToFirstTokenMs)} ms · ${formatMs(u.decodeTokensPerS)} tokens/s · ${u.completionTokens} tokens · ` : ''}
              {cell.totalMs !== null ? `total ${formatMs(cell.totalMs)} ms` : ''}
            </p>
          )}
          {cell.sources && <SourceList sources={cell.sources} answer={cell.answer} anchorPrefix={`${mode}-source-`} open={false} />}
        </>
      )}
    </article>
  );
}

export function CompareView({ services }: { services: Services }) {
  const base = compareBase();
  const ft = compareFineTuned();
  return (
    <>
      <section class="card" aria-labelledby="compare-title">
        <h2 id="compare-title">Compare four ways to add knowledge</h2>
        <p class="muted">
          One question, answered by the base model and by a fine-tuned model, each without and with retrieval. The answers run one after
          another on this device with the same seed and sampling settings; retrieval uses the Library's search settings
          ({retrievalOptions.value.mode}, top {retrievalOptions.value.k}{retrievalOptions.value.rerank ? `, reranked from the top ${Math.max(retrievalOptions.value.rerank.topN, retrievalOptions.value.k)}` : ''}).
        </p>
        {!libraryDocs.value.length && <p class="notice">Your library is empty: the RAG cells will have no sources. Add documents in Library first.</p>}
        <form class="compare-form" onSubmit={(e) => {
          e.preventDefault();
          void compare(services, compareQuestion.value);
        }}>
          <label class="grow">
            Question to compare
            <input type="text" value={compareQuestion.value} onInput={(e) => (compareQuestion.value = e.currentTarget.value)} placeholder="A question about your documents" />
          </label>
          <div class="actions">
            <button type="submit" disabled={comparing.value || !base || !compareQuestion.value.trim()}>Compare</button>
            <button type="button" class="secondary" onClick={stopCompare} disabled={!comparing.value}>Stop</button>
          </div>
        </form>
        <div class="search-settings">
          <label>
            Base model{' '}
            <select value={base?.id} disabled={comparing.value} onChange={(e) => (comparePickedBase.value = e.currentTarget.value)}>
              {baseChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>)}
            </select>
          </label>
          <label>
            Fine-tuned model{' '}
            <select value={ft?.id ?? ''} disabled={comparing.value || !fineTunedChoices.value.length} onChange={(e) => (comparePickedFineTuned.value = e.currentTarget.value)}>
              {fineTunedChoices.value.length ? fineTunedChoices.value.map((m) => <option key={m.id} value={m.id} disabled={!!m.unavailable}>{m.label}</option>) : <option value="">none yet</option>}
            </select>
          </label>
          <RerankSettings value={retrievalOptions.value.rerank} disabled={comparing.value} onChange={(rerank) => void setRetrievalOptions({ ...retrievalOptions.value, rerank })} />
        </div>
        <details class="advanced">
          <summary>Sampling and prompt</summary>
          <SamplingFields value={compareSampling.value} onChange={(v) => (compareSampling.value = v)} disabled={comparing.value} />
          <p class="muted small">The RAG prompt template is Chat's (Chat › Advanced): {ragTemplate.value.split('\n')[0]}…</p>
        </details>
      </section>
      {comparedQuestion.value && <p class="compared">Answers to: <q>{comparedQuestion.value}</q></p>}
      <div class="compare-grid" role="group" aria-label="Answers">
        <Cell mode="base" title="Base model, no retrieval" services={services} />
        <Cell mode="rag" title="Base model with retrieval (RAG)" services={services} />
        <Cell mode="ft" title="Fine-tuned, no retrieval" services={services} />
        <Cell mode="rag-ft" title="Fine-tuned with retrieval (RAG + FT)" services={services} />
      </div>
      <p class="muted small">To measure the four modes on a whole question set, with confidence intervals, use Evaluate.</p>
    </>
  );
}
