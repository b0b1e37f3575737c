#!/usr/bin/env bash
# Automatic rebalancing under a shifting, skewed load: is the busiest cluster brought back near the mean, without
# moving domains back and forth, and does the forecast beat the naive one?
# RebalancingBench starts the whole mesh as processes (Release builds): the test infrastructure's private PostgreSQL
# and Redis, four LocalClusters local-a (default) .. local-d, Discovery, Specialization, the Orchestrator and the
# Rebalancer. It upserts BENCH_POINTS Fashion-MNIST train images through the Orchestrator, has Discovery's k-means
# find BENCH_DOMAINS domains and Specialization place them and split "unassigned", then searches through the
# Orchestrator at BENCH_QPS queries/s (test images of the domain drawn by a Zipf law, s = 1, whose ranking shifts
# with each of the BENCH_PHASES phases of a BENCH_DAY_SECONDS-second day, the same every day) for BENCH_DAYS days.
# Day 0 runs without automatic rebalancing; it is switched on at the start of day 1. Every 5 s it reads each
# cluster's request rate from the Rebalancer's analysis (max/mean); every 10 s it asks for a forecast, as a
# dashboard would (each is scored when its time comes). The last line printed is
#   load_ratio_before=… load_ratio_after=… moves=… bytes_moved=… flaps=… mape=… mape_naive=… (then context)
# before = mean max/mean over day 0, after = over the last day; flaps = domains moved again within their cooldown;
# mape = the request-rate forecasts' MAPE (%), mape_naive = the last-value forecast's on the same targets.
#
# Knobs (environment): BENCH_POINTS (16000), BENCH_DOMAINS (16), BENCH_QPS (60), BENCH_DAY_SECONDS (240),
# BENCH_DAYS (5: Holt-Winters needs two days of history before its season counts), BENCH_PHASES (4), BENCH_CONFIGURATION (Release; Debug reuses the test builds),
# BENCH_SKIP_BUILD=1 (reuse the last build).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CONFIGURATION="${BENCH_CONFIGURATION:-Release}"
BENCH_DLL="$HERE/RebalancingBench/bin/$CONFIGURATION/net10.0/RebalancingBench.dll"
DAY="${BENCH_DAY_SECONDS:-240}"
DAYS="${BENCH_DAYS:-5}"
BUDGET_SECONDS=$((DAY * DAYS + 900))

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

RUN="$(mktemp -d /tmp/rebalancing-bench.XXXXXX)"
source "$REPO/bench/steps.sh"
cleanup() {
  if [[ -n "$STEP" ]]; then kill -TERM "$STEP" 2>/dev/null || true; wait "$STEP" 2>/dev/null || true; fi
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'log "run.sh: interrupted"; exit 130' INT TERM

source "$REPO/scripts/prerequisites.sh"
export PREREQ_TIMEOUT=150
require_dotnet
apt_install dataset-fashion-mnist postgresql redis-server

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  log "building RebalancingBench, the four services and LocalCluster ($CONFIGURATION)"
  timeout 900 dotnet build -c "$CONFIGURATION" -nologo -v quiet "$HERE/RebalancingBench/RebalancingBench.csproj" >&2 || die "build failed"
fi
[[ -f "$BENCH_DLL" ]] || die "missing $BENCH_DLL (build first)"

log "running (progress below; the machine's load shows in the latencies the Orchestrator reports)"
step "$BUDGET_SECONDS" "$RUN/out" dotnet "$BENCH_DLL" "${BENCH_POINTS:-16000}" "${BENCH_DOMAINS:-16}" "${BENCH_QPS:-60}" "$DAY" "$DAYS" "${BENCH_PHASES:-4}"
cat "$RUN/out"
