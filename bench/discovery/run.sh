#!/usr/bin/env bash
# Clustering quality and speed on Fashion-MNIST (60,000 train images, 784 dims, raw pixel values 0..255 as float32),
# Discovery's strategies paired with scikit-learn 1.2 and ML.NET in one run, on the same data and machine:
#   kmeans   k=10, 1 initialisation, at most 300 iterations, tolerance 1e-4 (sklearn's, converted to ours):
#            ours (KMeansStrategy), scikit-learn KMeans(algorithm='lloyd'), ML.NET KMeansTrainer
#   dbscan   the first 5,000 images: ours with epsilon from our k-distance knee and MinPoints 5, then
#            scikit-learn's DBSCAN with the same epsilon and min_samples; again at 0.8 × that epsilon
#   ward     the first 5,000 images: ours (HierarchicalStrategy, Ward, 10 domains) and
#            AgglomerativeClustering(n_clusters=10, linkage='ward')
#   hybrid   ours (HybridStrategy, MaxDomains 16) on all 60,000 images: the count of best silhouette under 16
#            (merge_distance 0, the default), then cut at exactly 16 (hybrid_cut_* on the line before the last)
# then NMI and ARI of every labelling against the true labels, and ARI of ours against scikit-learn's.
# See README.md. The last line printed is
#   kmeans_time_ratio=… kmeans_ms_per_iteration=… inertia_ratio=… nmi_ours=… nmi_sklearn=… mlnet_time_ratio=…
#   dbscan_ari_vs_sklearn=… ward_ari_vs_sklearn=… hybrid_nmi=…
# with time ratios = ours / theirs and inertia_ratio = ours / scikit-learn's. A strategy not built yet, failing or
# over its timeout is reported as n/a; a peer failing stops the run.
#
# Knobs (environment): BENCH_N_INIT (default 1), BENCH_MAX_ITER (300), BENCH_ROWS (5000), BENCH_MIN_POINTS (5),
# BENCH_SKIP_BUILD=1 (reuse the last Release build), BENCH_KEEP_RUN=1 (keep the labels and figures).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DATASET=/usr/share/datasets/fashion-mnist
PY=/usr/bin/python3
N_INIT="${BENCH_N_INIT:-1}"
MAX_ITER="${BENCH_MAX_ITER:-300}"
ROWS="${BENCH_ROWS:-5000}"
MIN_POINTS="${BENCH_MIN_POINTS:-5}"
BUDGET_SECONDS=330
BENCH_DLL="$HERE/DiscoveryBench/bin/Release/net10.0/DiscoveryBench.dll"

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Cleanup: the step running now, the watchdog, and the run directory.
RUN="$(mktemp -d /tmp/discovery-bench.XXXXXX)"
# step() and STEP, the pid of the step running now.
source "$REPO/bench/steps.sh"
WATCHDOG=""
cleanup() {
  if [[ -n "$STEP" ]]; then kill -TERM "$STEP" 2>/dev/null || true; wait "$STEP" 2>/dev/null || true; fi
  if [[ -n "$WATCHDOG" ]]; then kill "$WATCHDOG" 2>/dev/null || true; wait "$WATCHDOG" 2>/dev/null || true; fi
  if [[ -z "${BENCH_KEEP_RUN:-}" ]]; then rm -rf "$RUN"; else log "run.sh: results kept in $RUN"; fi
}
trap cleanup EXIT
trap 'log "run.sh: interrupted"; exit 130' INT TERM

# The same for one of our strategies: failing or running out of time leaves its figures n/a and the run goes on.
# Its timeout is also cut to what the budget leaves after RESERVE_SECONDS for the steps after it (the peers' DBSCAN
# and the scoring), so a slow strategy costs its own figures, not the whole run's.
RESERVE_SECONDS=60
ours() {
  local seconds="$1" out="$2" rc=0 left; shift 2
  left=$((BUDGET_SECONDS - (SECONDS - MEASURE_START) - RESERVE_SECONDS))
  ((left < seconds)) && seconds=$left
  if ((seconds <= 0)); then log "run.sh: no time left in the budget, its figures are n/a: $*"; return; fi
  timeout "$seconds" "$@" >>"$out" &
  STEP=$!
  wait "$STEP" || rc=$?
  STEP=""
  if ((rc == 124)); then log "run.sh: over ${seconds}s, its figures are n/a: $*";
  elif ((rc != 0)); then log "run.sh: failed (exit $rc), its figures are n/a: $*"; fi
}

