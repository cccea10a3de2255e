#!/usr/bin/env bash
# Times the original Python analysis (under Jupyter and as a plain script) side by side with
# recbook's walk-through, interleaved so machine noise hits both alike. A development tool:
# recbook never depends on Python. Needs network access once, to install the original's
# packages into a virtual environment outside the repository.
#
#   benchmarks/original/compare.sh            # 3 rounds, work files under /tmp/recbook-compare
#                                             # (each round: Jupyter, recbook cold ×3, cached, script)
#   ROUNDS=5 WORK=/somewhere benchmarks/original/compare.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DATA=${DATA:-$SHARED/datasets/ml-latest-small}
WORK=${WORK:-/tmp/recbook-compare}
ROUNDS=${ROUNDS:-3}
RECBOOK=$ROOT/.build/release/recbook

mkdir -p "$WORK/run" "$WORK/results"
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q pandas numpy scipy scikit-learn tensorflow-cpu seaborn matplotlib \
    nbconvert nbformat nbclient ipykernel
fi
export PATH="$WORK/venv/bin:$PATH" PYTHONUNBUFFERED=1
for f in movies.csv ratings.csv tags.csv; do ln -sf "$DATA/$f" "$WORK/run/$f"; done
python "$ROOT/benchmarks/original/build_notebook.py" "$SHARED/seed" "$WORK/run" > /dev/null
(cd "$ROOT" && make build > /dev/null)

timed() {  # timed LABEL command… : prints and records wall seconds
  local label=$1; shift
  local start end
  start=$(date +%s.%N); "$@" > "$WORK/results/$label.log" 2>&1; end=$(date +%s.%N)
  printf "%s\t%.3f\n" "$label" "$(echo "$end - $start" | bc)" | tee -a "$WORK/results/times.tsv"
}
: > "$WORK/results/times.tsv"
# The machine's load beside the figures: other work on the cores skews every timing.
echo "load before: $(uptime)" | tee "$WORK/results/load.txt"
# `--no-cache` runs leave the cache alone, so fill it once: the cached rounds then time a re-run.
(cd "$ROOT" && "$RECBOOK" run notebooks/movie-recommender.md --param data="$DATA" --quiet --output "$WORK/out" > /dev/null)
for round in $(seq 1 "$ROUNDS"); do
  (cd "$WORK/run" && timed "jupyter-$round" jupyter nbconvert --to html --execute \
    --ExecutePreprocessor.timeout=3600 --ExecutePreprocessor.kernel_name=python3 movie-recommender.ipynb)
  # Three cold runs a round: a 1.5-second run is at the mercy of a short burst of noise that a
  # minute-long one averages out; the median over every round's runs is the figure.
  for run in 1 2 3; do
    (cd "$ROOT" && timed "recbook-cold-$round.$run" "$RECBOOK" run notebooks/movie-recommender.md \
      --param data="$DATA" --no-cache --quiet --output "$WORK/out")
  done
  (cd "$ROOT" && timed "recbook-cached-$round" "$RECBOOK" run notebooks/movie-recommender.md \
    --param data="$DATA" --quiet --output "$WORK/out")
  (cd "$WORK/run" && timed "python-$round" python notebook_cells_timed.py)
done
echo "load after: $(uptime)" | tee -a "$WORK/results/load.txt"
echo "Keras fit: $(grep -h FIT_SECONDS "$WORK"/results/python-*.log | tr '\n' ' ')"
# The median; of an even count, the mean of the two middle values.
median() {
  grep "^$1-[0-9]" "$WORK/results/times.tsv" | cut -f2 | sort -n |
    awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'
}
echo "Medians (s):"
for kind in jupyter python recbook-cold recbook-cached; do
  printf "  %-15s %s\n" "$kind" "$(median "$kind")"
done
echo "Jupyter / recbook --no-cache: $(echo "scale=1; $(median jupyter) / $(median recbook-cold)" | bc)x"
