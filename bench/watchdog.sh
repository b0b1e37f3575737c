#!/usr/bin/env bash
# Sourced by bench/*/run.sh: `watchdog SECONDS &` stops the whole script (its EXIT trap then cleans up)
# once the time budget is spent, however the bounded steps inside it add up. Uses the caller's log().

watchdog() {
  local budget="$1" sleeper
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  sleep "$budget" </dev/null >/dev/null 2>&1 &
  sleeper=$!
  wait "$sleeper"
  log "run.sh: time budget of ${budget}s exceeded"
  kill -TERM $$
}
