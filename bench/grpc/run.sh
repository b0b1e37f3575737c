#!/usr/bin/env bash
# Unary gRPC throughput of our fully configured host against two peers, in one run:
#   ours     GrpcBench ours: bench.v1.EchoService/Echo on a host built as the services build theirs
#            (ServiceDefaults: Grpc.AspNetCore with API-key auth on, RPC metrics, tracing, health, reflection)
#   bare     GrpcBench bare: the same service on a bare Grpc.AspNetCore host (AddGrpc, MapGrpcService, nothing else)
#   grpcjs   grpcjs-server.js: the same service on @grpc/grpc-js
# h2load drives each in turn with the same settings and the same request (an x-api-key header on every call, which
# only ours checks): unary calls, 1 KB payload each way.
# See README.md for what is measured and why these settings. The last line printed is
#   ours_rps=… bare_rps=… grpcjs_rps=… ratio_vs_bare=… ratio_vs_grpcjs=…
#
# Knobs (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 3, before every measured run),
# BENCH_FIRST_WARMUP (s, 10, once per server before the first round), BENCH_ROUNDS (2),
# BENCH_CLIENTS (h2load -c, 16), BENCH_STREAMS (-m, 32), BENCH_THREADS (-t, 1), BENCH_SIZE (payload bytes, 1024),
# BENCH_KESTREL_ARGS (extra GrpcBench options for ours and bare, e.g. "--max-streams 200"),
# BENCH_SKIP_BUILD=1 (reuse the last build), BENCH_BIN=/path/GrpcBench.dll (a prebuilt GrpcBench, e.g. one
# built from another tree, to A/B a change). DOTNET_* variables (DOTNET_gcServer=1, DOTNET_TieredPGO=0, …)
# reach both .NET servers unchanged.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-3}"
FIRST_WARMUP="${BENCH_FIRST_WARMUP:-10}"
ROUNDS="${BENCH_ROUNDS:-2}"
CLIENTS="${BENCH_CLIENTS:-16}"
STREAMS="${BENCH_STREAMS:-32}"
THREADS="${BENCH_THREADS:-1}"
SIZE="${BENCH_SIZE:-1024}"
read -r -a KESTREL_ARGS <<<"${BENCH_KESTREL_ARGS:-}"
BUDGET_SECONDS=290
METHOD_PATH="/bench.v1.EchoService/Echo"
SERVERS=(ours bare grpcjs)
# The key GrpcBench ours accepts (BenchServer.ApiKey): ours runs with auth on, as the services do.
API_KEY="grpc-bench-admin-key-0123456789abcdef"

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Cleanup: every server this script started, and the time-budget watchdog.
declare -A PID=() PORT=() CONTROL=()
WATCHDOG=""
RUN=""
cleanup() {
  local pid
  for pid in "${PID[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PID[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PID=()
  if [[ -n "$WATCHDOG" ]]; then kill "$WATCHDOG" 2>/dev/null || true; wait "$WATCHDOG" 2>/dev/null || true; fi
  if [[ -n "$RUN" && -z "${BENCH_KEEP_RUN:-}" ]]; then rm -rf "$RUN"; fi
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
export PREREQ_TIMEOUT=120
apt_install nghttp2-client
command -v node >/dev/null || die "node is required (the @grpc/grpc-js peer)"
require_dotnet
npm_peers "$REPO"

# ---------------------------------------------------------------------------------------------
# Build (Release). Output goes to bench/grpc/.build (--artifacts-path), never into the projects' own
# bin/obj, so a build here cannot collide with another build of the tree.
BUILD="$HERE/.build"
BIN="${BENCH_BIN:-$BUILD/bin/GrpcBench/release/GrpcBench.dll}"
if [[ -n "${BENCH_BIN:-}" ]]; then
  [[ -f "$BIN" ]] || die "BENCH_BIN=$BIN does not exist"
  log "using the prebuilt $BIN (BENCH_BIN)"
elif [[ -z "${BENCH_SKIP_BUILD:-}" || ! -f "$BIN" ]]; then
  log "building GrpcBench (Release)…"
  timeout 200 dotnet build "$HERE/GrpcBench/GrpcBench.csproj" -c Release --artifacts-path "$BUILD" -nologo -v quiet >&2 \
    || die "build failed"
fi

RUN="$(mktemp -d "${TMPDIR:-/tmp}/grpc-bench.XXXXXX")"
BODY="$RUN/request.bin"
dotnet "$BIN" body --out "$BODY" --size "$SIZE"
# One framed message: 5-byte prefix, then field 1 (tag, varint length, SIZE bytes). The response is
# framed the same way, so every succeeded call brings back FRAMED bytes of DATA.
FRAMED=$(stat -c %s "$BODY")
(( FRAMED > SIZE + 5 )) || die "request body has $FRAMED bytes, expected a framed ${SIZE}-byte payload"

# ---------------------------------------------------------------------------------------------
# Servers. Each binds a free port itself (port 0) and prints "listening <port> [control <port>]".
start_server() {
  local name=$1; shift
  "$@" >"$RUN/$name.out" 2>"$RUN/$name.err" &
  PID[$name]=$!
  for _ in $(seq 300); do
    if grep -q '^listening ' "$RUN/$name.out" 2>/dev/null; then
      # ours also writes its JSON logs to stdout: the line that counts is the one starting "listening".
      read -r _ PORT[$name] _ CONTROL[$name] < <(grep -m1 '^listening ' "$RUN/$name.out")
      return 0
    fi
    kill -0 "${PID[$name]}" 2>/dev/null || { cat "$RUN/$name.err" >&2; die "$name exited before listening"; }
    sleep 0.1
  done
  die "$name did not listen within 30 s"
}

# GET /stats on a .NET server's HTTP/1.1 control port (plain bash, no client needed).
stats() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  reply="$(timeout 10 cat <&3)"
  exec 3<&- 3>&-
  grep -o 'allocated_bytes=[0-9]* calls=[0-9]*.*' <<<"$reply" | tr -d '\r' \
    || die "control endpoint on port $1 answered no stats"
}
stat_field() { grep -o "$2=[0-9]*" <<<"$1" | cut -d= -f2; }

