/** FNV-1a 32-bit hash of a string, used to derive a seed from a name. */
export function hashString(s: string): number;
/** mulberry32: a small, fast, well-distributed 32-bit seedable generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number;
/** Standard normal samples via Box-Muller. */
export function gaussian(rand: () => number): number;
