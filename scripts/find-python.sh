#!/bin/sh
# Print the path of a Python >= 3.12 (the oldest such, the best-tested) on this machine (Django 6 needs 3.12), else a
# Python >= 3.11 (the project then installs the Django 5.2 LTS line). Looks on PATH and in
# pyenv's versions folder, since pyenv shims refuse versions that are not "global".
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= ('"$2"') else 1)' 2>/dev/null; }
for min in "3,12" "3,11"; do
  for cand in python3.12 python3.13 python3.14 python3 python; do
    p=$(command -v "$cand" 2>/dev/null) || continue
    if ok "$p" "$min"; then echo "$p"; exit 0; fi
  done
  for p in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[1-9]*/bin/python3 2>/dev/null | sort -V); do
    if ok "$p" "$min"; then echo "$p"; exit 0; fi
  done
done
echo "no Python 3.11+ found: install python3 (3.12+ recommended)" >&2
exit 1
