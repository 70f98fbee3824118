// The details of one question in a run: each mode's answer with its [n] linked
// as its prompt numbered them (RoG's prompt in the graph modes: paths first, then
// passages; graph/prompt.ts), the prompt itself, the reasoning paths and sources.
import { citationNumbering } from '../../../graph/prompt';
import type { EvalResult } from '../../../eval/types';
import { renderAnswer } from '../../../rag/render';
import type { RetrievalMode } from '../../../shared/search-api';
import { SourceList } from '../../components/sources';
import { modeLabel } from '../eval-labels';
import { t } from '../../i18n/i18n';

/** One result: its answer with [n] linked as its prompt numbered them (RoG's: paths first), the prompt, paths and sources. */
function ResultDetails({ r, retrievalMode }: { r: EvalResult; retrievalMode: RetrievalMode }) {
  const prefix = `${r.key}-source-`;
  const n = citationNumbering({ mode: retrievalMode, graph: r.paths ? { paths: r.paths } : undefined, results: r.sources ?? [] });
  return (
    <article class="cell card" data-mode={r.mode} data-prompt={r.sources ? (n.rog ? 'rog' : 'rag') : undefined}>
      <h4>{modeLabel(r.mode)}</h4>
      <div class="answer" dangerouslySetInnerHTML={{ __html: renderAnswer(r.output, n.count, prefix) }} />
      <details>
        <summary>{t('evaluate:details.prompt', { count: r.messages.length })}</summary>
        {r.messages.map((m, i) => <pre key={i} class="prompt"><strong>{m.role}:</strong> {m.content}</pre>)}
      </details>
      {r.paths && (
        <details class="sources">
          <summary>{t('common:paths.summary', { count: r.paths.length })}</summary>
          <ol class="paths" aria-label={t('common:paths.label')}>
            {r.paths.map((p, i) => (
              <li key={i} id={n.rog ? `${prefix}${i + 1}` : undefined}>
                <code>{p.text}</code> <span class="muted small">{p.docs.length ? p.docs.join(t('common:paths.listSeparator')) : t('common:paths.noSource')}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
      {r.sources && <SourceList sources={r.sources} answer={r.output} anchorPrefix={prefix} open={false} first={n.first}
        title={n.rog && retrievalMode === 'graph' ? t('common:paths.chunksStating') : undefined} />}
    </article>
  );
}

export function ItemDetails({ results, retrievalMode }: { results: EvalResult[]; retrievalMode: RetrievalMode }) {
  return <div class="item-details">{results.map((r) => <ResultDetails key={r.key} r={r} retrievalMode={retrievalMode} />)}</div>;
}
