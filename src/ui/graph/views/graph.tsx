// The Graph view: the knowledge graph's statistics, an entity's neighbourhood or
// a question's reasoning paths drawn, and the sentence behind any edge. The graph
// lives in the search worker; this view only renders what graph-actions fetch.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { GraphDrawing } from '../../../shared/search-api';
import type { Services } from '../../actions';
import { ReasoningPaths } from '../../components/reasoning-paths';
import { findEntities, loadGraphOverview, selectEdge, showNeighbourhood, showPaths } from '../graph-actions';
import { entityMatches, graphOverview, selectedEdge, shown, type Shown } from '../graph-state';
import { formatNumber } from '../../format';
import { say, t } from '../../i18n/i18n';
import { libraryDocs } from '../../library/library-state';
import { GraphCanvas } from './graph-canvas';
import { GraphExtract } from './graph-extract';
import { GraphStats } from './graph-stats';

const names = (d: GraphDrawing) => new Map(d.nodes.map((n) => [n.key, n.name]));

/** The extractor rules' names (graph/clauses.ts), as keys; an unknown one shows as it is. */
const extractorKeys: Record<string, string> = {
  pattern: 'graph:extractor.pattern',
  apposition: 'graph:extractor.apposition',
  'co-occurrence': 'graph:extractor.co-occurrence',
};
const extractorName = (x: string) => (extractorKeys[x] ? t(extractorKeys[x]) : x);
const list = (items: string[]) => items.join(t('common:paths.listSeparator'));

/** The selected edge's fact and the sentences that state it. */
function EdgeDetails({ drawing, id }: { drawing: GraphDrawing; id: string }) {
  const e = drawing.edges.find((x) => x.id === id);
  if (!e) return null;
  const n = names(drawing);
  return (
    <div class="edge-details" data-testid="edge-details" aria-live="polite">
      <p><strong>{n.get(e.source)} → {e.relation} → {n.get(e.target)}</strong></p>
      {e.evidence.map((s, i) => (
        <blockquote key={i} class="evidence" data-doc={s.docName}>
          <strong>{s.docName}</strong>
          <span class="muted" data-extractor={s.extractor}>
            {s.extractor === 'llm'
              ? t('graph:edges.evidenceLlm', { start: s.start, end: s.end, model: s.model ?? '?' })
              : t('graph:edges.evidence', { start: s.start, end: s.end, extractor: extractorName(s.extractor) })}
          </span>
          <br />“{s.text}”
        </blockquote>
      ))}
    </div>
  );
}

