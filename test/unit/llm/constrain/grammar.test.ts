// The character grammars of constrained decoding: our automaton (the lab engine's token mask) and the EBNF
// sent to web-llm must accept exactly the same strings; web-llm's own xgrammar is the judge of the EBNF.
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../../../src/llm/constrain/automaton';
import { toEbnf } from '../../../../src/llm/constrain/ebnf';
import { chars, literal, oneOf, optional, repeat, sequence } from '../../../../src/shared/grammar';
import { relationPathGrammar } from '../../../../src/graph/llm-plan';
import { tripleLinesGrammar } from '../../../../src/graph/llm-extract';
import type { Grammar } from '../../../../src/shared/llm-types';
import { xgrammar } from './xgrammar';

const cases: { name: string; grammar: Grammar; yes: string[]; no: string[] }[] = [
  {
    name: 'relation paths',
    grammar: relationPathGrammar(['located_in', 'owned_by', 'chair_of'], 2, 2),
    yes: ['<PATH>owned_by</PATH>', '<PATH> located_in <SEP> chair_of </PATH>', '<PATH>owned_by</PATH>\n<PATH>chair_of<SEP>owned_by</PATH>', '<PATH>owned_by</PATH> <PATH>owned_by</PATH>'],
    no: ['<PATH>founded_by</PATH>', '<PATH>owned_by<SEP>owned_by<SEP>owned_by</PATH>', '<PATH></PATH>', 'owned_by', '<PATH>owned_by</PATH>\n<PATH>owned_by</PATH>\n<PATH>owned_by</PATH>', '<PATH>owned_by'],
  },
  {
    name: 'triple lines',
    grammar: tripleLinesGrammar(['Teodric Vane', 'Port Ellery', '水库']),
    yes: ['', 'Teodric Vane | harbourmaster_of | Port Ellery\n', '水库 | located_in | Port Ellery\nPort Ellery|has_part|水库\n'],
    no: ['Teodric | x | Port Ellery\n', 'Teodric Vane | Harbour | Port Ellery\n', 'Teodric Vane | a | Port Ellery', 'Teodric Vane | a-b | Port Ellery\n'],
  },
  {
    name: 'escapes and classes',
    grammar: sequence(literal('a"b\\c]'), repeat(chars('^\\]\\-'), 1, null), optional(chars('\n\t', true)), oneOf(['x', 'y'])),
    yes: ['a"b\\c]]x', 'a"b\\c]^-\\zy', 'a"b\\c]-qx'],
    no: ['a"b\\c]x', 'a"b\\c]]\nx', 'ab\\c]]x'],
  },
];

describe('constrained-decoding grammars', () => {
  for (const c of cases) {
    it(`${c.name}: the automaton accepts exactly the sentences`, () => {
      const a = new Automaton(c.grammar);
      for (const s of c.yes) expect(a.matches(s), s).toBe(true);
      for (const s of c.no) expect(a.matches(s), s).toBe(false);
    });

    it(`${c.name}: web-llm's xgrammar reads the EBNF and agrees`, async () => {
      const x = await xgrammar();
      const g = await x.Grammar.fromEBNF(toEbnf(c.grammar));
      for (const s of c.yes) expect(await x.Testings.isGrammarAcceptString(g, s), s).toBe(true);
      for (const s of c.no) expect(await x.Testings.isGrammarAcceptString(g, s), s).toBe(false);
    }, 60_000);
  }

  it('bounded repeats count exactly; a dead step is -1; accepting only at the end', () => {
    const a = new Automaton(repeat(literal('ab'), 2, 3));
    expect(['abab', 'ababab'].map((s) => a.matches(s))).toEqual([true, true]);
    expect(['ab', 'abababab', 'aba'].map((s) => a.matches(s))).toEqual([false, false, false]);
    expect(a.step(a.start, 'b'.codePointAt(0)!)).toBe(-1);
    const s = a.walk(a.start, 'ababab');
    expect(a.accepting(s) && !a.canContinue(s)).toBe(true);
  });
});
