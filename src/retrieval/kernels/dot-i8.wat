;; int8 × int16 dot products with WebAssembly SIMD: one score per matrix row.
;; scores(mat, rows, dim, q, out):
;;   mat: rows × dim signed bytes (dim a multiple of 32), q: dim signed 16-bit ints,
;;   out: rows signed 32-bit ints, out[r] = Σ_j mat[r, j] · q[j].
;; Memory is imported: the JavaScript side lays out and grows it.
(module
  (import "env" "memory" (memory 1))
  (func (export "scores") (param $mat i32) (param $rows i32) (param $dim i32) (param $q i32) (param $out i32)
    (local $r i32) (local $j i32) (local $row i32) (local $acc v128) (local $v v128) (local $w v128)
    (block $done
      (loop $rows_loop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (local.set $row (i32.add (local.get $mat) (i32.mul (local.get $r) (local.get $dim))))
        ;; 32 bytes of the row per iteration: two loads, four widen-and-dot steps.
        (loop $dim_loop
          (local.set $v (v128.load (i32.add (local.get $row) (local.get $j))))
          (local.set $w (v128.load offset=16 (i32.add (local.get $row) (local.get $j))))
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v))
              (v128.load (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))))
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v))
              (v128.load offset=16 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))))
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $w))
              (v128.load offset=32 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))))
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $w))
              (v128.load offset=48 (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1)))))))
          (local.set $j (i32.add (local.get $j) (i32.const 32)))
          (br_if $dim_loop (i32.lt_u (local.get $j) (local.get $dim))))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows_loop)))))