# ---------------------------------------------------------------------------------------------
# Prerequisites, so the script works on a fresh machine.
source "$REPO/scripts/prerequisites.sh"
export PREREQ_TIMEOUT=150
require_dotnet
apt_install dataset-fashion-mnist python3-numpy python3-sklearn

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building DiscoveryBench (Release)"
  timeout 240 dotnet build -c Release -nologo -v quiet "$HERE/DiscoveryBench/DiscoveryBench.csproj" >&2 || die "build failed"
fi
[[ -f "$BENCH_DLL" ]] || die "missing $BENCH_DLL (build first)"

# Every step has its own timeout; the watchdog stops the whole script if they add up to more than the budget. It
# starts after the build (bounded on its own): a cold Release build on a loaded machine can take minutes, and the
# budget is for the measured steps.
source "$REPO/bench/watchdog.sh"
watchdog "$BUDGET_SECONDS" &
WATCHDOG=$!
MEASURE_START=$SECONDS

# ---------------------------------------------------------------------------------------------
# One step at a time: every side has the machine's cores to itself while it is timed.
FIGURES="$RUN/figures.txt"
get() { sed -n "s/^$1=//p" "$FIGURES" | tail -1; }
BENCH=(dotnet "$BENCH_DLL" --dataset "$DATASET" --out "$RUN")
SK=("$PY" "$HERE/sklearn_bench.py")
COMMON=(--dataset "$DATASET" --out "$RUN")

# The peers first, then ours: a slow strategy of ours can then only cost its own figures (see ours()).
log "k-means: scikit-learn (lloyd, n_init=$N_INIT, max_iter=$MAX_ITER)"
step 150 "$FIGURES" "${SK[@]}" kmeans "${COMMON[@]}" --n-init "$N_INIT" --max-iter "$MAX_ITER"
log "k-means: ML.NET"
step 90 "$FIGURES" "${BENCH[@]}" --run mlnet --max-iter "$MAX_ITER"
log "Ward on the first $ROWS images: scikit-learn"
step 90 "$FIGURES" "${SK[@]}" ward "${COMMON[@]}" --rows "$ROWS"
log "k-means: ours"
ours 120 "$FIGURES" "${BENCH[@]}" --run kmeans --n-init "$N_INIT" --max-iter "$MAX_ITER"
log "Ward on the first $ROWS images: ours"
ours 90 "$FIGURES" "${BENCH[@]}" --run ward --rows "$ROWS"
log "DBSCAN on the first $ROWS images: ours (epsilon from our knee), then scikit-learn with the same epsilon"
ours 90 "$FIGURES" "${BENCH[@]}" --run dbscan --rows "$ROWS" --min-points "$MIN_POINTS"
KNEE_EPS="$(get ours_dbscan_knee_epsilon)"
TIGHT_EPS="$(get ours_dbscan_tight_epsilon)"
# Without our epsilon, scikit-learn's side still runs, at its own knee, so its figures show.
step 90 "$FIGURES" "${SK[@]}" dbscan "${COMMON[@]}" --rows "$ROWS" --min-samples "$MIN_POINTS" \
  --run "knee=${KNEE_EPS:-auto}" ${TIGHT_EPS:+--run "tight=$TIGHT_EPS"}
log "hybrid (MaxDomains 16) on all images: ours"
RESERVE_SECONDS=20
ours 150 "$FIGURES" "${BENCH[@]}" --run hybrid --max-domains 16
log "scoring every labelling"
step 60 "$FIGURES" "${SK[@]}" score "${COMMON[@]}" --vs ours_kmeans:sklearn_kmeans --vs mlnet_kmeans:sklearn_kmeans \
  --vs ours_dbscan_knee:sklearn_dbscan_knee --vs ours_dbscan_tight:sklearn_dbscan_tight --vs ours_ward:sklearn_ward

