// Token-aware, structure-aware chunking. Every chunk is a contiguous slice of
// the document text (so its offsets are exact), never longer than the model
// accepts, always starts at a heading when one comes, and otherwise prefers to
// end at a paragraph, then a sentence boundary.
import type { Block, Chunk, ChunkOptions, ParsedDoc } from '../shared/library-types';
import { sentenceRanges, softBreaks } from './sentences';

/** Counts tokens without special tokens, in the embedder's own tokenizer. */
export type TokenCounter = (text: string) => number;

type Boundary = 'heading' | 'paragraph' | 'sentence';

interface Unit {
  start: number;
  end: number;
  tokens: number;
  /** How strong the break before this unit is. */
  boundary: Boundary;
  headingPath: string[];
  page?: number;
}

export interface ChunkLimits extends ChunkOptions {
  /** The model's maximum input, special tokens included. */
  maxTokens: number;
}

/** Tokens a chunk may hold: the requested size, capped by the model's maximum less [CLS]/[SEP]. */
export function chunkBudget(o: ChunkLimits): { limit: number; overlap: number } {
  const limit = Math.max(8, Math.min(o.chunkTokens, o.maxTokens - 2));
  return { limit, overlap: Math.max(0, Math.min(o.overlapTokens, Math.floor(limit / 2))) };
}

/** Splits a range too long for one chunk at soft breaks, each piece within the limit. */
function hardSplit(text: string, start: number, end: number, limit: number, count: TokenCounter): [number, number][] {
  const pieces: [number, number][] = [];
  let s = start;
  const breaks = softBreaks(text, start, end).concat(end);
  while (s < end) {
    // Binary search the furthest break that keeps the piece within the limit.
    let lo = 0;
    let hi = breaks.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = breaks[mid]!;
      if (b <= s) lo = mid + 1;
      else if (count(text.slice(s, b)) <= limit) (best = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    // No break fits (one enormous "word"): cut by characters.
    let e = best >= 0 ? breaks[best]! : s + 1;
    if (best < 0) while (e < end && count(text.slice(s, e + 1)) <= limit) e++;
    pieces.push([s, e]);
    s = e;
    while (s < end && /\s/.test(text[s]!)) s++;
  }
  return pieces;
}

function toUnits(doc: ParsedDoc, limit: number, count: TokenCounter): Unit[] {
  const units: Unit[] = [];
  const path: string[] = [];
  const push = (start: number, end: number, boundary: Boundary, block: Block) => {
    const tokens = count(doc.text.slice(start, end));
    const base = { headingPath: [...path], ...(block.page ? { page: block.page } : {}) };
    if (tokens <= limit) return void units.push({ start, end, tokens, boundary, ...base });
    hardSplit(doc.text, start, end, limit, count).forEach(([s, e], i) =>
      units.push({ start: s, end: e, tokens: count(doc.text.slice(s, e)), boundary: i === 0 ? boundary : 'sentence', ...base }),
    );
  };
  for (const block of doc.blocks) {
    if (block.kind === 'heading') {
      path.length = Math.min(path.length, block.level - 1);
      path.push(doc.text.slice(block.start, block.end));
      push(block.start, block.end, 'heading', block);
      continue;
    }
    sentenceRanges(doc.text, block.start, block.end).forEach(([s, e], i) => push(s, e, i === 0 ? 'paragraph' : 'sentence', block));
  }
  return units;
}

const sum = (units: Unit[], from: number, to: number) => units.slice(from, to).reduce((a, u) => a + u.tokens, 0);

/**
 * Chunks a parsed document. Deterministic for the same text, options and tokenizer.
 * `exact`, when given, re-counts chunks within 5% of the model's hard limit (a
 * fast `count` may be an estimate) and shortens any that would not fit.
 */
export function chunkDocument(doc: ParsedDoc, options: ChunkLimits, count: TokenCounter, exact?: TokenCounter): Chunk[] {
  const { limit, overlap } = chunkBudget(options);
  const hardCap = options.maxTokens - 2;
  const units = toUnits(doc, limit, count);
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < units.length) {
    let j = i;
    let total = 0;
    let hasBody = false;
    while (j < units.length && total + units[j]!.tokens <= limit) {
      // A heading always starts a new chunk, so a chunk's heading path is true for all
      // of its text; only a run of bare headings (title, then section) stays together.
      if (j > i && units[j]!.boundary === 'heading' && hasBody) break;
      hasBody ||= units[j]!.boundary !== 'heading';
      total += units[j]!.tokens;
      j++;
    }
    if (j === i) j = i + 1; // cannot happen after hardSplit, but never loop forever
    // Cut mid-paragraph? Step back to the last paragraph break if that keeps the chunk 60% full.
    if (j < units.length && units[j]!.boundary === 'sentence') {
      for (let k = j - 1; k > i; k--) {
        if (units[k]!.boundary !== 'sentence' && sum(units, i, k) >= limit * 0.6) {
          j = k;
          break;
        }
      }
    }
    if (exact && sum(units, i, j) >= hardCap * 0.95) {
      while (j > i + 1 && exact(doc.text.slice(units[i]!.start, units[j - 1]!.end)) > hardCap) j--;
    }
    const first = units[i]!;
    const last = units[j - 1]!;
    chunks.push({
      text: doc.text.slice(first.start, last.end),
      start: first.start,
      end: last.end,
      headingPath: first.headingPath,
      tokens: sum(units, i, j),
      ...(first.page ? { page: first.page } : {}),
      ...(last.page && last.page !== first.page ? { pageEnd: last.page } : {}),
    });
    if (j >= units.length) break;
    // Overlap: carry trailing sentences into the next chunk, but never across a heading.
    let next = j;
    if (units[j]!.boundary !== 'heading') {
      let carried = 0;
      while (next - 1 > i && carried + units[next - 1]!.tokens <= overlap) carried += units[--next]!.tokens;
    }
    i = next;
  }
  return chunks;
}
