#!/usr/bin/env bash
# Runs every test: proto lint and each test project. Installs what the tests need first.
# Ends with one line "N passed, N failed, N skipped" summed over everything; exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
source scripts/prerequisites.sh

require_dotnet
# python3-grpcio: a gRPC client nobody here wrote (under /usr/bin/python3); private PostgreSQL and Redis servers; promtool and prometheus for the metrics tests;
# python3-statsmodels: the reference the Rebalancer's Holt-Winters forecasts are checked against.
apt_install python3-grpcio python3-protobuf python3-statsmodels redis-server postgresql prometheus
npm_peers "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$root/.artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0 failed=0 skipped=0

echo "== proto lint (buf)"
if npx --no-install buf lint; then
  passed=$((passed + 1)); echo "buf lint: passed"
else
  failed=$((failed + 1)); echo "buf lint: FAILED"
fi

echo "== build"
if ! dotnet build Microservices.MultiCluster.sln -c Debug -v quiet -nologo; then
  echo "build FAILED"
  echo "$passed passed, $((failed + 1)) failed, $skipped skipped"
  exit 1
fi

for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log" | grep -E '^\s*(Failed|Skipped) |Passed!|Failed!|error' || true
  summary="$(grep -E '(Passed|Failed)!\s+- Failed:' "$results/$name.log" | tail -1)"
  if [[ -z "$summary" ]]; then
    echo "$name: no test summary (crashed or did not build): counted as one failure"
    failed=$((failed + 1))
    continue
  fi
  f="$(sed -E 's/.*Failed:\s+([0-9]+).*/\1/' <<<"$summary")"
  p="$(sed -E 's/.*Passed:\s+([0-9]+).*/\1/' <<<"$summary")"
  s="$(sed -E 's/.*Skipped:\s+([0-9]+).*/\1/' <<<"$summary")"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [[ $f -gt 0 ]]; then
    # The message and the first lines of the stack of each failure, so a CI log says what broke, not only where.
    echo "-- failures in $name (whole log: $results/$name.log)"
    awk '/^  Failed /{n=30} n-- > 0' "$results/$name.log"
  fi
done

echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
