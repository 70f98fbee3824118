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
   * Depth first, stopping at the first success: whether `successors` lead from `state` to a state where `done` holds.
   * A state met again on the current route counts as a failure there, and a failure that depended on one (a cycle,
   * however deep) is not remembered in `memo`.
   */
  #completes(state: number, route: Set<number>, memo: Map<number, boolean>, done: (s: number) => boolean, successors: (s: number, visit: (next: number) => boolean) => void): { ok: boolean; cycle: boolean } {
    const known = memo.get(state);
    if (known !== undefined) return { ok: known, cycle: false };
    if (done(state)) {
      memo.set(state, true);
      return { ok: true, cycle: false };
    }
    route.add(state);
    let cycle = false;
    let ok = false;
    successors(state, (next) => {
      if (route.has(next)) {
        cycle = true;
        return false;
      }
      const r = this.#completes(next, route, memo, done, successors);
      cycle ||= r.cycle;
      return (ok = r.ok);
    });
    route.delete(state);
    if (ok || !cycle) memo.set(state, ok);
    return ok ? { ok, cycle: false } : { ok, cycle };
  }

  /**
   * Whether some token sequence leads from `state` (after a first token) to a complete sentence. Usually a completion
   * can be spelled one character per token (a byte-level vocabulary has every byte), and that search is cheap; only
   * when it fails are whole tokens tried.
   */
  #isViable(state: number): boolean {
    const a = this.#automaton;
    const spellable = (s: number) => this.#completes(s, new Set(), this.#spelled, (x) => a.accepting(x), (x, visit) => {
      for (const cp of this.vocabulary.singles) {
        const next = a.step(x, cp);
        if (next >= 0 && visit(next)) return;
      }
    }).ok;
    return this.#completes(state, new Set(), this.#viable, (x) => a.accepting(x) || spellable(x), (x, visit) => this.#walk(x, true, (_, next) => visit(next))).ok;
  }

  /** The tokens that keep the text inside the grammar and completable, ascending. */
  allowed(): Int32Array {
    const key = `${this.#started ? 1 : 0}:${this.#state}`;
    let out = this.#memo.get(key);
    if (!out) {
      const ids: number[] = [];
      this.#walk(this.#state, this.#started, (tokens, next) => {
        if (this.#viable.get(next) ?? this.#isViable(next)) for (const id of tokens) ids.push(id);
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
