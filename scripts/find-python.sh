#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter (3.12, 3.13 or 3.14), or explain why there is none.
set -euo pipefail
suitable() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

if [ -n "${RELAIS_PYTHON:-}" ]; then
  path=$(command -v "$RELAIS_PYTHON" 2>/dev/null || true)
  if [ -n "$path" ] && suitable "$path"; then echo "$path"; exit 0; fi
  echo "RELAIS_PYTHON=$RELAIS_PYTHON is missing or older than Python 3.12 (Relais runs on 3.12, 3.13 and 3.14)." >&2
  exit 1
fi

versions=(3.12 3.13 3.14)
candidates=()
for v in "${versions[@]}"; do candidates+=("python$v"); done
for root in "$HOME/.pyenv/versions" /root/.pyenv/versions /usr/local/bin /usr/bin; do
  for v in "${versions[@]}"; do
    for dir in "$root"/$v*/bin; do [ -x "$dir/python3" ] && candidates+=("$dir/python3"); done
    [ -x "$root/python$v" ] && candidates+=("$root/python$v")
  done
done
candidates+=(python3)
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null || true)
  if [ -n "$path" ] && suitable "$path"; then echo "$path"; exit 0; fi
done
echo "Relais needs Python 3.12 or newer (3.12, 3.13 or 3.14) and none was found (looked in PATH and ~/.pyenv/versions)." >&2
echo "Install one (for example 'pyenv install 3.12') or set RELAIS_PYTHON to its path." >&2
exit 1
