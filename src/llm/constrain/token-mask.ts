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
  /**
   * Byte-fallback tokens (`<0xE9>`): the byte each writes. A character the vocabulary has no piece for is spelled by
   * its UTF-8 bytes, so a grammar that holds such characters (a Chinese source quoted whole) needs them.
   */
  bytes?: (number | null)[];
}

/** The byte of each byte-fallback token, from the tokenizer's token strings (`<0x0A>` … `<0xFF>`); null elsewhere. */
export function byteTokens(tokens: readonly string[]): (number | null)[] {
  return tokens.map((t) => (/^<0x[0-9A-Fa-f]{2}>$/.test(t) ? parseInt(t.slice(3, 5), 16) : null));
}

/** How many bytes a UTF-8 sequence that starts with `lead` has; 0 for a byte that starts none. */
function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The code points whose UTF-8 starts with `prefix` (a lead byte, then continuation bytes), as one range; null if none. */
function utf8Span(prefix: number[]): { length: number; lo: number; hi: number } | null {
  const length = utf8Length(prefix[0]!);
  if (!length || prefix.length > length) return null;
  if (prefix.slice(1).some((b) => (b & 0xc0) !== 0x80)) return null;
  // The smallest and largest sequences with this prefix, decoded.
  const decode = (fill: number) => {
    const bytes = [...prefix, ...new Array<number>(length - prefix.length).fill(fill)];
    if (length === 1) return bytes[0]!;
    let cp = bytes[0]! & (0xff >> (length + 1));
    for (const b of bytes.slice(1)) cp = (cp << 6) | (b & 0x3f);
    return cp;
  };
  // Overlong forms are not characters.
  const lo = Math.max(decode(0x80), [0, 0, 0x80, 0x800, 0x10000][length]!);
  const hi = Math.min(decode(0xbf), 0x10ffff);
  return lo <= hi ? { length, lo, hi } : null;
}

/** A code point's UTF-8 bytes. */
const utf8 = (cp: number) => [...new TextEncoder().encode(String.fromCodePoint(cp))];

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
  /** The bytes of a character spelled by byte tokens so far (empty between characters). */
  #pending: number[] = [];
  /** The byte tokens, by byte (the first token of each byte). */
  #byteIds: { id: number; byte: number }[];
  /** The bytes some token writes alone. */
  #bytes: Set<number>;
  #viable = new Map<number, boolean>();
  #spelled = new Map<number, boolean>();

  constructor(private vocabulary: Vocabulary, grammar: Grammar) {
    this.#automaton = new Automaton(grammar);
    this.#state = this.#automaton.start;
    this.#byteIds = (vocabulary.pieces.bytes ?? []).flatMap((byte, id) => (byte === null ? [] : [{ id, byte }]));
    this.#bytes = new Set(this.#byteIds.map((b) => b.byte));
  }

  /** Whether some character whose UTF-8 starts with `prefix` keeps the text inside the grammar and completable. */
  #spellable(prefix: number[]): boolean {
    const span = utf8Span(prefix);
    if (!span) return false;
    const a = this.#automaton;
    for (const [lo, hi] of a.candidates(this.#state, span.lo, span.hi)) {
      for (let cp = lo; cp <= hi; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        const next = a.step(this.#state, cp);
        if (next >= 0 && (this.#viable.get(next) ?? this.#isViable(next))) return true;
      }
    }
    return false;
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
    return this.#completes(state, new Set(), this.#viable, (x) => a.accepting(x) || spellable(x), (x, visit) => {
      let stop = false;
      this.#walk(x, true, (_, next) => (stop = visit(next)));
      if (stop || !this.#bytes.size) return;
      // Characters no token spells, written byte by byte (only where the grammar names a few: a literal's next character).
      for (const [lo, hi] of a.candidates(x, 0x80, 0x10ffff)) {
        if (hi - lo > 1024) continue;
        for (let cp = lo; cp <= hi; cp++) {
          if (cp >= 0xd800 && cp <= 0xdfff || !utf8(cp).every((b) => this.#bytes.has(b))) continue;
          const next = a.step(x, cp);
          if (next >= 0 && visit(next)) return;
        }
      }
    }).ok;
  }

  /** The tokens that keep the text inside the grammar and completable, ascending. */
  allowed(): Int32Array {
    const key = `${this.#started ? 1 : 0}:${this.#state}:${this.#pending.join(',')}`;
    let out = this.#memo.get(key);
    if (!out) {
      const ids: number[] = [];
      // Inside a character spelled byte by byte only its next byte may follow.
      if (!this.#pending.length) {
        this.#walk(this.#state, this.#started, (tokens, next) => {
          if (this.#viable.get(next) ?? this.#isViable(next)) for (const id of tokens) ids.push(id);
        });
      }
      for (const { id, byte } of this.#byteIds) if (this.#spellable([...this.#pending, byte])) ids.push(id);
      out = Int32Array.from(ids).sort();
      this.#memo.set(key, out);
    }
    return out;
  }

  /** The text so far is complete: an end-of-text token is allowed now. */
  accepting(): boolean {
    return !this.#pending.length && this.#automaton.accepting(this.#state);
  }

  advance(token: number): void {
    const byte = this.vocabulary.pieces.bytes?.[token];
    if (byte !== undefined && byte !== null) {
      const pending = [...this.#pending, byte];
      const span = utf8Span(pending);
      if (!span || !this.#spellable(pending)) throw new Error(`Token ${token} is outside the grammar here.`);
      if (pending.length < span.length) this.#pending = pending;
      else {
        const s = this.#automaton.step(this.#state, span.lo);
        if (s < 0) throw new Error(`Token ${token} is outside the grammar here.`);
        this.#state = s;
        this.#pending = [];
      }
      this.#started = true;
      return;
    }
    if (this.#pending.length) throw new Error(`Token ${token} is outside the grammar here.`);
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
