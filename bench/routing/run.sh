#!/usr/bin/env bash
# Routing on real data: does sending each query to the few domains that can answer it lose almost nothing, and pay?
# RoutingBench starts the whole mesh as processes (Release builds): the test infrastructure's private PostgreSQL and
# Redis, four LocalClusters local-a (default) .. local-d, Discovery, Specialization and the Orchestrator, and a fifth
# LocalCluster, "direct", that no service knows. On Fashion-MNIST (60,000 train images, 784 pixels / 255, Euclid,
# as the Orchestrator's end-to-end tests) it
#   upserts every point through the Orchestrator (UpsertStream: "unassigned", no domains yet), runs Discovery's
#   k-means (k = BENCH_DOMAINS, fixed seed), SpecializeCluster over the four clusters, waits until the Orchestrator
#   serves the table with "unassigned" split into the domains (every point in its domain) and has calibrated its
#   adaptive margin (recall target 0.99) on that map; loads the 60,000 points into one collection on "direct";
#   trains ML_BASED fusion (the Orchestrator restarted with every search replayed exhaustively, BENCH_TRAINING
#   searches over the 4 nearest domains, until fusion_models holds a model), then restarts it without sampling and
#   searches the first BENCH_QUERIES test images (bypass_cache, limit 10):
#     adaptive (interleaved query by query with the same search on "direct", for the latencies), fixed 1, 2, 3, 4, 8
#     domains (routing.max_domains), 4 domains fused by WEIGHTED_SCORE, ML_BASED and MAX_SCORE, BROADCAST (200);
#     throughput with BENCH_CONCURRENCY in flight, adaptive against BROADCAST (every domain), BENCH_QPS_SECONDS each.
# Before the mesh starts (so its CPU time weighs on no latency), routing_peer.py computes the exhaustive top 10 of
# every query (FAISS IndexFlatL2) and measures the peer IndexIVFFlat (nlist 16, trained on the same 60,000 points) at
# nprobe 1..8; after, it scores every answer against the exhaustive ones and prints the tables and, last,
#   recall_at_10=… probed_fraction=… faiss_ivf_recall_same_fraction=… p50_ratio_vs_direct=… p99_ratio_vs_direct=…
#   qps_ratio_vs_fanout=… ndcg_ml_based=… ndcg_weighted=… (then extra figures)
# See README.md.
#
# Knobs (environment): BENCH_QUERIES (1000), BENCH_DOMAINS (16), BENCH_SEED (7), BENCH_SAMPLE (Discovery's sample,
# 10000), BENCH_TRAINING (150), BENCH_QPS_SECONDS (20), BENCH_CONCURRENCY (16), BENCH_CONFIGURATION (Release; Debug
# reuses the test builds), BENCH_SKIP_BUILD=1 (reuse the last build), BENCH_KEEP_RUN=1 (keep the answers and figures).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DATASET=/usr/share/datasets/fashion-mnist
PY=/usr/bin/python3
CONFIGURATION="${BENCH_CONFIGURATION:-Release}"
QUERIES="${BENCH_QUERIES:-1000}"
BENCH_DLL="$HERE/RoutingBench/bin/$CONFIGURATION/net10.0/RoutingBench.dll"
BUDGET_SECONDS=2100

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Cleanup: the step running now (RoutingBench stops every process it started when it ends, and the test
# infrastructure's watchdogs stop them if it is killed), the watchdog, and the run directory.
RUN="$(mktemp -d /tmp/routing-bench.XXXXXX)"
source "$REPO/bench/steps.sh"
WATCHDOG=""
cleanup() {
  if [[ -n "$STEP" ]]; then kill -TERM "$STEP" 2>/dev/null || true; wait "$STEP" 2>/dev/null || true; fi
  if [[ -n "$WATCHDOG" ]]; then kill "$WATCHDOG" 2>/dev/null || true; wait "$WATCHDOG" 2>/dev/null || true; fi
  if [[ -z "${BENCH_KEEP_RUN:-}" ]]; then rm -rf "$RUN"; else log "run.sh: results kept in $RUN"; fi
}
trap cleanup EXIT
trap 'log "run.sh: interrupted"; exit 130' INT TERM
source "$REPO/bench/watchdog.sh"
watchdog "$BUDGET_SECONDS" &
WATCHDOG=$!

# ---------------------------------------------------------------------------------------------
source "$REPO/scripts/prerequisites.sh"
export PREREQ_TIMEOUT=150
require_dotnet
apt_install dataset-fashion-mnist postgresql redis-server python3-faiss python3-sklearn python3-numpy

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building RoutingBench, Discovery, Specialization, the Orchestrator and LocalCluster ($CONFIGURATION)"
  timeout 420 dotnet build -c "$CONFIGURATION" -nologo -v quiet "$HERE/RoutingBench/RoutingBench.csproj" >&2 || die "build failed"
fi
[[ -f "$BENCH_DLL" ]] || die "missing $BENCH_DLL (build first)"

# ---------------------------------------------------------------------------------------------
FIGURES="$RUN/figures.txt"
log "FAISS: exhaustive top 10 of every query (IndexFlatL2), IndexIVFFlat nlist 16 at nprobe 1..8 (about 3 min on a busy 2-core machine)"
step 900 /dev/null "$PY" "$HERE/routing_peer.py" peer --dataset "$DATASET" --out "$RUN" --queries "$QUERIES"
log "running the mesh (progress below; the machine's load shows in every latency and throughput figure)"
step 900 "$FIGURES" dotnet "$BENCH_DLL" "$RUN" "$QUERIES" "${BENCH_DOMAINS:-16}" "${BENCH_SEED:-7}" \
  "${BENCH_SAMPLE:-10000}" "${BENCH_TRAINING:-150}" "${BENCH_QPS_SECONDS:-20}" "${BENCH_CONCURRENCY:-16}"
grep -v '=' "$FIGURES" || true
log "scoring every answer against the exhaustive top 10"
step 60 "$RUN/report.txt" "$PY" "$HERE/routing_peer.py" report --dataset "$DATASET" --out "$RUN" --queries "$QUERIES"
cat "$RUN/report.txt"
