#!/usr/bin/env bash
# The main job, end to end, on a local emulator:
#   scripts/demo.sh
# For each backend below that can run here: start the local emulator, validate and preview the
# example manifests (examples/manifests), apply them, print their outputs (secrets masked), show
# that drift is empty, make an out-of-band change with plain AWS SDK calls (AdministratorAccess
# attached and an inline Allow */* put on one user), show drift reporting exactly that, destroy
# everything (the report names the out-of-band removals), and stop the emulator (also on failure
# or Ctrl-C). Backends that cannot run here are listed with the reason.
# Uses only bin/iamkit, plus examples' OutOfBandChange for the out-of-band change. Needs a JDK 17
# and Python 3 (moto is installed into .venv/ on first use). Exit code 0 when every backend that
# ran did the whole job, 1 otherwise.
set -uo pipefail

# The backends the main job runs, in this order, each as NAME:EMULATOR (moto or localstack);
# IAMKIT_MAIN_JOB_BACKENDS overrides the list for one run. Every backend of the build is listed by
# 'iamkit backends'; only these are run.
MAIN_JOB_BACKENDS="${IAMKIT_MAIN_JOB_BACKENDS:-direct:moto cloudformation:localstack pulumi:moto}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
manifests="examples/manifests"
oob_user="payment-service-prod"              # the user the out-of-band change targets
export IAMKIT_STATE_DIR="$root/.iamkit/main-job"   # this job's own emulator record (not the user's .iamkit/)

if [[ -t 1 ]]; then bold=$'\033[1m'; plain=$'\033[0m'; else bold=""; plain=""; fi
heading() { printf '\n%s== %s ==%s\n' "$bold" "$*" "$plain"; }
show() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }

# Runs bin/iamkit with the given arguments, shows the command, keeps its stdout in $last, and
# returns 0 only when the exit code is the expected one (first argument).
last=""
iamkit() {
  local expect="$1"; shift
  show "bin/iamkit $*"
  local out rc
  out="$(bin/iamkit "$@")"; rc=$?
  [[ -n "$out" ]] && printf '%s\n' "$out"
  last="$out"
  if [[ "$rc" != "$expect" ]]; then
    printf '%s!! expected exit code %s, got %s%s\n' "$bold" "$expect" "$rc" "$plain"
    return 1
  fi
  [[ "$expect" == 0 ]] || printf '(exit code %s, as expected)\n' "$rc"
}

emulator_started=0
stop_emulator() {
  if [[ "$emulator_started" == 1 ]]; then
    emulator_started=0
    iamkit 0 local stop || true
  fi
}
trap 'stop_emulator' EXIT
trap 'echo "interrupted"; exit 130' INT TERM

heading "iamkit main job: the example manifests on a local emulator, with every backend that can run here"
if [[ ! -f examples/target/iamkit-examples.jar ]]; then export IAMKIT_REBUILD=1; fi
bin/iamkit --version || { echo "bin/iamkit could not be built or run"; exit 1; }
unset IAMKIT_REBUILD

iamkit 0 backends || exit 1
backends="$last"
iamkit 0 local stop >/dev/null 2>&1 || true   # a job interrupted earlier may have left its emulator
iamkit 0 validate -f "$manifests" || exit 1
iamkit 0 lint -f "$manifests" || exit 1

# One backend, the whole job; returns non-zero at the first step that does not do what it should.
job() {
  local backend="$1" emulator="$2" url
  show "bin/iamkit local start --emulator $emulator"
  if ! url="$(bin/iamkit local start --emulator "$emulator")"; then
    reason="the $emulator emulator cannot be had here (see above)"
    return 2
  fi
  emulator_started=1
  echo "$url"
  local at=(--local --backend "$backend" -f "$manifests")
  iamkit 0 preview "${at[@]}" || return 1
  iamkit 0 apply "${at[@]}" || return 1
  iamkit 0 outputs "${at[@]}" || return 1
  iamkit 0 drift "${at[@]}" || return 1

  heading "out-of-band change to $oob_user, with plain AWS SDK calls (not iamkit)"
  show "java -cp examples/target/iamkit-examples.jar:cli/target/iamkit.jar io.iamkit.examples.OutOfBandChange --endpoint $url --user $oob_user"
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -cp examples/target/iamkit-examples.jar:cli/target/iamkit.jar \
    io.iamkit.examples.OutOfBandChange --endpoint "$url" --user "$oob_user" || return 1

  iamkit 3 drift "${at[@]}" || return 1
  grep -q "out-of-band MANAGED_POLICY_ATTACHMENT at spec.managedPolicyArns: arn:aws:iam::aws:policy/AdministratorAccess" <<<"$last" \
    && grep -q "out-of-band INLINE_POLICY at spec.inlinePolicies.OutOfBandAdmin" <<<"$last" \
    && [[ "$(grep -c "out-of-band" <<<"$last")" == 2 ]] \
    || { echo "!! drift did not report exactly the two out-of-band grants"; return 1; }
  iamkit 0 destroy "${at[@]}" || return 1
  grep -q "arn:aws:iam::aws:policy/AdministratorAccess (out of band)" <<<"$last" \
    && grep -q "OutOfBandAdmin (out of band)" <<<"$last" \
    || { echo "!! destroy did not name the out-of-band removals"; return 1; }
  iamkit 0 outputs "${at[@]}" || return 1
  grep -q "^outputs: 0 of 3 user(s) deployed" <<<"$last" || { echo "!! users left after destroy"; return 1; }
  stop_emulator
}

summary=()
ran=0
failed=0
for entry in $MAIN_JOB_BACKENDS; do
  backend="${entry%%:*}"
  emulator="${entry#*:}"
  status="$(awk -v b="$backend" '$1 == b { $1 = ""; sub(/^ +/, ""); print; exit }' <<<"$backends")"
  if [[ -z "$status" ]]; then
    heading "backend $backend: not in this build (iamkit backends does not list it); skipped"
    summary+=("$backend: skipped, not in this build")
    continue
  fi
  if [[ "$status" != available ]]; then
    heading "backend $backend: $status; skipped"
    summary+=("$backend: skipped, $status")
    continue
  fi
  heading "backend $backend on $emulator"
  reason=""
  job "$backend" "$emulator"
  rc=$?
  stop_emulator
  if [[ "$rc" == 0 ]]; then
    ran=$((ran + 1))
    summary+=("$backend on $emulator: the whole job done (3 users applied, no drift, out-of-band change caught, destroyed)")
  elif [[ "$rc" == 2 ]]; then
    summary+=("$backend: skipped, $reason")
  else
    ran=$((ran + 1))
    failed=$((failed + 1))
    summary+=("$backend on $emulator: FAILED (see above)")
  fi
done

heading "summary"
printf '  %s\n' "${summary[@]}"
if [[ "$failed" -gt 0 || "$ran" -eq 0 ]]; then
  echo "main job FAILED"
  exit 1
fi
echo "main job done"
