#!/usr/bin/env bash
# Installs the moto AWS emulator (version pinned in scripts/moto-requirements.txt) into a
# project-local virtual environment, by default .venv/ at the repository root, so that
# .venv/bin/moto_server exists. The testkit runs this script by itself when moto_server is not on
# PATH; it can also be run by hand. Needs only python3 (with its venv module) and access to PyPI.
#
#   scripts/install-moto.sh            # into <repo>/.venv
#   IAMKIT_VENV=/tmp/v scripts/install-moto.sh
#   PYTHON=python3.12 scripts/install-moto.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${IAMKIT_VENV:-$root/.venv}"
requirements="$root/scripts/moto-requirements.txt"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "install-moto: '$python' not found; install Python 3 (3.9 or newer)" >&2
  exit 2
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "install-moto: creating virtual environment $venv"
  if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    echo "install-moto: '$python -m venv' failed; on Debian/Ubuntu install python3-venv" >&2
    exit 3
  fi
fi

echo "install-moto: installing $(grep -v '^#' "$requirements" | tr '\n' ' ')into $venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet \
  -r "$requirements"

# Prove the install works: the entry point runs and the pinned version is the one imported.
"$venv/bin/moto_server" --help >/dev/null
installed="$("$venv/bin/python" -c 'import moto; print(moto.__version__)')"
echo "install-moto: moto $installed ready at $venv/bin/moto_server"
