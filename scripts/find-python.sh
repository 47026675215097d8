#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or explain why there is none.
set -euo pipefail
candidates=("${RELAIS_PYTHON:-}" python3.12 python3.13)
for root in "$HOME/.pyenv/versions" /root/.pyenv/versions /usr/local/bin /usr/bin; do
  for v in 3.12 3.13; do
    for dir in "$root"/$v*/bin; do [ -x "$dir/python3" ] && candidates+=("$dir/python3"); done
    [ -x "$root/python$v" ] && candidates+=("$root/python$v")
  done
done
candidates+=(python3)
for c in "${candidates[@]}"; do
  [ -n "$c" ] || continue
  path=$(command -v "$c" 2>/dev/null || true)
  [ -n "$path" ] || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "Relais needs Python 3.12 or newer and none was found (looked in PATH and ~/.pyenv/versions)." >&2
echo "Install one (for example 'pyenv install 3.12') or set RELAIS_PYTHON to its path." >&2
exit 1
