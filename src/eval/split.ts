// A seeded train/test split: the same ids and seed give the same split anywhere.
import { seededRandom } from '../shared/random.mjs';

/** Shuffles the ids with the seed (Fisher–Yates) and takes the first round(n · testFraction) as test. */
export function seededSplit(ids: string[], seed: number, testFraction: number): { train: string[]; test: string[] } {
  const order = [...ids];
  const random = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTest = Math.round(order.length * testFraction);
  const test = new Set(order.slice(0, nTest));
  return { train: ids.filter((id) => !test.has(id)), test: ids.filter((id) => test.has(id)) };
}
