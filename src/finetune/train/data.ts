// Training data: prompt/completion pairs tokenized with the base model's own
// tokenizer and template prefix, truncated from the left of the prompt (never
// the target), split into train and validation by seed, and ordered per epoch by
// a counter-based shuffle (so a resumed run sees exactly the order it would have).
import { hashString, seededRandom } from '../../shared/random.mjs';
import { TrainingError, tKey } from '../../shared/errors';

export interface PromptCompletion {
  prompt: string;
  completion: string;
}

/** One tokenized example: the loss covers tokens[promptLength …]. */
export interface Sequence {
  tokens: number[];
  promptLength: number;
}

export interface PreparedData {
  sequences: Sequence[];
  /** Examples that lost prompt tokens to the maximum length, and how many tokens in all. */
  truncatedExamples: number;
  truncatedTokens: number;
  /** Examples left out because their target alone does not fit the maximum length. */
  droppedExamples: number;
}

/**
 * Tokenizes examples as the model reads them at inference: the template's prefix ids, the
 * rendered prompt, then the completion (target plus end-of-turn separator). Refuses a dataset
 * that has no example, or none with target tokens once it fits `maxLength`.
 */
export function prepareData(examples: PromptCompletion[], encode: (text: string) => number[], prefixIds: number[], maxLength: number): PreparedData {
  if (!examples.length) throw new TrainingError(tKey('errors:training.noExamples'));
  const sequences: Sequence[] = [];
  let truncatedExamples = 0;
  let truncatedTokens = 0;
  let droppedExamples = 0;
  for (const e of examples) {
    const prompt = [...prefixIds, ...encode(e.prompt)];
    const target = encode(e.completion);
    // The loss needs at least one prompt token before the first target token.
    if (!target.length || target.length + 1 > maxLength) {
      droppedExamples++;
      continue;
    }
    const room = maxLength - target.length;
    const cut = Math.max(0, prompt.length - room);
    if (cut) (truncatedExamples++, (truncatedTokens += cut));
    const kept = prompt.slice(cut);
    sequences.push({ tokens: [...kept, ...target], promptLength: kept.length });
  }
  if (!sequences.length) {
    throw new TrainingError(tKey('errors:training.noTargets', { maxLength, dropped: droppedExamples }));
  }
  return { sequences, truncatedExamples, truncatedTokens, droppedExamples };
}

/** Indices held out for validation: a seeded choice of round(share × n), at least one train example left. */
export function validationSplit(n: number, share: number, seed: number): { train: number[]; validation: number[] } {
  const order = shuffled(n, seededRandom(hashString(`validation:${seed}`)));
  const k = Math.min(n - 1, Math.round(share * n));
  const held = new Set(order.slice(0, k));
  const all = Array.from({ length: n }, (_, i) => i);
  return { train: all.filter((i) => !held.has(i)), validation: all.filter((i) => held.has(i)) };
}

function shuffled(n: number, random: () => number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order of the training examples in epoch `epoch`. The generator is counter-based: its whole
 * state is (seed, epoch), which a checkpoint stores, so a resumed run continues the same order.
 */
export function epochOrder(n: number, seed: number, epoch: number): number[] {
  return shuffled(n, seededRandom(hashString(`epoch:${seed}:${epoch}`)));
}

/** Which training example (index into the train list) is micro-batch `i` of the run. */
export function exampleAt(i: number, n: number, seed: number, orders: Map<number, number[]>): { epoch: number; index: number } {
  const epoch = Math.floor(i / n);
  let order = orders.get(epoch);
  if (!order) orders.set(epoch, (order = epochOrder(n, seed, epoch)));
  return { epoch, index: order[i % n]! };
}

/** The padded length a sequence is computed at: a power of two (at least 16), at most `maxLength`. */
export function bucketLength(length: number, maxLength: number): number {
  return Math.max(length, Math.min(maxLength, 2 ** Math.ceil(Math.log2(Math.max(16, length)))));
}

/** Lines of a JSONL export with `prompt` and `completion` strings; a bad line is named by its number. */
export function parseTrainingJsonl(text: string): PromptCompletion[] {
  const out: PromptCompletion[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new TrainingError(tKey('errors:training.lineJson', { line: i + 1 }));
    }
    const r = row as Partial<PromptCompletion> | null;
    if (typeof r?.prompt !== 'string' || typeof r.completion !== 'string') throw new TrainingError(tKey('errors:training.lineFields', { line: i + 1 }));
    out.push({ prompt: r.prompt, completion: r.completion });
  });
  return out;
}