start_server ours dotnet "$BIN" ours "${KESTREL_ARGS[@]}"
start_server bare dotnet "$BIN" bare "${KESTREL_ARGS[@]}"
start_server grpcjs node "$HERE/grpcjs-server.js"

# ---------------------------------------------------------------------------------------------
# Sample calls: each server must answer a real gRPC client with grpc-status 0 and the payload sent,
# and the exact h2load request (same body file, same headers) must end with a grpc-status 0 trailer.
for name in "${SERVERS[@]}"; do
  port=${PORT[$name]}
  timeout 20 node "$HERE/check-client.js" --port "$port" --size "$SIZE" --key "$API_KEY" >"$RUN/check.$name" 2>&1 \
    || { cat "$RUN/check.$name" >&2; die "$name: sample call through @grpc/grpc-js failed"; }
  timeout 20 nghttp -nv -d "$BODY" -H 'content-type: application/grpc' -H 'te: trailers' -H "x-api-key: $API_KEY" \
    "http://127.0.0.1:$port$METHOD_PATH" >"$RUN/nghttp.$name" 2>&1 || true
  grep -aq "recv (stream_id=[0-9]*) :status: 200" "$RUN/nghttp.$name" \
    && grep -aq "recv (stream_id=[0-9]*) grpc-status: 0" "$RUN/nghttp.$name" \
    || { cat "$RUN/nghttp.$name" >&2; die "$name: the h2load request did not end with :status 200 and trailer grpc-status 0"; }
  log "$name: $(cat "$RUN/check.$name"); nghttp: :status 200, trailer grpc-status: 0"
done

# ---------------------------------------------------------------------------------------------
# Load. One h2load process (-t 1) against one server at a time; the other servers sit idle.
H2LOAD=(h2load -c "$CLIENTS" -m "$STREAMS" -t "$THREADS" -d "$BODY" -H 'content-type: application/grpc' -H 'te: trailers' -H "x-api-key: $API_KEY")

# h2load NAME SECONDS OUTFILE
load() {
  timeout $(($2 + 30)) "${H2LOAD[@]}" -D "$2" "http://127.0.0.1:${PORT[$1]}$METHOD_PATH" >"$3" 2>&1 \
    || { cat "$3" >&2; die "$1: h2load failed"; }
}

# Every request of a run must have succeeded: none failed, errored or timed out, every one done
# succeeded, no non-2xx status. (With -D, 2xx may exceed succeeded by the calls still in flight when
# the time ran out: their headers arrived, their trailers did not; h2load counts them as neither.)
# h2load cannot see grpc-status (a trailer): a server answering every call with an error trailer
# still counts as 200 OK. So the response DATA must also add up to one framed 1 KB message per
# succeeded call (a trailers-only error carries no DATA), and for our two .NET servers the
# server-side count of completed echo calls is checked below.
check_run() {
  local name=$1 out=$2 total started done ok failed errored timedout s2 s3 s4 s5 data
  read -r total started done ok failed errored timedout < <(awk '/^requests:/ {print $2, $4, $6, $8, $10, $12, $14}' "$out")
  read -r s2 s3 s4 s5 < <(awk '/^status codes:/ {print $3, $5, $7, $9}' "$out")
  data="$(sed -n 's/^traffic:.*(\([0-9]*\)) data.*/\1/p' "$out")"
  [[ -n "${ok:-}" && -n "${s2:-}" && -n "$data" ]] || { cat "$out" >&2; die "$name: cannot read h2load's summary"; }
  if (( ok == 0 || ok != done || failed != 0 || errored != 0 || timedout != 0 || s3 != 0 || s4 != 0 || s5 != 0 || s2 < ok )); then
    cat "$out" >&2
    die "$name: not every request succeeded (done $done, succeeded $ok, failed $failed, errored $errored, timeout $timedout, 2xx $s2, 3xx $s3, 4xx $s4, 5xx $s5)"
  fi
  if (( data < ok * FRAMED )); then
    cat "$out" >&2
    die "$name: $ok calls succeeded but only $data response DATA bytes came back (expected at least $((ok * FRAMED))): some calls answered without a message"
  fi
  echo "$ok"
}

