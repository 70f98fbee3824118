// Builders for the character grammars of constrained decoding (the Grammar type in llm-types.ts).
// Plain functions on plain data, so that any layer (graph/ for RoG's plans and triples) can describe
// the language its LLM output must belong to without knowing how an engine enforces it.
import type { Grammar } from './llm-types';

export const literal = (text: string): Grammar => ({ kind: 'literal', text });
export const sequence = (...items: Grammar[]): Grammar => ({ kind: 'sequence', items });
/** One of the alternatives; empty alternatives are dropped and duplicates kept once. */
export const choice = (...items: Grammar[]): Grammar => ({ kind: 'choice', items });
export const repeat = (item: Grammar, min: number, max: number | null): Grammar => ({ kind: 'repeat', item, min, max });
export const optional = (item: Grammar): Grammar => repeat(item, 0, 1);
/** One character of a class written like a regex class body without escapes: 'a-z0-9_'. */
export function chars(spec: string, negated = false): Grammar {
  const cps = [...spec].map((c) => c.codePointAt(0)!);
  const ranges: [number, number][] = [];
  for (let i = 0; i < cps.length; i++) {
    if (cps[i + 1] === 0x2d && i + 2 < cps.length) {
      ranges.push([cps[i]!, cps[i + 2]!]);
      i += 2;
    } else ranges.push([cps[i]!, cps[i]!]);
  }
  return { kind: 'chars', ranges, negated };
}
/** Any of the given strings, each taken literally. */
export const oneOf = (texts: Iterable<string>): Grammar => choice(...[...new Set(texts)].filter(Boolean).map(literal));
