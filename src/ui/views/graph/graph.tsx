// The Graph view: the knowledge graph's statistics, an entity's neighbourhood or
// a question's reasoning paths drawn, and the sentence behind any edge. The graph
// lives in the search worker; this view only renders what graph-actions fetch.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { GraphDrawing } from '../../../shared/search-api';
import type { Services } from '../../actions';
import { ReasoningPaths } from '../../components/reasoning-paths';
import { findEntities, loadGraphOverview, selectEdge, showNeighbourhood, showPaths } from '../../graph-actions';
import { entityMatches, graphOverview, selectedEdge, shown, type Shown } from '../../graph-state';
import { libraryDocs } from '../../library-state';
import { GraphCanvas } from './graph-canvas';
import { GraphStats } from './graph-stats';

const names = (d: GraphDrawing) => new Map(d.nodes.map((n) => [n.key, n.name]));

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
          <strong>{s.docName}</strong><span class="muted"> · characters {s.start}–{s.end} · {s.extractor} rule</span>
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
      <summary>Edges ({drawing.edges.length}{drawing.truncated ? ', the most stated' : ''})</summary>
      <ul aria-label="Edges">
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
    ? `Neighbourhood of ${value.name}: ${d.nodes.length} entities, ${d.edges.length} edges${d.truncated ? ' (the most stated)' : ''}`
    : `${value.graph.paths.length} reasoning path${value.graph.paths.length === 1 ? '' : 's'} for “${value.question}”`;
  return (
    <div class="shown-graph">
      <p data-testid="graph-shown"><strong>{title}</strong></p>
      {value.kind === 'paths' && value.graph.linked.length > 0 && (
        <p class="muted small">Entities of the question: {value.graph.linked.join(', ')}{value.graph.baseline ? ` · graph baseline answer (end of path 1): ${value.graph.baseline}` : ''}</p>
      )}
      {d.edges.length > 0 && (
        <>
          <p class="muted small legend">
            {value.kind === 'paths'
              ? <><span class="dot start" /> start · <span class="dot end" /> path end · thick: path 1 · </>
              : <><span class="dot start" /> {value.name} · </>}
            Tap an edge to see the sentence it came from, an entity to see its neighbourhood.
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
        <h2 id="graph-title">Knowledge graph</h2>
        <p class="muted">
          Entities and relations read from your documents by rules, without a model. The "Graph (RoG)" retrieval mode follows its paths
          to answer questions; each edge keeps the sentence it came from.
        </p>
        {o.state === 'loading' && <p class="muted">Loading the graph…</p>}
        {o.state === 'failed' && <p class="error" role="alert">{o.message}</p>}
        {empty && <p class="notice">The graph is empty: add documents in Library (or load the demo pack). Documents added before the graph existed get their triples when they are re-indexed.</p>}
        {o.state === 'done' && !empty && <GraphStats overview={o.value} />}
      </section>
      {!empty && (
        <section class="card explore" aria-labelledby="graph-explore-title">
          <h3 id="graph-explore-title">Explore</h3>
          <form class="search-form" onSubmit={(e) => (e.preventDefault(), void findEntities(services, entityText.value))}>
            <input type="search" aria-label="Find an entity" placeholder="Find an entity, e.g. seawall fund" value={entityText.value} onInput={(e) => (entityText.value = e.currentTarget.value)} />
            <button type="submit">Find</button>
          </form>
          {m && (m.matches.length ? (
            <ul class="entity-matches" aria-label="Entities found">
              {m.matches.map((x) => (
                <li key={x.key}>
                  <button type="button" class="secondary small" onClick={() => void showNeighbourhood(services, x.key, x.name)}>{x.name} <span class="muted">({x.degree} edge{x.degree === 1 ? '' : 's'})</span></button>
                </li>
              ))}
            </ul>
          ) : <p class="muted">No entity matches “{m.text}”.</p>)}
          <form class="search-form" onSubmit={(e) => (e.preventDefault(), void showPaths(services, question.value))}>
            <input type="search" aria-label="Question for the graph" placeholder="A question, to draw its paths…" value={question.value} onInput={(e) => (question.value = e.currentTarget.value)} />
            <button type="submit">Show paths</button>
          </form>
          {s.state === 'loading' && <p class="muted">Searching the graph…</p>}
          {s.state === 'failed' && <p class="error" role="alert">{s.message}</p>}
          {s.state === 'done' && <ShownGraph value={s.value} services={services} />}
        </section>
      )}
    </>
  );
}
