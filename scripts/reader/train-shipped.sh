#!/bin/sh
# `npm run train:reader`: the shipped reader's whole training, from scratch, in the order it happened (model card:
# public/builtin/rag-lab-reader/README.md). Every run is seeded and its batches are drawn by step, so a phase stopped at
# step N (--stop-at) holds the weights the session's run had at its checkpoint N, on the same BLAS. 4–5 hours on 2 cores (phase 1 alone about 85 minutes).
#   phase 1   copying and the answer form (levels 0-2), four resumes of one run as its schedule was shortened;
#   phase 2   broad reading (level 3), from phase 1's exported weights;
#   phase 3   copy batches over every token;
#   phase 4a-4e  short reading (level 4) in its five versions (examples.ts readingVariants), each from the last one's
#             checkpoint: broad English words; longer sentences and headings, with copy runs of natural text; common-noun
#             entities; one source; Chinese of any characters. Then the export: one source of one sentence, quoted.
# WORK (default /tmp/rag-lab-reader) holds every phase's data and checkpoints; extra arguments go to every run.
set -e
cd "$(dirname "$0")/../.."
W=${WORK:-/tmp/rag-lab-reader}
OUT=public/builtin/rag-lab-reader
T="/usr/bin/python3 scripts/reader/train.py"
mkdir -p "$W"

# Phase 1.
p1() { $T --work "$W/p1" --out "$W/p1-out" --joint --copy-warmup 1150 --copy-every 2 --lr 1e-3 --level0-until 0.25 --eval-every 400 --eval-items 40 "$@"; }
p1 --steps 5000 --stop-at 2400 "$@"
p1 --resume --steps 11000 --stop-at 4100 "$@"
p1 --resume --steps 8500 --stop-at 5300 "$@"
p1 --resume --steps 7500 "$@"

# Phase 2: level 3 joins (its data is made with the others in the phase's work folder).
$T --work "$W/p2" --init-from "$W/p1-out" --joint --copy-warmup 0 --copy-every 4 --mix 0.05,0.1,0.25,0.6 --lr 5e-4 --warmup 50 \
  --steps 800 --stop-at 500 --eval-every 200 --eval-items 30 --ckpt-every 50 "$@"
$T --work "$W/p2" --out "$W/p2-out" --export-only "$@"

# Phase 3: copy batches over every token.
$T --work "$W/p3" --init-from "$W/p2-out" --copy-all --copy-warmup 0 --copy-every 3 --mix 0.05,0.1,0.25,0.6 --lr 5e-4 --warmup 50 \
  --steps 1400 --stop-at 600 --eval-every 200 --eval-items 30 --ckpt-every 100 "$@"

# Phase 4: level 4, one version after another, in one work folder that starts as phase 3's data.
mkdir -p "$W/p4"
cp "$W/p3"/tokenizer.json "$W/p3"/corpus.txt "$W/p3"/lengths.json "$W/p3"/hashes.json "$W/p4/"
for f in "$W/p3"/train-[0-3].* "$W/p3"/heldout-[0-3].*; do cp "$f" "$W/p4/"; done
cp "$W/p3/checkpoint.pt" "$W/phase3.pt"
level4() {
  node scripts/reader/make-data.mjs text --work "$W/p4" --levels 4 --variant "$1"
  node scripts/reader/make-data.mjs tokens --work "$W/p4" --levels 4
}
p4() { from=$1; shift; $T --work "$W/p4" --init-from "$W/$from.pt" --copy-all --copy-warmup 0 --copy-every 4 --eval-items 30 "$@"; }
level4 1; p4 phase3 --mix 0.05,0.05,0.1,0.1,0.7 --lr 5e-4 --warmup 50 --steps 2600 --stop-at 400 --eval-every 300 --ckpt-every 100 "$@"
cp "$W/p4/checkpoint.pt" "$W/phase4a.pt"
level4 2; p4 phase4a --copy-text 0.5 --mix 0.05,0.05,0.1,0.1,0.7 --lr 5e-4 --warmup 30 --steps 2000 --stop-at 350 --eval-every 250 --ckpt-every 50 "$@"
cp "$W/p4/checkpoint.pt" "$W/phase4b.pt"
level4 3; p4 phase4b --copy-text 0.5 --mix 0.05,0.05,0.1,0.1,0.7 --lr 5e-4 --warmup 30 --steps 1600 --stop-at 250 --eval-every 200 --ckpt-every 50 "$@"
cp "$W/p4/checkpoint.pt" "$W/phase4c.pt"
level4 4; p4 phase4c --copy-text 0.5 --mix 0.1,0.05,0.05,0.05,0.75 --lr 5e-4 --warmup 30 --steps 800 --stop-at 350 --eval-every 200 --ckpt-every 50 "$@"
cp "$W/p4/checkpoint.pt" "$W/phase4d.pt"
level4 5; p4 phase4d --copy-text 0.5 --mix 0.1,0.05,0.05,0.05,0.75 --lr 5e-4 --warmup 30 --steps 900 --stop-at 200 --eval-every 300 --ckpt-every 50 "$@"
$T --work "$W/p4" --out "$OUT" --export-only --source-sentences 1 --source-limit 1 --reply-quotes "$@"
