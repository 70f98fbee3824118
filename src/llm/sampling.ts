// Next-token choice: greedy, or temperature + top-p (nucleus) with a seeded
// generator, so the same seed gives the same answer on every run and engine.

/** Index of the largest logit; the lowest index wins ties. */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}

/** Samples a token: greedy when temperature is 0, else softmax(logits / T) restricted to the top-p nucleus. */
export function sampleToken(logits: ArrayLike<number>, temperature: number, topP: number, random: () => number): number {
  if (temperature <= 0) return argmax(logits);
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i]!);
  const probs = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) z += probs[i] = Math.exp((logits[i]! - max) / temperature);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probs[b]! - probs[a]! || a - b);
  // Smallest set of most likely tokens whose mass reaches top-p.
  let mass = 0;
  let cut = 0;
  while (cut < n && (cut === 0 || mass < topP * z)) mass += probs[order[cut++]!]!;
  let r = random() * mass;
  for (let i = 0; i < cut; i++) {
    r -= probs[order[i]!]!;
    if (r <= 0) return order[i]!;
  }
  return order[cut - 1]!;
}
