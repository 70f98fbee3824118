// The knowledge graph's size: entities, relations, triples (by the rules and by the LLM), and where they come from.
import type { GraphOverview } from '../../../shared/search-api';
import { formatNumber } from '../../format';
import { t } from '../../i18n/i18n';

export function GraphStats({ overview }: { overview: GraphOverview }) {
  const o = overview;
  return (
    <>
      <dl class="graph-stats" aria-label={t('graph:stats.label')}>
        <div><dt>{t('graph:stats.entities')}</dt><dd data-testid="graph-entities">{formatNumber(o.entities)}</dd></div>
        <div><dt>{t('graph:stats.edges')}</dt><dd>{formatNumber(o.edges)}</dd></div>
        <div><dt>{t('graph:stats.triples')}</dt><dd>{formatNumber(o.triples)}</dd></div>
        <div><dt>{t('graph:stats.rulesTriples')}</dt><dd data-testid="graph-rules-triples">{formatNumber(o.triples - o.llmTriples)}</dd></div>
        <div><dt>{t('graph:stats.llmTriples')}</dt><dd data-testid="graph-llm-triples">{formatNumber(o.llmTriples)}</dd></div>
        <div><dt>{t('graph:stats.relationLabels')}</dt><dd>{formatNumber(o.relations.length)}</dd></div>
        <div><dt>{t('graph:stats.documents')}</dt><dd>{formatNumber(o.documents.length)}</dd></div>
      </dl>
      <details>
        <summary>{t('graph:stats.perDocument')}</summary>
        <div class="table-wrap">
          <table aria-label={t('graph:stats.perDocument')}>
            <thead><tr><th>{t('graph:stats.document')}</th><th>{t('graph:stats.triples')}</th><th>{t('graph:stats.llmTriples')}</th><th>{t('graph:stats.llmModel')}</th></tr></thead>
            <tbody>
              {o.documents.map((d) => (
                <tr key={d.docId} data-doc={d.docName}>
                  <td>{d.docName}</td><td>{formatNumber(d.triples)}</td><td>{formatNumber(d.llmTriples)}</td><td>{d.llmModel ? <code>{d.llmModel}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details>
        <summary>{t('graph:stats.relations')}</summary>
        <p class="relation-list">
          {o.relations.map((r, i) => <span key={r.label}>{i ? ' · ' : ''}<code>{r.label}</code> {formatNumber(r.edges)}</span>)}
        </p>
      </details>
    </>
  );
}
