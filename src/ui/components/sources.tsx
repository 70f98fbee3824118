// A numbered list of retrieved passages, each with the spans the answer quotes
// highlighted. Used by Chat, Compare and the eval details.
import { quotedRanges } from '../../rag/quotes';
import { t } from '../i18n/i18n';
import { formatNumber } from '../format';

export interface SourceView {
  docName: string;
  headingPath: string[];
  page?: number;
  pageEnd?: number;
  text: string;
}

/** A passage with quoted spans marked (text nodes only: document text is never parsed as HTML). */
function Passage({ text, answer }: { text: string; answer: string }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const [s, e] of quotedRanges(text, answer)) {
    parts.push(text.slice(at, s), <mark key={s}>{text.slice(s, e)}</mark>);
    at = e;
  }
  parts.push(text.slice(at));
  return <p class="snippet">{parts}</p>;
}

/**
 * `anchorPrefix` + n is each item's id, the target of the answer's [n] links; the first is numbered `first`
 * (after the reasoning paths, when an answer cites both).
 */
export function SourceList({ sources, answer, anchorPrefix = 'source-', open = true, first = 1, title }: { sources: SourceView[]; answer: string; anchorPrefix?: string; open?: boolean; first?: number; title?: string }) {
  return (
    <details class="sources" open={open}>
      <summary>{title === undefined ? t('common:sources.summary', { count: sources.length }) : `${title} (${formatNumber(sources.length)})`}</summary>
      <ol aria-label={t('common:sources.label')} start={first}>
        {sources.map((s, i) => (
          <li key={i} id={`${anchorPrefix}${i + first}`} data-doc={s.docName}>
            <strong>{s.docName}</strong>
            {s.headingPath.length ? <span class="muted"> › {s.headingPath.join(' › ')}</span> : null}
            {s.page ? <span class="muted"> · {s.pageEnd ? t('common:sources.pages', { page: s.page, end: s.pageEnd }) : t('common:sources.page', { page: s.page })}</span> : null}
            <Passage text={s.text} answer={answer} />
          </li>
        ))}
      </ol>
    </details>
  );
}
