;; The vector-search kernels, with WebAssembly SIMD. Memory is imported: the JavaScript side lays out and grows it.
;; scores(mat, rows, dim, q, out): int8 × int16 dot products, one score per matrix row.
;;   mat: rows × dim signed bytes (dim a multiple of 32), q: dim signed 16-bit ints,
;;   out: rows signed 32-bit ints, out[r] = Σ_j mat[r, j] · q[j].
;; scoresAt(mat, list, count, dim, q, out): the same for the rows listed (count 32-bit row numbers),
;;   out[i] = score of row list[i].
;; hamming(bits, rows, bytes, qbits, out, hist): 1-bit sign codes (bytes per row a multiple of 16),
;;   out[r] = popcount(bits[r] xor qbits) as a 32-bit int, and hist[d] += 1 for each row's distance d.
;; collect(dist, rows, cut, atCut, list): see below.
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
        (br $rows_loop))))
  ;; One row's int8 · int16 dot product (dim a multiple of 32).
  (func $dot (param $row i32) (param $dim i32) (param $q i32) (result i32)
    (local $j i32) (local $acc v128) (local $v v128) (local $w v128) (local $qj i32)
    (loop $dim_loop
      (local.set $v (v128.load (i32.add (local.get $row) (local.get $j))))
      (local.set $w (v128.load offset=16 (i32.add (local.get $row) (local.get $j))))
      (local.set $qj (i32.add (local.get $q) (i32.shl (local.get $j) (i32.const 1))))
      (local.set $acc (i32x4.add (local.get $acc)
        (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load (local.get $qj)))))
      (local.set $acc (i32x4.add (local.get $acc)
        (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=16 (local.get $qj)))))
      (local.set $acc (i32x4.add (local.get $acc)
        (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $w)) (v128.load offset=32 (local.get $qj)))))
      (local.set $acc (i32x4.add (local.get $acc)
        (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $w)) (v128.load offset=48 (local.get $qj)))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br_if $dim_loop (i32.lt_u (local.get $j) (local.get $dim))))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
  (func (export "scoresAt") (param $mat i32) (param $list i32) (param $count i32) (param $dim i32) (param $q i32) (param $out i32)
    (local $i i32) (local $at i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (i32.store (i32.add (local.get $out) (local.get $at))
          (call $dot
            (i32.add (local.get $mat) (i32.mul (i32.load (i32.add (local.get $list) (local.get $at))) (local.get $dim)))
            (local.get $dim) (local.get $q)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))
(func (export "hamming") (param $bits i32) (param $rows i32) (param $bytes i32) (param $qbits i32) (param $out i32) (param $hist i32)
    (local $r i32) (local $j i32) (local $row i32) (local $acc v128) (local $d i32) (local $h i32)
    (block $done
      (loop $rows_loop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (local.set $row (i32.add (local.get $bits) (i32.mul (local.get $r) (local.get $bytes))))
        ;; 16 bytes (128 dimensions) per iteration: byte popcounts summed in 16-bit lanes (at most 16 per lane per step).
        (loop $byte_loop
          (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u
            (i8x16.popcnt (v128.xor
              (v128.load (i32.add (local.get $row) (local.get $j)))
              (v128.load (i32.add (local.get $qbits) (local.get $j))))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $byte_loop (i32.lt_u (local.get $j) (local.get $bytes))))
        (local.set $acc (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
        (local.set $d (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
          (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))) (local.get $d))
        (local.set $h (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))))
        (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows_loop))))
  ;; collect(dist, rows, cut, atCut, list) -> count: the rows whose distance is below `cut`, and the first `atCut` rows
  ;; at `cut`, written to list in row order.
  (func (export "collect") (param $dist i32) (param $rows i32) (param $cut i32) (param $atCut i32) (param $list i32) (result i32)
    (local $r i32) (local $d i32) (local $n i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $d (i32.load (i32.add (local.get $dist) (i32.shl (local.get $r) (i32.const 2)))))
        (if (i32.lt_u (local.get $d) (local.get $cut))
          (then
            (i32.store (i32.add (local.get $list) (i32.shl (local.get $n) (i32.const 2))) (local.get $r))
            (local.set $n (i32.add (local.get $n) (i32.const 1))))
          (else
            (if (i32.and (i32.eq (local.get $d) (local.get $cut)) (i32.gt_s (local.get $atCut) (i32.const 0)))
              (then
                (i32.store (i32.add (local.get $list) (i32.shl (local.get $n) (i32.const 2))) (local.get $r))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (local.set $atCut (i32.sub (local.get $atCut) (i32.const 1)))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each)))
    (local.get $n)))
