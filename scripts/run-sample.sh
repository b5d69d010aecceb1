#!/usr/bin/env bash
# Runs one of cuda-samples/ by name: scripts/run-sample.sh [NAME] [translate run options...]
# e.g. scripts/run-sample.sh vectorAdd --device interp   (NAME defaults to vectorAdd)
set -euo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-vectorAdd}"
[[ $# -gt 0 ]] && shift
file="$repo/cuda-samples/$name/$name.lisp"
if [[ ! -f "$file" ]]; then
  echo "run-sample: no sample '$name'; samples: $(ls "$repo/cuda-samples" | grep -v README | tr '\n' ' ')" >&2
  exit 2
fi
exec "$repo/translate" run "$file" "$@"
