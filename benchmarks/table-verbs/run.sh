#!/usr/bin/env bash
# Times the table verbs side by side: recbook's kernels (recbook-bench verbs), pandas and polars,
# on the same MovieLens-shaped files, and prints a table of seconds with ratios.
#
#   benchmarks/table-verbs/run.sh [DATA_DIR] [REPEAT]
#
# DATA_DIR defaults to /tmp/recbook-table-verbs; it is made by generate.py (25 M ratings, 62 k
# movies; about 450 MB) when it holds no ratings.csv. Needs numpy, pandas and polars
# (`pip install numpy pandas polars`). Data files are never written inside the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${1:-/tmp/recbook-table-verbs}
repeat=${2:-3}

[ -f "$data/ratings.csv" ] || python3 "$here/generate.py" "$data"
(cd "$root" && swift build -c release --product recbook-bench >/dev/null)

results=$(mktemp)
trap 'rm -f "$results"' EXIT
"$root/.build/release/recbook-bench" verbs --data "$data" "repeat=$repeat" | tee -a "$results"
python3 "$here/reference.py" "$data" --repeat "$repeat" | tee -a "$results"

python3 - "$results" <<'PY'
import sys
times = {}
order = []
for line in open(sys.argv[1]):
    library, operation, seconds = line.rstrip("\n").split("\t")
    if operation not in order:
        order.append(operation)
    times[(library, operation)] = float(seconds)
print()
print("| operation | recbook (s) | pandas (s) | polars (s) | pandas ÷ recbook | polars ÷ recbook |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for operation in order:
    r, p, q = (times.get((library, operation)) for library in ("recbook", "pandas", "polars"))
    ratio = lambda other: f"{other / r:.2f}" if r and other else "–"
    print(f"| {operation} | {r:.3f} | {p:.3f} | {q:.3f} | {ratio(p)} | {ratio(q)} |")
PY
