// A Grammar written as the EBNF that web-llm's `response_format: { type: 'grammar' }` takes (xgrammar's
// dialect: `root ::= …`, double-quoted strings, [] classes, ( ) * + ?). Bounded repeats are written out
// (a{2,4} → a a a? … nested), which every EBNF dialect reads.
import type { Grammar } from '../../shared/llm-types';

const escapeChar = (cp: number, inClass: boolean): string => {
  const c = String.fromCodePoint(cp);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  if (c === '\\') return '\\\\';
  if (!inClass && c === '"') return '\\"';
  if (inClass && (c === ']' || c === '-' || c === '^' || c === '[')) return `\\${c}`;
  if (cp < 0x20) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return c;
};

const quote = (s: string) => `"${[...s].map((c) => escapeChar(c.codePointAt(0)!, false)).join('')}"`;

function expr(g: Grammar): string {
  switch (g.kind) {
    case 'literal':
      return g.text ? quote(g.text) : '""';
    case 'chars':
      return `[${g.negated ? '^' : ''}${g.ranges.map(([a, b]) => (a === b ? escapeChar(a, true) : `${escapeChar(a, true)}-${escapeChar(b, true)}`)).join('')}]`;
    case 'sequence':
      return g.items.length ? `(${g.items.map(expr).join(' ')})` : '""';
    case 'choice':
      return g.items.length ? `(${g.items.map(expr).join(' | ')})` : '""';
    case 'repeat': {
      const item = expr(g.item);
      const head = Array.from({ length: g.min }, () => item);
      if (g.max === null) return `(${[...head, `${item}*`].join(' ')})`;
      // a{0,3} → (a (a (a)?)?)?
      let tail = '';
      for (let i = g.max - g.min; i > 0; i--) tail = `(${item}${tail ? ` ${tail}` : ''})?`;
      const parts = [...head, ...(tail ? [tail] : [])];
      return parts.length ? `(${parts.join(' ')})` : '""';
    }
  }
}

/** The grammar as one EBNF rule, `root ::= …`. */
export function toEbnf(g: Grammar): string {
  return `root ::= ${expr(g)}\n`;
}