/** The edges as a list: what the canvas shows, for keyboards and screen readers too. */
function EdgeList({ drawing, selected }: { drawing: GraphDrawing; selected: string | null }) {
  const n = names(drawing);
  return (
    <details class="edge-list">
      <summary>{t(drawing.truncated ? 'graph:edges.summaryTruncated' : 'graph:edges.summary', { count: formatNumber(drawing.edges.length) })}</summary>
      <ul aria-label={t('graph:edges.label')}>
        {drawing.edges.map((e) => (
          <li key={e.id}>
            <button type="button" class="link" aria-pressed={e.id === selected} onClick={() => selectEdge(e.id)}>
              {n.get(e.source)} → {e.relation} → {n.get(e.target)}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function ShownGraph({ value, services }: { value: Shown; services: Services }) {
  const d = value.drawing;
  const title = value.kind === 'neighbourhood'
    ? t(d.truncated ? 'graph:shown.neighbourhoodTruncated' : 'graph:shown.neighbourhood', { name: value.name, entities: formatNumber(d.nodes.length), edges: formatNumber(d.edges.length) })
    : t('graph:shown.paths', { count: value.graph.paths.length, question: value.question });
  return (
    <div class="shown-graph">
      <p data-testid="graph-shown"><strong>{title}</strong></p>
      {value.kind === 'paths' && value.graph.linked.length > 0 && (
        <p class="muted small">
          {value.graph.baseline
            ? t('graph:shown.linkedBaseline', { entities: list(value.graph.linked), baseline: value.graph.baseline })
            : t('graph:shown.linked', { entities: list(value.graph.linked) })}
        </p>
      )}
      {d.edges.length > 0 && (
        <>
          <p class="muted small legend">
            {value.kind === 'paths'
              ? <><span class="dot start" /> {t('graph:legend.start')} · <span class="dot end" /> {t('graph:legend.pathEnd')} · {t('graph:legend.thick')} · </>
              : <><span class="dot start" /> {value.name} · </>}
            {t('graph:legend.tap')}
          </p>
          <GraphCanvas drawing={d} selected={selectedEdge.value} onSelect={selectEdge} onNode={(key, name) => void showNeighbourhood(services, key, name)} label={title} />
          {selectedEdge.value && <EdgeDetails drawing={d} id={selectedEdge.value} />}
          <EdgeList drawing={d} selected={selectedEdge.value} />
        </>
      )}
      {value.kind === 'paths' && <ReasoningPaths graph={value.graph} />}
    </div>
  );
}

export function GraphView({ services }: { services: Services }) {
  const entityText = useSignal('');
  const question = useSignal('');
  // The search worker rebuilds the graph when the library changes; the numbers follow.
  useEffect(() => void loadGraphOverview(services), [libraryDocs.value]);
  const o = graphOverview.value;
  const s = shown.value;
  const m = entityMatches.value;
  const empty = o.state === 'done' && !o.value.entities;
  return (
    <>
      <section class="card" aria-labelledby="graph-title">
        <h2 id="graph-title">{t('graph:overview.title')}</h2>
        <p class="muted">{t('graph:overview.intro')}</p>
        {o.state === 'loading' && <p class="muted">{t('graph:overview.loading')}</p>}
        {o.state === 'failed' && <p class="error" role="alert">{say(o.message)}</p>}
        {empty && <p class="notice">{t('graph:overview.empty')}</p>}
        {o.state === 'done' && !empty && <GraphStats overview={o.value} />}
      </section>
      {libraryDocs.value.length > 0 && <GraphExtract services={services} />}
      {!empty && (
        <section class="card explore" aria-labelledby="graph-explore-title">
          <h3 id="graph-explore-title">{t('graph:explore.title')}</h3>
          <form class="search-form" onSubmit={(e) => (e.preventDefault(), void findEntities(services, entityText.value))}>
            <input type="search" aria-label={t('graph:explore.entityLabel')} placeholder={t('graph:explore.entityPlaceholder')} value={entityText.value} onInput={(e) => (entityText.value = e.currentTarget.value)} />
            <button type="submit">{t('graph:explore.find')}</button>
          </form>
          {m && (m.matches.length ? (
            <ul class="entity-matches" aria-label={t('graph:explore.matchesLabel')}>
              {m.matches.map((x) => (
                <li key={x.key}>
                  <button type="button" class="secondary small" onClick={() => void showNeighbourhood(services, x.key, x.name)}>{x.name} <span class="muted">{t('graph:explore.degree', { count: x.degree })}</span></button>
                </li>
              ))}
            </ul>
          ) : <p class="muted">{t('graph:explore.noMatch', { text: m.text })}</p>)}
          <form class="search-form" onSubmit={(e) => (e.preventDefault(), void showPaths(services, question.value))}>
            <input type="search" aria-label={t('graph:explore.questionLabel')} placeholder={t('graph:explore.questionPlaceholder')} value={question.value} onInput={(e) => (question.value = e.currentTarget.value)} />
            <button type="submit">{t('graph:explore.showPaths')}</button>
          </form>
          {s.state === 'loading' && <p class="muted">{t('graph:explore.searching')}</p>}
          {s.state === 'failed' && <p class="error" role="alert">{say(s.message)}</p>}
          {s.state === 'done' && <ShownGraph value={s.value} services={services} />}
        </section>
      )}
    </>
  );
}
