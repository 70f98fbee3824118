// Constrained decoding over a tokenizer's vocabulary: which tokens keep the text inside the grammar.
// A token is allowed when its text, appended to what was written, leaves the automaton alive. The vocabulary
// is a character trie, so one walk from the current state visits only the prefixes the grammar still allows,
// and the answer is memoised per automaton state (a label list repeats the same states on every line).
import { Automaton } from './automaton';
import type { Grammar } from '../../shared/llm-types';

/**
 * What each token adds to the decoded text: `first[id]` as the first generated token, `next[id]` after
 * another one (WordPiece puts a space before a word but not before `##piece`; byte-level BPE spells its spaces).
 * null: the token writes nothing (special tokens) and is never allowed.
 */
export interface TokenPieces {
  first: (string | null)[];
  next: (string | null)[];
}

/** The pieces of a tokenizer, measured by decoding each token after an anchor token ("a") and alone. */
export function tokenPieces(decode: (ids: number[]) => string, vocabSize: number, anchor: number): TokenPieces {
  const base = decode([anchor]);
  const first: (string | null)[] = [];
  const next: (string | null)[] = [];
  for (let id = 0; id < vocabSize; id++) {
    const alone = decode([id]);
    const after = decode([anchor, id]);
    first.push(alone === '' || alone.includes('\ufffd') ? null : alone);
    next.push(after.startsWith(base) && after.length > base.length && !after.includes('\ufffd') ? after.slice(base.length) : null);
  }
  return { first, next };
}

interface TrieNode {
  children: Map<number, TrieNode>;
  tokens: number[];
}

function trie(pieces: (string | null)[]): TrieNode {
  const root: TrieNode = { children: new Map(), tokens: [] };
  pieces.forEach((p, id) => {
    if (!p) return;
    let n = root;
    for (const c of p) {
      const cp = c.codePointAt(0)!;
      let child = n.children.get(cp);
      if (!child) n.children.set(cp, (child = { children: new Map(), tokens: [] }));
      n = child;
    }
    n.tokens.push(id);
  });
  return root;
}

/** The tries of a vocabulary, built once per tokenizer and shared by every grammar. */
export class Vocabulary {
  readonly first: TrieNode;
  readonly next: TrieNode;
  /** Characters that some token writes on its own (after the first token): any text made of them can be spelled. */
  readonly singles: number[];
  constructor(readonly pieces: TokenPieces) {
    this.first = trie(pieces.first);
    this.next = trie(pieces.next);
    this.singles = [...this.next.children].filter(([, n]) => n.tokens.length > 0).map(([cp]) => cp).sort((a, b) => a - b);
  }
}

/**
 * One constrained generation: call mask() (or allowed()), pick a token, then advance().
 * A token is allowed only if the vocabulary can still finish the sentence after it: a vocabulary without some
 * characters (WordPiece without capitals, say) could otherwise walk into a prefix it cannot complete, such as
 * "<" of "<PATH>" when only the whole "<PATH>" token spells it.
 */
export class ConstrainedDecoder {
  #automaton: Automaton;
  #state: number;
  #started = false;
  #memo = new Map<string, Int32Array>();
  #viable = new Map<number, boolean>();
  #spelled = new Map<number, boolean>();

  constructor(private vocabulary: Vocabulary, grammar: Grammar) {
    this.#automaton = new Automaton(grammar);
    this.#state = this.#automaton.start;
  }

