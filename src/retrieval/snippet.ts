// A passage excerpt around the query's words, with the matches marked, for
// result lists. Returns plain-text parts: the UI renders them as text nodes.
import { tokenize } from './lexical';
import { escapeRegExp } from '../shared/regexp';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Words too common to be worth marking in an excerpt. */
const common = new Set('the and for are but not you all any can had her was one our out has his how its may new now see two who did does what when where which why with from that this have will into than then them they were been your about would there their'.split(' '));

/**
 * At most `max` characters of `text`, placed where the most distinct query words
 * fall together, split into matched and plain parts.
 */
export function snippet(text: string, query: string, max = 400): SnippetPart[] {
  const terms = [...new Set(tokenize(query).filter((t) => (t.length >= 3 && !common.has(t)) || /[^\x00-\x7f]/.test(t)))];
  const pattern = terms.length ? new RegExp(terms.map(escapeRegExp).join('|'), 'giu') : null;
  let start = 0;
  if (pattern && text.length > max) {
    const hits = [...text.matchAll(pattern)].map((m) => ({ at: m.index!, term: m[0].toLowerCase() }));
    let best = -1;
    for (const h of hits) {
      const from = Math.max(0, h.at - Math.floor(max / 3));
      const distinct = new Set(hits.filter((x) => x.at >= from && x.at < from + max).map((x) => x.term)).size;
      if (distinct > best) (best = distinct), (start = from);
    }
    start = Math.min(start, text.length - max);
    // Begin at a word boundary.
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  }
  const end = Math.min(text.length, start + max);
  const window = text.slice(start, end);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let at = 0;
  if (pattern) {
    for (const m of window.matchAll(pattern)) {
      if (m.index! > at) parts.push({ text: window.slice(at, m.index), match: false });
      parts.push({ text: m[0], match: true });
      at = m.index! + m[0].length;
    }
  }
  if (at < window.length) parts.push({ text: window.slice(at), match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}
