#!/usr/bin/env bash
# Runs a third-party corpus (../shared/corpus) the way a user would and prints one row per program
# with the totals:  scripts/corpus.sh hecbench|hecbench-cmake|cuda-samples [ARGS]  (ARGS: see scripts/corpus-NAME.sh).
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="${1:-}"
case "$name" in
  hecbench|hecbench-cmake|cuda-samples) shift; exec "$here/corpus-$name.sh" "$@" ;;
  *) echo "usage: scripts/corpus.sh hecbench|hecbench-cmake|cuda-samples [ARGS] (scripts/corpus-NAME.sh --help)" >&2; exit 2 ;;
esac
