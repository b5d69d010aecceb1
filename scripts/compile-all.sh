#!/usr/bin/env bash
# Runs `translate compile` for every target on every .cu file given (files, or folders searched for .cu files;
# default cuda-samples/) and says which file/target pairs failed, with the first diagnostic, then how many files
# compile for every target. Options before the inputs: -I DIR (repeatable, for every file; each file's own folder
# is searched anyway), -t "ptx amdgcn ..." (the targets). Exit status: 0 when every pair compiled, 1 otherwise.
#   scripts/compile-all.sh                                   # every sample, every target
#   scripts/compile-all.sh -I ../shared/corpus/hecbench/src/include ../shared/corpus/hecbench/src/*-cuda
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
targets="ptx amdgcn spirv opencl llvm x86"
includes=()
while [ $# -gt 0 ]; do
  case "$1" in
    -I) includes+=(-I "$2"); shift 2 ;;
    -I*) includes+=("$1"); shift ;;
    -t) targets="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ $# -eq 0 ] && set -- "$here/cuda-samples"
files=()
for input in "$@"; do
  if [ -d "$input" ]; then while IFS= read -r f; do files+=("$f"); done < <(find "$input" -name '*.cu' | sort)
  else files+=("$input"); fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
good=0
for f in "${files[@]}"; do
  ok=1
  for t in $targets; do
    if ! "$here/translate" compile "$f" --target "$t" -o "$work/out" "${includes[@]}" >/dev/null 2>"$work/err"; then
      ok=0
      echo "FAIL $f $t: $(grep -v '^translate: .*device code only' "$work/err" | head -n 1)"
    fi
  done
  good=$((good + ok))
done
echo "$good/${#files[@]} files compile for every target ($targets)"
[ "$good" -eq "${#files[@]}" ]
