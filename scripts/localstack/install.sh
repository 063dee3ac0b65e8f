#!/usr/bin/env bash
# Creates <repo>/.venv-localstack with the pinned LocalStack runtime (requirements.txt, with every
# transitive version fixed by constraints.txt). Idempotent: does nothing when the venv already holds
# exactly what those two files ask for.
# LocalStack 4.14.0 needs Python >= 3.12 (its code uses PEP 695 generics although its metadata says
# >=3.10), so this picks python3.13 or python3.12 from PATH or from pyenv; PYTHON=... overrides.
# Env: PYTHON, LOCALSTACK_VENV (default <repo>/.venv-localstack).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${LOCALSTACK_VENV:-$repo/.venv-localstack}"
req="$here/requirements.txt"
con="$here/constraints.txt"
stamp="$venv/.iamkit-installed"

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

find_python() {
  if [[ -n "${PYTHON:-}" ]]; then
    python_ok "$PYTHON" || { echo "PYTHON=$PYTHON is not Python >= 3.12" >&2; return 1; }
    echo "$PYTHON"; return 0
  fi
  local candidates=(python3.13 python3.12 python3)
  if command -v pyenv >/dev/null 2>&1; then
    local root; root="$(pyenv root)"
    candidates+=("$root"/versions/3.13*/bin/python3 "$root"/versions/3.12*/bin/python3)
  fi
  local c p
  for c in "${candidates[@]}"; do
    p="$(command -v "$c" 2>/dev/null)" || continue
    if python_ok "$p"; then echo "$p"; return 0; fi
  done
  echo "no Python >= 3.12 found (tried ${candidates[*]}); LocalStack 4.14.0 needs one. Set PYTHON=/path/to/python3.12+" >&2
  return 1
}

want_stamp() { cat "$req" "$con"; }

if [[ -f "$stamp" ]] && [[ -x "$venv/bin/python" ]] && python_ok "$venv/bin/python" \
   && diff -q <(want_stamp) "$stamp" >/dev/null; then
  echo "LocalStack already installed in $venv ($("$venv/bin/python" -c 'from importlib.metadata import version; print("localstack-core", version("localstack-core"))'))"
  exit 0
fi

python="$(find_python)"
if [[ -x "$venv/bin/python" ]] && ! python_ok "$venv/bin/python"; then
  echo "replacing $venv: its Python is older than 3.12" >&2
  rm -rf "$venv"
fi
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
# Keep the venv out of git without touching the repository's .gitignore.
printf '*\n' > "$venv/.gitignore"

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" -c "$con"
"$venv/bin/python" -m pip check >/dev/null || { "$venv/bin/python" -m pip check >&2; exit 1; }
# Fails here, not at start time, when a dependency cannot be imported.
"$venv/bin/python" -c 'import localstack.services.stores, localstack.aws.app, localstack.utils.crypto' \
  || { echo "LocalStack runtime does not import; see the error above" >&2; exit 1; }

want_stamp > "$stamp"
echo "LocalStack installed in $venv ($("$venv/bin/python" -c 'from importlib.metadata import version; print("localstack-core", version("localstack-core"))'), $("$venv/bin/python" --version))"
