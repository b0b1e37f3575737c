#!/usr/bin/env bash
# Verified migration throughput of one domain against raw batched upserts, and a migration under repeated SIGKILLs.
# MigrationBench starts what it needs (the test infrastructure's private PostgreSQL and Redis, two LocalClusters,
# the Specialization host, all Release builds) and, on the first 60,000 Fashion-MNIST train images (784 float32
# pixels / 255, Euclid, payload {"label"}):
#   for each batch size x workers: raw batched upserts of the points into local-b through the services' client
#   (Qdrant.Client via QdrantCluster, wait=true, `workers` pages at once), then a migration of the same points from
#   local-a to local-b timed from MigrateToSpecialization to the routing flip (the cleanup grace excluded);
#   then a 60,000-point migration while the host is SIGKILLed at random moments >= BENCH_KILLS times and started
#   again, checked point by point (lost = source ids missing on the target, duplicated = target points beyond one per
#   source id).
# The last line printed is
#   migrate_pps=… raw_upsert_pps=… ratio=… kills=… lost=… duplicated=… migrate_60k_s=…
# for the fastest configuration (ratio = migrate_pps / raw_upsert_pps of that configuration, same run).
#
# Knobs (environment): BENCH_POINTS (60000), BENCH_KILLS (50), BENCH_CONFIGS (500x2,500x4,500x8,1000x2,1000x4,1000x8),
# BENCH_KILL_BATCH (500), BENCH_KILL_WORKERS (4), BENCH_KILL_MAX_PPS (1000: keeps the kill run going through every
# kill), BENCH_CONFIGURATION (Release; Debug reuses the test builds on a machine too loaded to build Release),
# BENCH_SKIP_BUILD=1 (reuse the last build).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CONFIGURATION="${BENCH_CONFIGURATION:-Release}"
BENCH_DLL="$HERE/MigrationBench/bin/$CONFIGURATION/net10.0/MigrationBench.dll"
BUDGET_SECONDS=1500

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

RUN="$(mktemp -d /tmp/migration-bench.XXXXXX)"
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
  log "building MigrationBench, the Specialization host and LocalCluster ($CONFIGURATION)"
  timeout 900 dotnet build -c "$CONFIGURATION" -nologo -v quiet "$HERE/MigrationBench/MigrationBench.csproj" >&2 || die "build failed"
fi
[[ -f "$BENCH_DLL" ]] || die "missing $BENCH_DLL (build first)"

log "running (the machine's load shows in every figure: raw and migration run back to back, per configuration)"
# Not through step(): a run that lost or duplicated points still prints its figures, then fails.
rc=0
timeout "$BUDGET_SECONDS" dotnet "$BENCH_DLL" "${BENCH_POINTS:-60000}" "${BENCH_KILLS:-50}" \
  "${BENCH_CONFIGS:-500x2,500x4,500x8,1000x2,1000x4,1000x8}" "${BENCH_KILL_BATCH:-500}" "${BENCH_KILL_WORKERS:-4}" \
  "${BENCH_KILL_MAX_PPS:-1000}" >"$RUN/out" &
STEP=$!
wait "$STEP" || rc=$?
STEP=""
cat "$RUN/out"
((rc == 0)) || die "MigrationBench failed (exit $rc): lost or duplicated points, a failed migration, or over ${BUDGET_SECONDS}s"