cat "$FIGURES"
# A figure, or n/a when its side did not produce it.
fig() { local v; v="$(get "$1")"; echo "${v:-n/a}"; }
# a / b to the given decimals, or n/a when either is missing.
ratio() {
  awk -v a="$1" -v b="$2" -v p="${3:-3}" 'BEGIN {
    if (a == "n/a" || b == "n/a" || a == "" || b == "" || b + 0 == 0) { print "n/a" } else { printf "%.*f\n", p, a / b } }'
}
for v in sklearn_kmeans_ms sklearn_kmeans_inertia mlnet_kmeans_ms mlnet_kmeans_inertia nmi_sklearn_kmeans; do
  [[ -n "$(get "$v")" ]] || die "no figure for the peer's $v"
done
OURS_MS="$(fig ours_kmeans_ms)"
KMEANS_TIME_RATIO="$(ratio "$OURS_MS" "$(fig sklearn_kmeans_ms)")"
INERTIA_RATIO="$(ratio "$(fig ours_kmeans_inertia)" "$(fig sklearn_kmeans_inertia)" 5)"
MLNET_TIME_RATIO="$(ratio "$OURS_MS" "$(fig mlnet_kmeans_ms)")"
MLNET_INERTIA_RATIO="$(ratio "$(fig mlnet_kmeans_inertia)" "$(fig sklearn_kmeans_inertia)" 5)"
MS_PER_ITERATION="$(fig ours_kmeans_ms_per_iteration)"
# CPU time of every thread over the same call: others' load on the machine inflates it far less than wall time.
KMEANS_CPU_RATIO="$(ratio "$(fig ours_kmeans_cpu_ms)" "$(fig sklearn_kmeans_cpu_ms)")"
MLNET_CPU_RATIO="$(ratio "$(fig ours_kmeans_cpu_ms)" "$(fig mlnet_kmeans_cpu_ms)")"
echo "load average during run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "kmeans_ms ours=$OURS_MS sklearn=$(fig sklearn_kmeans_ms) mlnet=$(fig mlnet_kmeans_ms)" \
  "iterations ours=$(fig ours_kmeans_iterations) sklearn=$(fig sklearn_kmeans_iterations)" \
  "sklearn_ms_per_iteration=$(fig sklearn_kmeans_ms_per_iteration) mlnet_inertia_ratio=$MLNET_INERTIA_RATIO" \
  "kmeans_cpu_ratio=$KMEANS_CPU_RATIO mlnet_cpu_ratio=$MLNET_CPU_RATIO" \
  "ari_ours=$(fig ari_ours_kmeans) ari_sklearn=$(fig ari_sklearn_kmeans) nmi_mlnet=$(fig nmi_mlnet_kmeans)" \
  "dbscan_epsilon=$(fig sklearn_dbscan_knee_epsilon) dbscan_tight_ari_vs_sklearn=$(fig ari_ours_dbscan_tight_vs_sklearn_dbscan_tight)" \
  "ward_ms ours=$(fig ours_ward_ms) sklearn=$(fig sklearn_ward_ms) hybrid_ms=$(fig ours_hybrid_ms)" \
  "hybrid_clusters=$(fig ours_hybrid_clusters) hybrid_noise=$(fig ours_hybrid_noise) hybrid_ari=$(fig ari_ours_hybrid)" \
  "hybrid_cut_ms=$(fig ours_hybrid_cut_ms) hybrid_cut_clusters=$(fig ours_hybrid_cut_clusters) hybrid_cut_nmi=$(fig nmi_ours_hybrid_cut)"
echo "kmeans_time_ratio=$KMEANS_TIME_RATIO kmeans_ms_per_iteration=$MS_PER_ITERATION inertia_ratio=$INERTIA_RATIO" \
  "nmi_ours=$(fig nmi_ours_kmeans) nmi_sklearn=$(fig nmi_sklearn_kmeans) mlnet_time_ratio=$MLNET_TIME_RATIO" \
  "dbscan_ari_vs_sklearn=$(fig ari_ours_dbscan_knee_vs_sklearn_dbscan_knee)" \
  "ward_ari_vs_sklearn=$(fig ari_ours_ward_vs_sklearn_ward) hybrid_nmi=$(fig nmi_ours_hybrid)"
