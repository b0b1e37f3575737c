#!/usr/bin/env bash
# Runs the product on one machine with its embedded defaults: installs what is missing, builds,
# starts every service, prints the endpoints. Ctrl-C stops all of it.
#   ./run.sh          the mesh, empty
#   ./run.sh --demo   the mesh, then Fashion-MNIST loaded, its domains found and placed, routed searches checked
# Environment: RUN_DIR (state: databases, cluster data, logs; default .run), RUN_CONFIGURATION (Release),
# RUN_SKIP_BUILD=1 (use the last build, as the tests do).
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
demo=0
for argument in "$@"; do
  case "$argument" in
    --demo) demo=1 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$argument'; ./run.sh takes --demo or --help." >&2; exit 2 ;;
  esac
done

# One copy per checkout: a second would find its ports taken half-way through starting.
# (A pid file rather than flock: the build servers and services this script starts would inherit a lock's descriptor.)
run_dir="${RUN_DIR:-$root/.run}"
configuration="${RUN_CONFIGURATION:-Release}"
mkdir -p "$run_dir"
if other="$(cat "$run_dir/run.pid" 2>/dev/null)" && [[ $other != "$$" ]] && grep -qs 'run\.sh' "/proc/$other/cmdline"; then
  echo "error: ./run.sh is already running on $run_dir (pid $other); use that mesh, or stop it with Ctrl-C in its terminal." >&2
  exit 1
fi
echo $$ >"$run_dir/run.pid"

# Every port the mesh listens on (run.sh's fixed layout): one taken by something else is named before anything starts.
pg_port=15432 redis_port=16379
for port in $pg_port $redis_port 5100 5101 5102 5103 5200 5201 5202 5203 6333 6334 6343 6344 6353 6354; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "error: port $port is taken by another program (see: ss -ltnp 'sport = :$port'); stop it and run again." >&2
    exit 1
  fi
done

source scripts/prerequisites.sh
require_dotnet
packages=(postgresql redis-server)
((demo)) && packages+=(dataset-fashion-mnist)
apt_install "${packages[@]}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ ${RUN_SKIP_BUILD:-} != 1 ]]; then
  echo "building ($configuration)..."
  dotnet build Microservices.MultiCluster.sln -c "$configuration" -v quiet -nologo >/dev/null
fi

