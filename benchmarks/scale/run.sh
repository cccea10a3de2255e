#!/usr/bin/env bash
# The scale benchmark (issue 9): recbook's truncated SVD beside scipy's svds, and the time of
# every step of the walk-through except the neural fits (scale-steps.md) at each size.
#
#   benchmarks/scale/run.sh [SIZES…]        sizes in ratings, default: 1000000 10000000
#
# Generated releases go to /work/data/scale-N (override with DATA_ROOT); they are never
# committed. Build first: swift build -c release --product recbook --product recbook-bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=${DATA_ROOT:-/work/data}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
for size in "${sizes[@]}"; do
  name=$(( size / 1000000 ))m
  data="$root/scale-$name"
  [ -f "$data/ratings.csv" ] || .build/release/recbook-bench generate --ratings "$size" --to "$data"
  echo "== $size ratings ($data)"
  echo "-- truncated SVD, k = 50, of the centred training pivot"
  .build/release/recbook-bench --data "$data" svd methods=auto
  python3 benchmarks/scale/svds.py "$data"
  echo "-- every step but the neural fits (recbook run --no-cache), peak memory by /usr/bin/time"
  /usr/bin/time -f "peak resident memory: %M KB; wall %e s" \
    .build/release/recbook run benchmarks/scale/scale-steps.md --param "data=$data" --no-cache --quiet \
      --output "${TMPDIR:-/tmp}/scale-$name"
done