  /**
   * Walks the vocabulary trie from `state`: `visit` gets each group of tokens that keep the text inside the grammar
   * (tokens with one piece) and the state they lead to; returning true stops the walk. No pairs are built, since a
   * permissive state (a free-text field) allows most of the vocabulary.
   */
  #walk(state: number, started: boolean, visit: (tokens: number[], next: number) => boolean | void): void {
    const a = this.#automaton;
    const nodes: TrieNode[] = [started ? this.vocabulary.next : this.vocabulary.first];
    const states: number[] = [state];
    while (nodes.length) {
      const node = nodes.pop()!;
      const at = states.pop()!;
      for (const [cp, child] of node.children) {
        const s = a.step(at, cp);
        if (s < 0) continue;
        if (child.tokens.length && visit(child.tokens, s)) return;
        if (child.children.size) {
          nodes.push(child);
          states.push(s);
        }
      }
    }
  }

  /**
   * Whether some token sequence leads from `state` (after a first token) to a complete sentence. Depth first,
   * stopping at the first success; a state met again on the current route counts as a failure there, and a
   * failure that depended on one is not remembered.
   */
  #isViable(state: number, route: Set<number>): { viable: boolean; cycle: boolean } {
    const known = this.#viable.get(state);
    if (known !== undefined) return { viable: known, cycle: false };
    // Usually some completion can be spelled one character per token (a byte-level vocabulary has every byte):
    // that search is cheap. Only when it fails are whole tokens tried.
    if (this.#automaton.accepting(state) || this.#spellable(state, new Set())) {
      this.#viable.set(state, true);
      return { viable: true, cycle: false };
    }
    route.add(state);
    let cycle = false;
    let viable = false;
    this.#walk(state, true, (_, next) => {
      if (route.has(next)) {
        cycle = true;
        return false;
      }
      const r = this.#isViable(next, route);
      cycle ||= r.cycle;
      return (viable = r.viable);
    });
    route.delete(state);
    if (viable || !cycle) this.#viable.set(state, viable);
    return viable ? { viable, cycle: false } : { viable, cycle };
  }

  /** Whether single-character tokens can carry the text from `state` to a complete sentence (depth first). */
  #spellable(state: number, route: Set<number>): boolean {
    const known = this.#spelled.get(state);
    if (known !== undefined) return known;
    if (this.#automaton.accepting(state)) return true;
    route.add(state);
    let cycle = false;
    let found = false;
    for (const cp of this.vocabulary.singles) {
      const next = this.#automaton.step(state, cp);
      if (next < 0) continue;
      if (route.has(next)) {
        cycle = true;
        continue;
      }
      if (this.#spellable(next, route)) {
        found = true;
        break;
      }
    }
    route.delete(state);
    if (found || !cycle) this.#spelled.set(state, found);
    return found;
  }

  /** The tokens that keep the text inside the grammar and completable, ascending. */
  allowed(): Int32Array {
    const key = `${this.#started ? 1 : 0}:${this.#state}`;
    let out = this.#memo.get(key);
    if (!out) {
      const ids: number[] = [];
      this.#walk(this.#state, this.#started, (tokens, next) => {
        if (this.#viable.get(next) ?? this.#isViable(next, new Set()).viable) for (const id of tokens) ids.push(id);
      });
      out = Int32Array.from(ids).sort();
      this.#memo.set(key, out);
    }
    return out;
  }

  /** The text so far is complete: an end-of-text token is allowed now. */
  accepting(): boolean {
    return this.#automaton.accepting(this.#state);
  }

  advance(token: number): void {
    const piece = (this.#started ? this.vocabulary.pieces.next : this.vocabulary.pieces.first)[token];
    const s = piece ? this.#automaton.walk(this.#state, piece) : -1;
    if (s < 0) throw new Error(`Token ${token} is outside the grammar here.`);
    this.#state = s;
    this.#started = true;
  }

  /**
   * Masks logits in place: every token outside the grammar gets -Infinity; `stop` tokens stay only where
   * the text is complete. Returns false when nothing may follow (the text is complete, or stuck).
   */
  mask(logits: Float32Array, stop: Iterable<number>): boolean {
    const allowed = this.allowed();
    const keep = new Float32Array(logits.length).fill(-Infinity);
    for (const id of allowed) if (id < logits.length) keep[id] = logits[id]!;
    let any = allowed.length > 0;
    if (this.accepting()) {
      for (const id of stop) {
        if (id < logits.length) {
          keep[id] = logits[id]!;
          any = true;
        }
      }
    }
    logits.set(keep);
    return any;
  }
}
