#!/usr/bin/env bash
# Starts LocalStack (installed by install.sh) as a plain background process, no Docker:
#   scripts/localstack/start.sh PORT
# Listens on 127.0.0.1:PORT only, loads only the services iamkit needs, keeps no state between runs,
# and returns once /_localstack/health reports every requested service. Prints the endpoint URL.
# Files live in LOCALSTACK_RUN_DIR (default ${TMPDIR:-/tmp}/iamkit-localstack-PORT):
#   localstack.pid (process id = process group id), localstack.log, fs/ (LocalStack's filesystem root).
# Env: LOCALSTACK_SERVICES (default iam,sts,cloudformation,secretsmanager),
#      LOCALSTACK_START_TIMEOUT seconds (default 180), LOCALSTACK_VENV, LOCALSTACK_RUN_DIR,
#      LOCALSTACK_EAGER_LOADING (default 1; 0 = load each service on its first request), LS_LOG (info).
set -euo pipefail

port="${1:?usage: start.sh PORT}"
[[ "$port" =~ ^[0-9]+$ ]] && (( port > 0 && port < 65536 )) || { echo "bad port: $port" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${LOCALSTACK_VENV:-$repo/.venv-localstack}"
run_dir="${LOCALSTACK_RUN_DIR:-${TMPDIR:-/tmp}/iamkit-localstack-$port}"
services="${LOCALSTACK_SERVICES:-iam,sts,cloudformation,secretsmanager}"
timeout="${LOCALSTACK_START_TIMEOUT:-180}"
pid_file="$run_dir/localstack.pid"
log_file="$run_dir/localstack.log"
url="http://127.0.0.1:$port"

[[ -x "$venv/bin/python" ]] || { echo "no LocalStack venv at $venv: run scripts/localstack/install.sh" >&2; exit 1; }

if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "LocalStack already running on port $port (pid $(cat "$pid_file")); stop it with stop.sh $port" >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port on 127.0.0.1 is already in use" >&2
  exit 1
fi

# Fresh filesystem root every start: nothing survives between runs.
rm -rf "$run_dir/fs"
mkdir -p "$run_dir/fs"

started_ns="$(date +%s%N)"
# setsid: LocalStack and every child it spawns share one new process group, which stop.sh ends as a whole.
# Settings:
#   OVERRIDE_IN_DOCKER=0   host mode (directories under FILESYSTEM_ROOT, not /var/lib/localstack)
#   GATEWAY_LISTEN         the only listening socket: loopback, the given port
#   LOCALSTACK_HOST        host:port LocalStack writes into URLs it returns
#   DNS_ADDRESS=0          no embedded DNS server (it would bind port 53 on all interfaces)
#   DISABLE_EVENTS=1       no analytics events sent out
#   SKIP_SSL_CERT_DOWNLOAD=1  no download of the TLS certificate (plain HTTP is used)
#   PERSISTENCE=0          in-memory state only
#   EAGER_SERVICE_LOADING=1   load the services at start, so "healthy" means "ready to serve"
#   GATEWAY_SERVER=hypercorn  the default server (twisted) ignores the IPv4 host of GATEWAY_LISTEN and binds
#                             0.0.0.0; hypercorn binds exactly 127.0.0.1:PORT
env -u DOCKER_HOST \
  OVERRIDE_IN_DOCKER=0 \
  FILESYSTEM_ROOT="$run_dir/fs" \
  GATEWAY_LISTEN="127.0.0.1:$port" \
  GATEWAY_SERVER=hypercorn \
  LOCALSTACK_HOST="127.0.0.1:$port" \
  SERVICES="$services" \
  EAGER_SERVICE_LOADING="${LOCALSTACK_EAGER_LOADING:-1}" \
  STRICT_SERVICE_LOADING=1 \
  DNS_ADDRESS=0 \
  DISABLE_EVENTS=1 \
  SKIP_SSL_CERT_DOWNLOAD=1 \
  PERSISTENCE=0 \
  LS_LOG="${LS_LOG:-info}" \
  setsid "$venv/bin/python" -m localstack.runtime.main </dev/null >"$log_file" 2>&1 &
pid=$!
echo "$pid" > "$pid_file"

# Healthy = every requested service reported "running" or "available" by /_localstack/health.
healthy() {
  local body
  body="$(curl -fsS --max-time 2 "$url/_localstack/health" 2>/dev/null)" || return 1
  "$venv/bin/python" - "$services" "$body" <<'PY'
import json, sys
wanted = [s.strip() for s in sys.argv[1].split(",") if s.strip()]
state = json.loads(sys.argv[2]).get("services", {})
sys.exit(0 if all(state.get(s) in ("running", "available") for s in wanted) else 1)
PY
}

deadline=$(( $(date +%s) + timeout ))
until healthy; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "LocalStack exited during start; last lines of $log_file:" >&2
    tail -n 40 "$log_file" >&2
    rm -f "$pid_file"
    exit 1
  fi
  if (( $(date +%s) >= deadline )); then
    echo "LocalStack not healthy after ${timeout}s; stopping it. Last lines of $log_file:" >&2
    tail -n 40 "$log_file" >&2
    "$here/stop.sh" "$port" >&2 || true
    exit 1
  fi
  sleep 0.2
done
elapsed_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
echo "LocalStack healthy at $url after ${elapsed_ms} ms (pid $pid, log $log_file)" >&2
echo "$url"
