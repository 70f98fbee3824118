// The knowledge graph's size: entities, relations, triples, and where they come from.
import type { GraphOverview } from '../../../shared/search-api';

export function GraphStats({ overview }: { overview: GraphOverview }) {
  const o = overview;
  return (
    <>
      <dl class="graph-stats" aria-label="Graph statistics">
        <div><dt>Entities</dt><dd data-testid="graph-entities">{o.entities}</dd></div>
        <div><dt>Edges</dt><dd>{o.edges}</dd></div>
        <div><dt>Triples</dt><dd>{o.triples}</dd></div>
        <div><dt>Relation labels</dt><dd>{o.relations.length}</dd></div>
        <div><dt>Documents</dt><dd>{o.documents.length}</dd></div>
      </dl>
      <details>
        <summary>Triples per document</summary>
        <div class="table-wrap">
          <table aria-label="Triples per document">
            <thead><tr><th>Document</th><th>Triples</th></tr></thead>
            <tbody>{o.documents.map((d) => <tr key={d.docId}><td>{d.docName}</td><td>{d.triples}</td></tr>)}</tbody>
          </table>
        </div>
      </details>
      <details>
        <summary>Relations</summary>
        <p class="relation-list">
          {o.relations.map((r, i) => <span key={r.label}>{i ? ' · ' : ''}<code>{r.label}</code> {r.edges}</span>)}
        </p>
      </details>
    </>
  );
}