# First contact: a fresh .NET process needs more than a few seconds of load before its numbers settle
# (tier-1 JIT with PGO compiles in the background, and the GC is still sizing its budgets: early runs
# showed almost every collection being gen1). Without this, round 1 came out 15-80 % below round 2.
log "first warm-up: ${FIRST_WARMUP}s per server"
for name in "${SERVERS[@]}"; do
  load "$name" "$FIRST_WARMUP" "$RUN/first-warmup.$name"
  check_run "$name" "$RUN/first-warmup.$name" >/dev/null
done

declare -A BEST=() ALLOC=() ROUNDS_TEXT=()
for name in "${SERVERS[@]}"; do BEST[$name]=0; ROUNDS_TEXT[$name]=""; done

log "h2load: -D ${DURATION}s (after ${WARMUP}s warm-up) -c $CLIENTS -m $STREAMS -t $THREADS, ${SIZE}-byte payload, $ROUNDS round(s)"
for round in $(seq "$ROUNDS"); do
  # Alternate the order so a slow phase of the shared box does not always hit the same server.
  order=("${SERVERS[@]}")
  (( round % 2 == 0 )) && order=(grpcjs bare ours)
  for name in "${order[@]}"; do
    load "$name" "$WARMUP" "$RUN/warmup.$name.$round"
    check_run "$name" "$RUN/warmup.$name.$round" >/dev/null
    sleep 0.3 # let the warm-up's cancelled in-flight calls finish before the first snapshot
    before=""; [[ -n "${CONTROL[$name]:-}" ]] && before="$(stats "${CONTROL[$name]}")"
    out="$RUN/h2load.$name.$round"
    load "$name" "$DURATION" "$out"
    ok="$(check_run "$name" "$out")"
    rps="$(awk '/^finished in/ {gsub(",", "", $4); print $4}' "$out")"
    line="$(printf '%-8s round %d: %10.1f req/s  (%d succeeded, 0 failed)' "$name" "$round" "$rps" "$ok")"
    alloc=""
    if [[ -n "$before" ]]; then
      sleep 0.3
      after="$(stats "${CONTROL[$name]}")"
      calls=$(( $(stat_field "$after" calls) - $(stat_field "$before" calls) ))
      bytes=$(( $(stat_field "$after" allocated_bytes) - $(stat_field "$before" allocated_bytes) ))
      (( calls >= ok )) || die "$name: server completed $calls calls but h2load saw $ok succeed"
      alloc=$(( bytes / calls ))
      gcs="gen0 +$(( $(stat_field "$after" gen0) - $(stat_field "$before" gen0) )), gen1 +$(( $(stat_field "$after" gen1) - $(stat_field "$before" gen1) )), gen2 +$(( $(stat_field "$after" gen2) - $(stat_field "$before" gen2) ))"
      line+="$(printf '  alloc %d B/call over %d server calls (GCs: %s)' "$alloc" "$calls" "$gcs")"
    fi
    log "$line"
    ROUNDS_TEXT[$name]+=" $(printf '%.0f' "$rps")"
    if awk -v a="$rps" -v b="${BEST[$name]}" 'BEGIN { exit !(a > b) }'; then
      BEST[$name]=$rps
      ALLOC[$name]=$alloc
    fi
  done
done

# ---------------------------------------------------------------------------------------------
# Results: one line per server (best of the rounds), the targets, then the summary line (last).
grpcjs_version="$(node -p "require('$REPO/node_modules/@grpc/grpc-js/package.json').version")"
printf '%-8s %-46s best %8.0f req/s  (rounds:%s)  alloc %s B/call\n' ours "(ServiceDefaults host, GrpcBench ours)" "${BEST[ours]}" "${ROUNDS_TEXT[ours]}" "${ALLOC[ours]}"
printf '%-8s %-46s best %8.0f req/s  (rounds:%s)  alloc %s B/call\n' bare "(bare Grpc.AspNetCore, GrpcBench bare)" "${BEST[bare]}" "${ROUNDS_TEXT[bare]}" "${ALLOC[bare]}"
printf '%-8s %-46s best %8.0f req/s  (rounds:%s)\n' grpcjs "(@grpc/grpc-js $grpcjs_version, node $(node --version))" "${BEST[grpcjs]}" "${ROUNDS_TEXT[grpcjs]}"
awk -v o="${BEST[ours]}" -v b="${BEST[bare]}" -v j="${BEST[grpcjs]}" 'BEGIN {
  printf "targets: ours >= 0.85x bare: %s (%.2fx); ours >= 2x grpc-js: %s (%.2fx)\n",
    (o >= 0.85 * b ? "met" : "NOT met"), o / b, (o >= 2 * j ? "met" : "NOT met"), o / j
  printf "ours_rps=%.0f bare_rps=%.0f grpcjs_rps=%.0f ratio_vs_bare=%.2f ratio_vs_grpcjs=%.2f\n", o, b, j, o / b, o / j }'
