#!/usr/bin/env bash
# Exact top-10 search on Fashion-MNIST (60,000 train images indexed, the first BENCH_QUERIES test images as
# queries, 784 dims, raw pixel values 0..255 as float32, Euclid / L2), LocalCluster paired with FAISS in one run:
#   faiss    faiss_bench.py: IndexFlatL2, one query per search call, faiss.omp_set_num_threads(1)
#   inproc   SearchBench --mode inproc under DOTNET_PROCESSOR_COUNT=1: VectorCollection.Search called directly,
#            one thread, sequential, the engine confined to one core (the same footing as FAISS's figure)
#   engine   SearchBench in-process again with every core (the engine splits each scan across cores)
#   rest     SearchBench --mode rest: a LocalCluster process, upsert in batches of BENCH_BATCH with wait=true,
#            then POST /collections/{c}/points/search from 1 and from BENCH_CLIENTS concurrent clients
# then recall@10 of every LocalCluster answer against FAISS's (ties within 1e-3 relative count as correct).
# See README.md. The last line printed is
#   local_qps=… faiss_qps=… ratio=… inproc_qps=… upsert_pps=… recall_at_10=…
# with ratio = inproc_qps / faiss_qps and local_qps the REST figure with BENCH_CLIENTS clients.
#
# Knobs (environment): BENCH_QUERIES (default 1000), BENCH_CLIENTS (4), BENCH_BATCH (1000),
# BENCH_SKIP_BUILD=1 (reuse the last Release build), BENCH_KEEP_RUN=1 (keep the result files).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DATASET=/usr/share/datasets/fashion-mnist
PY=/usr/bin/python3
QUERIES="${BENCH_QUERIES:-1000}"
CLIENTS="${BENCH_CLIENTS:-4}"
BATCH="${BENCH_BATCH:-1000}"
BUDGET_SECONDS=340
BENCH_DLL="$HERE/SearchBench/bin/Release/net10.0/SearchBench.dll"
SERVER_DLL="$REPO/tools/LocalCluster/bin/Release/net10.0/LocalCluster.dll"

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Cleanup: the LocalCluster node SearchBench started (its pid is in node.pid), the step running now,
# the watchdog, and the run directory.
RUN="$(mktemp -d /tmp/search-bench.XXXXXX)"
# step() and STEP, the pid of the step running now.
source "$REPO/bench/steps.sh"
WATCHDOG=""
cleanup() {
  local pid
  if [[ -n "$STEP" ]]; then kill -TERM "$STEP" 2>/dev/null || true; wait "$STEP" 2>/dev/null || true; fi
  if [[ -f "$RUN/node.pid" ]]; then
    pid="$(cat "$RUN/node.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [[ -n "$WATCHDOG" ]]; then kill "$WATCHDOG" 2>/dev/null || true; wait "$WATCHDOG" 2>/dev/null || true; fi
  if [[ -z "${BENCH_KEEP_RUN:-}" ]]; then rm -rf "$RUN"; else log "run.sh: results kept in $RUN"; fi
}
trap cleanup EXIT
trap 'log "run.sh: interrupted"; exit 130' INT TERM
# Every step has its own timeout; the watchdog stops the whole script if they add up to more than the budget.
source "$REPO/bench/watchdog.sh"
watchdog "$BUDGET_SECONDS" &
WATCHDOG=$!

# ---------------------------------------------------------------------------------------------
# Prerequisites, so the script works on a fresh machine.
source "$REPO/scripts/prerequisites.sh"
export PREREQ_TIMEOUT=150
require_dotnet
apt_install dataset-fashion-mnist python3-numpy python3-faiss

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building SearchBench and LocalCluster (Release)"
  timeout 240 dotnet build -c Release -nologo -v quiet "$HERE/SearchBench/SearchBench.csproj" >&2 || die "build failed"
fi
[[ -f "$BENCH_DLL" && -f "$SERVER_DLL" ]] || die "missing $BENCH_DLL or $SERVER_DLL (build first)"

# ---------------------------------------------------------------------------------------------
FIGURES="$RUN/figures.txt"
COMMON=(--dataset "$DATASET" --out "$RUN" --queries "$QUERIES" --batch "$BATCH")
log "faiss: IndexFlatL2, single-query search, 1 OpenMP thread"
step 150 "$FIGURES" "$PY" "$HERE/faiss_bench.py" run --dataset "$DATASET" --out "$RUN" --queries "$QUERIES"
log "LocalCluster in-process, one core (DOTNET_PROCESSOR_COUNT=1)"
step 90 "$FIGURES" env DOTNET_PROCESSOR_COUNT=1 dotnet "$BENCH_DLL" --mode inproc --tag 1core "${COMMON[@]}"
log "LocalCluster in-process (all cores), then REST"
step 150 "$FIGURES" dotnet "$BENCH_DLL" --mode all --server "$SERVER_DLL" --clients "$CLIENTS" \
  --pid-file "$RUN/node.pid" "${COMMON[@]}"
log "recall@10 against FAISS"
step 60 "$FIGURES" "$PY" "$HERE/faiss_bench.py" check --dataset "$DATASET" --out "$RUN" --queries "$QUERIES" \
  inproc_1core.ids inproc.ids rest_1client.ids rest.ids grpc.ids

cat "$FIGURES"
get() { sed -n "s/^$1=//p" "$FIGURES" | tail -1; }
LOCAL_QPS="$(get local_qps)"
GRPC_QPS="$(get grpc_qps)"
FAISS_QPS="$(get faiss_qps)"
INPROC_QPS="$(get inproc_qps_1core)"
UPSERT_PPS="$(get upsert_pps)"
RECALL="$(get recall_at_10)"
for v in LOCAL_QPS GRPC_QPS FAISS_QPS INPROC_QPS UPSERT_PPS RECALL; do [[ -n "${!v}" ]] || die "no figure for $v"; done
RATIO="$(awk -v a="$INPROC_QPS" -v b="$FAISS_QPS" 'BEGIN { printf "%.2f", a / b }')"
REST_RATIO="$(awk -v a="$LOCAL_QPS" -v b="$FAISS_QPS" 'BEGIN { printf "%.2f", a / b }')"
CPU_RATIO="$(awk -v a="$(get inproc_cpu_ms_per_query_1core)" -v b="$(get faiss_cpu_ms_per_query)" 'BEGIN { printf "%.2f", b / a }')"
echo "cpu-time ratio (faiss_cpu_ms_per_query / inproc_cpu_ms_per_query_1core, insensitive to other load) = $CPU_RATIO"
echo "load average during run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "local_qps / faiss_qps = $LOCAL_QPS / $FAISS_QPS = $REST_RATIO (REST with $CLIENTS clients vs FAISS single-query)"
echo "local_qps=$LOCAL_QPS faiss_qps=$FAISS_QPS ratio=$RATIO inproc_qps=$INPROC_QPS upsert_pps=$UPSERT_PPS recall_at_10=$RECALL grpc_qps=$GRPC_QPS"
