#!/bin/sh
# `npm run train:reader`: the shipped reader's run, from scratch. One run in four phases: the session that trained it
# shortened its cosine schedule three times as the copying emerged later and the time left shrank (each resume
# recomputes the schedule for the new --steps), so the phases stop where it was resumed. Batches are seeded by step and
# the copy curriculum's state is in the checkpoint, so this gives the shipped weights on the same BLAS.
# Extra arguments (--work, --out, --threads) go to every phase.
set -e
cd "$(dirname "$0")/../.."
run() { /usr/bin/python3 scripts/reader/train.py --joint --copy-warmup 1150 --copy-every 2 --lr 1e-3 --level0-until 0.25 --eval-every 400 --eval-items 40 "$@"; }
run --steps 5000 --stop-at 2400 "$@"
run --resume --steps 11000 --stop-at 4100 "$@"
run --resume --steps 8500 --stop-at 5300 "$@"
run --resume --steps 7500 "$@"
