// Constrained decoding's cost per generated token (docs/graph.md § Constrained decoding), run in Node by
// scripts/bench-graph.mjs: the lab engine's token mask (a walk of the vocabulary trie from the automaton's state,
// memoised per state, completable states only) against the plain mask, every token's piece walked through the
// automaton, on the same synthetic byte-level-BPE-like vocabularies (single characters, words with and without a
// leading space, random letter runs) of 50k and 150k tokens, writing one sentence of each RoG grammar.
import { Automaton } from '../llm/constrain/automaton';
import { ConstrainedDecoder, Vocabulary } from '../llm/constrain/token-mask';
import { relationPathGrammar } from '../graph/llm-plan';
import { tripleLinesGrammar } from '../graph/llm-extract';
import type { Grammar } from '../shared/llm-types';
import { seededRandom } from '../shared/random.mjs';

import type { Measurement } from './graph-core';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50_ms: round(s[Math.floor(s.length / 2)]!), p95_ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!), total_ms: round(ms.reduce((a, b) => a + b, 0), 1) };
}

function vocabulary(size: number, words: string[]): string[] {
  const random = seededRandom(7);
  const pieces = new Set<string>();
  for (let c = 32; c < 127; c++) pieces.add(String.fromCharCode(c));
  pieces.add('\n');
  for (const w of words) for (const p of [w, ` ${w}`, w.toLowerCase(), ` ${w.toLowerCase()}`]) pieces.add(p);
  const letters = 'abcdefghijklmnopqrstuvwxyz_';
  while (pieces.size < size) {
    const n = 2 + Math.floor(random() * 7);
    let s = random() < 0.5 ? ' ' : '';
    for (let i = 0; i < n; i++) s += letters[Math.floor(random() * letters.length)];
    pieces.add(s);
  }
  return [...pieces].slice(0, size);
}

/** Greedy tokenisation of `text` as a model would write it under the mask: the longest allowed piece that is a prefix. */
function writeMasked(decoder: ConstrainedDecoder, pieces: string[], text: string): number[] {
  const ms: number[] = [];
  let rest = text;
  while (rest.length) {
    const t = performance.now();
    const allowed = decoder.allowed();
    ms.push(performance.now() - t);
    let best = -1;
    for (const id of allowed) if (rest.startsWith(pieces[id]!) && (best < 0 || pieces[id]!.length > pieces[best]!.length)) best = id;
    if (best < 0) throw new Error(`no allowed token continues ${JSON.stringify(rest.slice(0, 20))}`);
    decoder.advance(best);
    rest = rest.slice(pieces[best]!.length);
  }
  return ms;
}

/** The plain mask: every token's piece walked through the automaton at every step. */
function writePlain(grammar: Grammar, pieces: string[], text: string): number[] {
  const a = new Automaton(grammar);
  const ms: number[] = [];
  let state = a.start;
  let rest = text;
  while (rest.length) {
    const t = performance.now();
    const allowed: number[] = [];
    for (let id = 0; id < pieces.length; id++) if (a.walk(state, pieces[id]!) >= 0) allowed.push(id);
    ms.push(performance.now() - t);
    let best = -1;
    for (const id of allowed) if (rest.startsWith(pieces[id]!) && (best < 0 || pieces[id]!.length > pieces[best]!.length)) best = id;
    state = a.walk(state, pieces[best]!);
    rest = rest.slice(pieces[best]!.length);
  }
  return ms;
}

export function runConstrainBench(words: string[], log: (m: Measurement) => void): void {
  const labels = ['located_in', 'owned_by', 'chair_of', 'paid_into', 'created_after', 'commemorates', 'holds_role', 'part_of', 'comes_from', 'made_by', 'produces', 'keeps', 'sold_at', 'used_as', 'in_year', 'is_a', 'price', 'sent_to', 'travels_to', 'receives', 'mentioned_with', 'same_as', 'serves', 'uses', 'reads', 'damaged', 'powers', 'made_from', 'typical_yield', 'daily_fee'];
  const mentions = words.filter((w) => /^[A-Z]/.test(w)).slice(0, 24).concat(words.filter((w) => /^[a-z]{5,}$/.test(w)).slice(0, 24));
  const cases: { name: string; grammar: Grammar; text: string }[] = [
    { name: 'relation paths (30 labels, 3 paths × ≤3 hops)', grammar: relationPathGrammar(labels, 3, 3), text: '<PATH>paid_into<SEP>created_after</PATH>\n<PATH>owned_by</PATH>\n<PATH>located_in<SEP>part_of<SEP>holds_role</PATH>' },
    { name: `triple lines (${mentions.length} names, lines)`, grammar: tripleLinesGrammar(mentions), text: `${mentions[0]} | located_in | ${mentions[1]}\n${mentions[2]} | owned_by | ${mentions[30]}\n${mentions[31]} | typical_yield | ${mentions[3]}\n` },
  ];
  for (const size of [50_000, 150_000]) {
    const pieces = vocabulary(size, words);
    const t = performance.now();
    const vocab = new Vocabulary({ first: pieces, next: pieces });
    const buildMs = performance.now() - t;
    for (const c of cases) {
      const ours = writeMasked(new ConstrainedDecoder(vocab, c.grammar), pieces, c.text);
      const plain = writePlain(c.grammar, pieces, c.text);
      log({ bench: 'graph', case: `token mask per step, ${c.name}, vocabulary ${size}`, n: ours.length, ...stats(ours), vocabulary_trie_build_ms: round(buildMs, 1), baseline: { 'every token walked through the automaton': stats(plain) } });
    }
  }
}
