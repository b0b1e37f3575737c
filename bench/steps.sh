#!/usr/bin/env bash
# Sourced by bench/*/run.sh: `step SECONDS FILE CMD…` runs one step in the background (so the caller's EXIT trap can
# stop it: its pid is in STEP while it runs), bounded by a timeout, stdout appended to FILE; a failure or timeout
# ends the script through the caller's die().

STEP=""
step() {
  local seconds="$1" out="$2"; shift 2
  timeout "$seconds" "$@" >>"$out" &
  STEP=$!
  wait "$STEP" || die "step failed or timed out: $*"
  STEP=""
}