logs="$run_dir/logs"
mkdir -p "$logs"
pids=()             # services and clusters
declare -A pid_of   # by name, for wait_ready
pg_pid="" redis_pid=""
# Sends $1 to the processes that follow, waits up to 15 s for them to exit, then kills what is left.
stop_processes() {
  local signal="$1"; shift
  (($#)) || return 0
  kill -s "$signal" "$@" 2>/dev/null || true
  for _ in $(seq 1 150); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  kill -9 "$@" 2>/dev/null || true
  wait "$@" 2>/dev/null || true
}
stop() {
  trap - INT TERM EXIT
  rm -f "$run_dir/run.pid"
  echo; echo "stopping..."
  # Services first, while their PostgreSQL and Redis still answer: in-flight calls and outbox batches finish cleanly.
  stop_processes TERM "${pids[@]}"
  if [[ -n $pg_pid ]]; then
    # Fast shutdown through pg_ctl, which waits for it; the pid is runuser's when run as root, not the server's.
    "${as_postgres[@]}" "$pg_bin/pg_ctl" stop -D "$pgdata" -m fast -w -t 15 >/dev/null 2>&1 || true
    stop_processes INT "$pg_pid"
  fi
  if [[ -n $redis_pid ]]; then stop_processes TERM "$redis_pid"; fi
}
trap stop EXIT
trap 'stop; exit 130' INT TERM

start() {
  local name="$1" project="$2"
  local dll
  dll="$(dirname "$project")/bin/$configuration/net10.0/$(basename "$project" .csproj).dll"
  # Clusters changed at run time (SetClusterConfig) are kept per service, across restarts.
  mkdir -p "$run_dir/data/$name"
  (cd "$(dirname "$project")" && CLUSTERS_OVERRIDES_FILE="$run_dir/data/$name/clusters.overrides.json" exec dotnet "$root/$dll") >"$logs/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
}

# A private PostgreSQL (one database per service, created on first start) and Redis (events, deduplication, cache)
# on the ports config/service-defaults.yaml and services/*/appsettings.json name, so a system server is never touched.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pgdata="$run_dir/postgres"
as_postgres=()
if [[ $(id -u) -eq 0 ]]; then as_postgres=(runuser -u postgres --); fi   # initdb and postgres refuse root
if [[ ! -f "$pgdata/PG_VERSION" ]]; then
  mkdir -p "$pgdata"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$pgdata"; fi
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C >"$logs/postgres-initdb.log" 2>&1 \
    || { echo "error: initdb failed; see $logs/postgres-initdb.log" >&2; exit 1; }
fi
# PostgreSQL and Redis run in sessions of their own, so a Ctrl-C on the terminal reaches only the services: these two
# are stopped after them, by stop().
setsid "${as_postgres[@]}" "$pg_bin/postgres" -D "$pgdata" -p $pg_port -c listen_addresses=127.0.0.1 -c "unix_socket_directories=$pgdata" >"$logs/postgres.log" 2>&1 &
pg_pid=$!
mkdir -p "$run_dir/redis"
# Append-only with an fsync per write: an acknowledged event survives a crash (shared/MultiCluster.Messaging/README.md).
setsid redis-server --port $redis_port --bind 127.0.0.1 --dir "$run_dir/redis" --appendonly yes --appendfsync always --save "" >"$logs/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 100); do
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p $pg_port -U postgres && redis-cli -p $redis_port ping >/dev/null 2>&1 && break
  sleep 0.2
done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p $pg_port -U postgres || { echo "error: PostgreSQL did not start; see $logs/postgres.log" >&2; tail -5 "$logs/postgres.log" >&2; exit 1; }
redis-cli -p $redis_port ping >/dev/null 2>&1 || { echo "error: Redis did not start; see $logs/redis.log" >&2; tail -5 "$logs/redis.log" >&2; exit 1; }

# Services read config/*.yaml. Without keys in the environment, auth is off for this local run only
# (each service says so loudly at start); set Auth__Keys__0__Name/Role/Key to run with it on, and Auth__OutgoingKey
# to a key of role service among them so the services can call each other.
export Service__ConfigDirectory="$root/config"
[[ -n "${Auth__Keys__0__Key:-}" ]] || export Auth__Enabled="${Auth__Enabled:-false}"

# Three local vector clusters (Qdrant's REST and gRPC APIs, tools/LocalCluster), as config/clusters.yaml names them.
start_cluster() {
  local name="$1" port="$2" grpc_port="$3"
  mkdir -p "$run_dir/data/$name"
  dotnet "$root/tools/LocalCluster/bin/$configuration/net10.0/LocalCluster.dll" --port "$port" --grpc-port "$grpc_port" --data "$run_dir/data/$name" >"$logs/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
}
start_cluster local-a 6333 6334
start_cluster local-b 6343 6344
start_cluster local-c 6353 6354

start orchestrator services/Orchestrator/MultiCluster.Orchestrator.csproj
start discovery services/Discovery/MultiCluster.Discovery.csproj
start specialization services/Specialization/MultiCluster.Specialization.csproj
start rebalancer services/Rebalancer/MultiCluster.Rebalancer.csproj

# The lines of a log that say what went wrong (an unhandled exception, error-level JSON lines), else its end.
show_log() {
  local log="$logs/$1.log" problems
  problems="$(grep -m 5 -E 'Unhandled exception|"LogLevel":"(Error|Critical)"' "$log" | cut -c1-600 || true)"
  if [[ -n $problems ]]; then echo "$problems" >&2; else tail -20 "$log" >&2; fi
}
# Ready (/readyz) means the service's database, Redis and default cluster answer; LocalCluster's /readyz likewise.
wait_ready() {
  local name="$1" port="$2" deadline=$((SECONDS + 90))
  while ((SECONDS < deadline)); do
    if curl -fs --max-time 2 "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "${pid_of[$name]}" 2>/dev/null; then
      echo "error: $name exited before it became ready; see $logs/$name.log" >&2
      show_log "$name"
      exit 1
    fi
    sleep 0.2
  done
  echo "error: $name did not become ready on port $port within 90 s; it says: $(curl -s --max-time 2 "http://127.0.0.1:$port/readyz")" >&2
  echo "see $logs/$name.log" >&2
  show_log "$name"
  exit 1
}
wait_ready local-a 6333
wait_ready local-b 6343
wait_ready local-c 6353
wait_ready orchestrator 5200
wait_ready discovery 5201
wait_ready specialization 5202
wait_ready rebalancer 5203

cat <<INFO

Multi-cluster vector library is running (logs in $logs/):
  service          gRPC (h2c)        HTTP/1.1: /healthz /readyz /metrics
  orchestrator     127.0.0.1:5100    http://127.0.0.1:5200/healthz   <- public edge
  discovery        127.0.0.1:5101    http://127.0.0.1:5201/healthz
  specialization   127.0.0.1:5102    http://127.0.0.1:5202/healthz
  rebalancer       127.0.0.1:5103    http://127.0.0.1:5203/healthz
  local-a/b/c      REST http://127.0.0.1:6333, :6343, :6353; gRPC :6334, :6344, :6354 (Qdrant's APIs, data in $run_dir/data/)
  PostgreSQL       127.0.0.1:15432 (databases orchestrator, discovery, specialization, rebalancer; data in $pgdata/)
  Redis            127.0.0.1:16379 (event streams; data in $run_dir/redis/)
Every gRPC port serves grpc.health.v1.Health and server reflection.
Try, in another terminal:  ./mcctl status      (the command-line client; ./mcctl --help lists every command)
Press Ctrl-C to stop.
INFO
if ((demo)); then
  echo
  echo "== demo: Fashion-MNIST through the mesh (tools/Demo; ./run.sh --demo again starts it over)"
  if ! dotnet "$root/tools/Demo/bin/$configuration/net10.0/demo.dll"; then
    echo "the demo did not finish (above: what and where to look); the mesh keeps running." >&2
  fi
  cat <<NEXT

Where to look next:
  the CLI     ./mcctl status fashion-demo; ./mcctl placements fashion-demo; ./mcctl events tail fashion-demo
  metrics     curl -s http://127.0.0.1:5200/metrics | grep '^rpc_server_calls_total'   (Prometheus text; each service on its 520x port)
  traces      set OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://127.0.0.1:4317, a Jaeger all-in-one) before ./run.sh; every call is traced across the services
  logs        $logs/<service>.log (JSON lines)
The mesh is still running with the library "fashion-demo". Press Ctrl-C to stop.
NEXT
fi
wait -n "${pids[@]}" "$pg_pid" "$redis_pid" || true
echo "a process of the mesh exited on its own; see $logs" >&2
exit 1
