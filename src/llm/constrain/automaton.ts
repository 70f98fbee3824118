// A Grammar compiled to a character automaton: a Thompson NFA, determinised lazily (a DFA state is the
// ε-closed set of NFA states it stands for, made the first time it is reached), so stepping a character is
// a map lookup after the first time. The token mask walks it over the vocabulary.
import type { Grammar } from '../../shared/llm-types';

interface Edge {
  ranges: [number, number][];
  negated: boolean;
  to: number;
}

class Nfa {
  eps: number[][] = [];
  edges: Edge[][] = [];

  state(): number {
    this.eps.push([]);
    this.edges.push([]);
    return this.eps.length - 1;
  }

  /** Adds g between two new states; returns [start, end]. */
  build(g: Grammar): [number, number] {
    const s = this.state();
    let e = s;
    switch (g.kind) {
      case 'literal':
        for (const c of g.text) {
          const n = this.state();
          const cp = c.codePointAt(0)!;
          this.edges[e]!.push({ ranges: [[cp, cp]], negated: false, to: n });
          e = n;
        }
        return [s, e];
      case 'chars': {
        e = this.state();
        this.edges[s]!.push({ ranges: g.ranges, negated: !!g.negated, to: e });
        return [s, e];
      }
      case 'sequence':
        for (const item of g.items) {
          const [a, b] = this.build(item);
          this.eps[e]!.push(a);
          e = b;
        }
        return [s, e];
      case 'choice': {
        e = this.state();
        for (const item of g.items) {
          const [a, b] = this.build(item);
          this.eps[s]!.push(a);
          this.eps[b]!.push(e);
        }
        return [s, e];
      }
      case 'repeat': {
        for (let i = 0; i < g.min; i++) {
          const [a, b] = this.build(g.item);
          this.eps[e]!.push(a);
          e = b;
        }
        if (g.max === null) {
          const [a, b] = this.build(g.item);
          const end = this.state();
          this.eps[e]!.push(a, end);
          this.eps[b]!.push(a, end);
          return [s, end];
        }
        const end = this.state();
        for (let i = g.min; i < g.max; i++) {
          const [a, b] = this.build(g.item);
          this.eps[e]!.push(a, end);
          e = b;
        }
        this.eps[e]!.push(end);
        return [s, end];
      }
    }
  }
}

const matches = (edge: Edge, cp: number) => edge.ranges.some(([a, b]) => cp >= a && cp <= b) !== edge.negated;

/** The lazily built DFA of a grammar. States are small integers; -1 is the dead state. */
export class Automaton {
  readonly start: number;
  #nfa = new Nfa();
  #accept: number;
  #sets: number[][] = [];
  #ids = new Map<string, number>();
  #next: Map<number, number>[] = [];
  #accepting: boolean[] = [];

  constructor(grammar: Grammar) {
    const [s, e] = this.#nfa.build(grammar);
    this.#accept = e;
    this.start = this.#intern([s]);
  }

  #intern(seeds: number[]): number {
    // ε-closure
    const seen = new Set<number>();
    const stack = [...seeds];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...this.#nfa.eps[n]!);
    }
    const set = [...seen].sort((a, b) => a - b);
    const key = set.join(',');
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#sets.length;
      this.#ids.set(key, id);
      this.#sets.push(set);
      this.#next.push(new Map());
      this.#accepting.push(seen.has(this.#accept));
    }
    return id;
  }

  /** The state after one character (a code point), or -1 when the grammar cannot continue with it. */
  step(state: number, cp: number): number {
    const known = this.#next[state]!.get(cp);
    if (known !== undefined) return known;
    const to: number[] = [];
    for (const n of this.#sets[state]!) for (const edge of this.#nfa.edges[n]!) if (matches(edge, cp)) to.push(edge.to);
    const next = to.length ? this.#intern(to) : -1;
    this.#next[state]!.set(cp, next);
    return next;
  }

  /**
   * The code points in [lo, hi] that some transition from `state` may take, as ranges (a negated class gives the whole
   * span): a superset to test with step(), for spelling a character byte by byte.
   */
  candidates(state: number, lo: number, hi: number): [number, number][] {
    const out: [number, number][] = [];
    for (const n of this.#sets[state]!) {
      for (const edge of this.#nfa.edges[n]!) {
        if (edge.negated) out.push([lo, hi]);
        else for (const [a, b] of edge.ranges) if (b >= lo && a <= hi) out.push([Math.max(a, lo), Math.min(b, hi)]);
      }
    }
    return out;
  }

  /** The state after a string, or -1. */
  walk(state: number, text: string): number {
    for (const c of text) {
      if (state < 0) return -1;
      state = this.step(state, c.codePointAt(0)!);
    }
    return state;
  }

  /** The text so far is a whole sentence of the language: generation may stop here. */
  accepting(state: number): boolean {
    return this.#accepting[state] ?? false;
  }

  /** Some character can follow (false for an accepting state at the end of the language). */
  canContinue(state: number): boolean {
    return this.#sets[state]!.some((n) => this.#nfa.edges[n]!.length > 0);
  }

  /** Whether a whole string belongs to the language. */
  matches(text: string): boolean {
    const s = this.walk(this.start, text);
    return s >= 0 && this.accepting(s);
  }
}
