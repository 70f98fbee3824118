// MLC's q4f16_1 group quantization, in plain JavaScript so that the fixture generator (Node, no TypeScript
// loader) and the app (merging back into q4f16_1) quantize with one algorithm. Layout (docs/llm.md, checked
// against mlc-llm's GroupQuantize): a weight [out, in] is stored as
// - `<name>.q_weight`: uint32 [out, in / 8], eight 4-bit codes per word, element j of a word in bits 4j … 4j + 3;
// - `<name>.q_scale`: float16 [out, in / 32], one scale per group of 32 consecutive inputs of a row;
// and a value is (code − 7) · scale, with scale = max |w| over the group / 7 and code = clamp(round(w / scale) + 7, 0, 14).

export const q4GroupSize = 32;
export const q4MaxInt = 7;
const perWord = 8;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → IEEE half bits, rounded to nearest even (overflow → ±Infinity). */
export function toHalfBits(value) {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  if (exp > 142) return sign | 0x7c00;
  if (exp >= 113) {
    // Normal half: round the 13 dropped mantissa bits to nearest even.
    let h = ((exp - 112) << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++;
    return sign | h;
  }
  if (exp >= 102) {
    // Subnormal half.
    const m = mant | 0x800000;
    const shift = 126 - exp;
    let h = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && h & 1)) h++;
    return sign | h;
  }
  return sign;
}

/** IEEE half bits → float32 value (exact). */
export function fromHalfBits(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  return exp === 0 ? sign * 2 ** -14 * (frac / 1024) : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** The shapes q_weight and q_scale must have for a weight [rows, cols]; null when cols is not a multiple of the group. */
export function q4Shapes(rows, cols) {
  if (cols % q4GroupSize !== 0) return null;
  return { qWeight: [rows, cols / perWord], qScale: [rows, cols / q4GroupSize] };
}

/**
 * Quantizes a row-major [rows, cols] float32 matrix. Returns the packed codes and the scales as half bits.
 * The code of each value is computed against the scale as stored (rounded to half), so that dequantizing
 * the stored scale reproduces the nearest representable value.
 *
 * With `keepScaleBits` (a merge's base scales), a group keeps its base scale while its values still fit the base
 * grid (|w| ≤ 7.5 · scale, so no code is clipped by more than half a step): a value the adapter did not move then
 * gets its base code back exactly, and every value's error is at most min(|its change|, half a step). A fresh
 * max-abs scale would re-round every value of the group. A group that outgrew its grid gets a fresh scale.
 */
export function quantizeQ4(w, rows, cols, keepScaleBits) {
  if (!q4Shapes(rows, cols)) throw new Error(`q4f16_1 needs an input width that is a multiple of ${q4GroupSize}; this weight has ${cols}.`);
  const groups = cols / q4GroupSize;
  const q = new Uint32Array((rows * cols) / perWord);
  const scaleBits = new Uint16Array(rows * groups);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < groups; g++) {
      const from = r * cols + g * q4GroupSize;
      let maxAbs = 0;
      for (let i = 0; i < q4GroupSize; i++) maxAbs = Math.max(maxAbs, Math.abs(w[from + i]));
      const kept = keepScaleBits ? keepScaleBits[r * groups + g] : undefined;
      const bits = kept !== undefined && maxAbs <= (q4MaxInt + 0.5) * fromHalfBits(kept) ? kept : toHalfBits(maxAbs / q4MaxInt);
      scaleBits[r * groups + g] = bits;
      const scale = fromHalfBits(bits);
      for (let i = 0; i < q4GroupSize; i++) {
        const code = scale > 0 ? Math.min(2 * q4MaxInt, Math.max(0, Math.round(w[from + i] / scale) + q4MaxInt)) : q4MaxInt;
        const at = from + i;
        q[at >>> 3] |= code << (4 * (at & 7));
      }
    }
  }
  return { q, scaleBits };
}

/** Rows [rowFrom, rowTo) of the dequantized matrix, row-major float32; `scale` is float32 (one per group). */
export function dequantizeQ4(q, scale, cols, rowFrom, rowTo) {
  const groups = cols / q4GroupSize;
  const out = new Float32Array((rowTo - rowFrom) * cols);
  for (let r = rowFrom; r < rowTo; r++) {
    for (let c = 0; c < cols; c++) {
      const at = r * cols + c;
      const code = (q[at >>> 3] >>> (4 * (at & 7))) & 15;
      out[(r - rowFrom) * cols + c] = (code - q4MaxInt) * scale[r * groups + ((c / q4GroupSize) | 0)];
    }
  }
  return out;
}
