// The knowledge graph's reasoning paths (graph retrieval modes): numbered, each
// with the sentences that state its edges (document, offsets, text), linked to
// the retrieved chunk that holds them. Used by Chat and Library search.
import type { GraphRetrievalInfo, PathHop, RetrievedPath } from '../../shared/search-api';
import { t } from '../i18n/i18n';
import { formatMs } from '../format';

/** `A → relation → B`, or `A ← relation ← B` for a hop followed against the edge. */
const hopText = (h: PathHop) => `${h.fromName} ${h.reverse ? '←' : '→'} ${h.relation} ${h.reverse ? '←' : '→'} ${h.toName}`;

function PathSources({ path, n, chunkAnchor }: { path: RetrievedPath; n: number; chunkAnchor?: (docId: string, ord: number) => string | null }) {
  const docs = [...new Set(path.hops.flatMap((h) => h.evidence.map((e) => e.docName)))];
  return (
    <details class="path-sources">
      <summary>{docs.length ? docs.join(t('common:paths.listSeparator')) : t('common:paths.noSource')}</summary>
      <ul aria-label={t('common:paths.sourcesLabel', { n })}>
        {path.hops.map((h, i) => (
          <li key={i}>
            <span class="muted">{hopText(h)}</span>
            {h.evidence.map((e, j) => {
              const anchor = chunkAnchor?.(e.docId, e.ord);
              return (
                <blockquote key={j} class="evidence" data-doc={e.docName}>
                  {anchor ? <a href={`#${anchor}`}>{e.docName}</a> : <strong>{e.docName}</strong>}
                  <span class="muted">{t('common:paths.characters', { start: e.start, end: e.end })}</span>
                  <br />“{e.text}”
                </blockquote>
              );
            })}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What the LLM planner wrote (RoG's planning step), each plan marked by whether the graph could follow it. */
function LlmPlans({ graph }: { graph: GraphRetrievalInfo }) {
  if (!graph.llmPlan) return null;
  const plans = (graph.plans ?? []).filter((p) => p.source === 'llm');
  const ms = formatMs(graph.llmPlan.ms);
  if (graph.llmPlan.error) return <p class="notice" data-testid="llm-plans">{t('common:paths.llmPlanFailed', { ms, reason: graph.llmPlan.error })}</p>;
  if (!plans.length) return <p class="muted" data-testid="llm-plans">{t('common:paths.llmPlansNone', { ms })}</p>;
  return (
    <p class="muted" data-testid="llm-plans">
      {t('common:paths.llmPlans', { ms })}{' '}
      {plans.map((p, i) => (
        <span key={i} class="plan">
          {i > 0 && t('common:paths.listSeparator')}
          <code>{p.relations.join(' → ')}</code> ({t(p.matched ? 'common:paths.planFollowed' : 'common:paths.planMissing')})
        </span>
      ))}
    </p>
  );
}

/**
 * The paths as a numbered list. `anchorPrefix` + n is each path's id (the target of an answer's `[n]`);
 * `chunkAnchor` gives the id of the listed chunk that holds a sentence, or null when it is not listed.
 */
export function ReasoningPaths({ graph, anchorPrefix, chunkAnchor }: { graph: GraphRetrievalInfo; anchorPrefix?: string; chunkAnchor?: (docId: string, ord: number) => string | null }) {
  if (!graph.entities) return <p class="muted" data-testid="graph-paths">{t('common:paths.empty')}</p>;
  if (!graph.paths.length) {
    return (
      <>
        <LlmPlans graph={graph} />
        <p class="muted" data-testid="graph-paths">
          {graph.linked.length ? t('common:paths.noPathFrom', { entities: graph.linked.join(t('common:paths.listSeparator')) }) : t('common:paths.noEntity')}
        </p>
      </>
    );
  }
  return (
    <>
      <LlmPlans graph={graph} />
      <ol class="paths" aria-label={t('common:paths.label')} data-testid="graph-paths">
        {graph.paths.map((p, i) => (
          <li key={i} id={anchorPrefix ? `${anchorPrefix}${i + 1}` : undefined}>
            <code>{p.text}</code>
            <PathSources path={p} n={i + 1} chunkAnchor={chunkAnchor} />
          </li>
        ))}
      </ol>
    </>
  );
}
