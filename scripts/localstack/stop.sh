#!/usr/bin/env bash
# Stops the LocalStack started by start.sh PORT: SIGTERM to its whole process group, SIGKILL after
# LOCALSTACK_STOP_TIMEOUT seconds (default 20). Keeps the log, removes the pid file and the state.
#   scripts/localstack/stop.sh PORT
set -euo pipefail

port="${1:?usage: stop.sh PORT}"
run_dir="${LOCALSTACK_RUN_DIR:-${TMPDIR:-/tmp}/iamkit-localstack-$port}"
timeout="${LOCALSTACK_STOP_TIMEOUT:-20}"
pid_file="$run_dir/localstack.pid"

if [[ ! -f "$pid_file" ]]; then
  echo "no LocalStack started on port $port (no $pid_file)" >&2
  exit 0
fi
pgid="$(cat "$pid_file")"

alive() { kill -0 -- "-$pgid" 2>/dev/null; }

if alive; then
  kill -TERM -- "-$pgid" 2>/dev/null || true
  deadline=$(( $(date +%s) + timeout ))
  while alive && (( $(date +%s) < deadline )); do sleep 0.2; done
  if alive; then
    echo "LocalStack (process group $pgid) still running after ${timeout}s: SIGKILL" >&2
    kill -KILL -- "-$pgid" 2>/dev/null || true
    sleep 0.5
  fi
fi
rm -f "$pid_file"
rm -rf "$run_dir/fs"
echo "LocalStack on port $port stopped (log kept in $run_dir/localstack.log)" >&2
