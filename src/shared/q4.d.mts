export const q4GroupSize: number;
export const q4MaxInt: number;
/** float32 → IEEE half bits, rounded to nearest even (overflow → ±Infinity). */
export function toHalfBits(value: number): number;
/** IEEE half bits → float32 value (exact). */
export function fromHalfBits(bits: number): number;
/** The shapes q_weight and q_scale must have for a weight [rows, cols]; null when cols is not a multiple of the group. */
export function q4Shapes(rows: number, cols: number): { qWeight: number[]; qScale: number[] } | null;
/** Quantizes a row-major [rows, cols] float32 matrix into packed codes and half-bit scales; with keepScaleBits, each group keeps that scale while its values fit its grid. */
export function quantizeQ4(w: Float32Array, rows: number, cols: number, keepScaleBits?: Uint16Array): { q: Uint32Array; scaleBits: Uint16Array };
/** Rows [rowFrom, rowTo) of the dequantized matrix, row-major float32. */
export function dequantizeQ4(q: Uint32Array, scale: Float32Array, cols: number, rowFrom: number, rowTo: number): Float32Array;
