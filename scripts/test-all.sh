#!/usr/bin/env bash
# Every test of the project, as CI runs it:
#   1. installs LocalStack 4.14.0 into .venv-localstack/ when it is not there (scripts/localstack/;
#      needs Python >= 3.12, about 4 minutes on a fresh machine, nothing on later runs);
#   2. ./mvnw -B clean verify -Plocalstack: unit tests, integration tests on moto (the testkit starts
#      moto_server itself, installing it into .venv/ when it is not on PATH), then every module's
#      conformance suite and live ITs again on LocalStack run as a plain process;
#   3. prints the conformance table (case x backend x emulator) and writes it to
#      target/conformance-table.md, with the total time.
# Extra arguments go to Maven (e.g. -o, or -Dit.test=...). Exit status: Maven's, else the table's.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

if ! scripts/localstack/install.sh; then
  echo "test-all: LocalStack could not be installed (see above); the conformance run on LocalStack needs it." >&2
  exit 1
fi

./mvnw -B clean verify -Plocalstack "$@"
maven=$?

echo
echo "== Conformance: case x backend / emulator =="
python3 scripts/conformance-table.py --out target/conformance-table.md
table=$?
elapsed=$(( $(date +%s) - start ))
printf 'test-all: Maven exit %d, total %d min %02d s\n' "$maven" $((elapsed / 60)) $((elapsed % 60))
if [ "$maven" -ne 0 ]; then exit "$maven"; fi
exit "$table"
