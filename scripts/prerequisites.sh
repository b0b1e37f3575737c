#!/usr/bin/env bash
# Installs what the product, its tests and its benchmarks need on a fresh Debian machine; idempotent.
# Sourced by run.sh, test.sh and bench/*/run.sh. PREREQ_TIMEOUT (seconds) bounds each apt-get and npm call;
# unset, they run unbounded (timeout 0).

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "installing Debian packages: ${missing[*]}" >&2
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    timeout "${PREREQ_TIMEOUT:-0}" $sudo apt-get update -qq >/dev/null
    if ! DEBIAN_FRONTEND=noninteractive timeout "${PREREQ_TIMEOUT:-0}" $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
      echo "error: apt-get could not install ${missing[*]}" >&2
      exit 1
    fi
  fi
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET SDK 10 is not on PATH. Install it (https://dot.net) and run again." >&2
    exit 1
  fi
}

# Node peers (grpc-js, reflection client, buf): reinstalled when package-lock.json changes.
npm_peers() {
  local root="$1"
  if ! command -v node >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  if [[ ! -d "$root/node_modules" || "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]]; then
    echo "installing npm peers (npm ci)" >&2
    if ! (cd "$root" && timeout "${PREREQ_TIMEOUT:-0}" npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
      echo "error: npm ci failed in $root (see above); the tests need these peers." >&2
      exit 1
    fi
  fi
}
