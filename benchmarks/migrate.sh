#!/usr/bin/env bash
# benchmarks/migrate.sh — speed of `translate migrate` against the floor, `clang-19 -fsyntax-only`
# (the same parse, with the same flags the frontend gives libclang, and nothing after it).
#
# The corpus is cuda-samples/ copied COPIES times (default 4: 18 × 4 = 72 files), each copy in its own
# folder so every file is a separate input. For --jobs 1 and 2 it measures, best of RUNS (default 3):
#   clang   every file through clang-19 -fsyntax-only, JOBS processes at a time (xargs -P);
#   lisp    `translate migrate --targets lisp` into an empty OUTDIR (parse, lift, type check, write IR);
#   all     `translate migrate --targets lisp,opencl,llvm,x86` into an empty OUTDIR;
#   again   `translate migrate --targets lisp` a second time, nothing changed (the incremental path).
# Prints files/s and lines/s and ratio = clang time / translate time (1 = as fast as the parse alone;
# the migrate figures include one .NET start-up per run).
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
copies="${COPIES:-4}"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$repo/translate" --version >/dev/null # builds translate if its sources changed
dll="$repo/.build/bin/translate.dll"
include="$repo/.build/bin/cuda-include"
[[ -d "$include" ]] || include="$repo/translator/Frontend/include"

for ((c = 1; c <= copies; c++)); do
  for d in "$repo"/cuda-samples/*/; do
    mkdir -p "$work/corpus/copy$c"
    cp -r "$d" "$work/corpus/copy$c/"
  done
done
find "$work/corpus" -name '*.cu' | sort >"$work/files"
files=$(wc -l <"$work/files")
lines=$(xargs cat <"$work/files" | wc -l)

# The flags CudaFrontend.ClangArguments gives libclang.
clang_one() {
  clang-19 -fsyntax-only -x cuda --cuda-host-only -nocudainc -nocudalib -std=c++17 \
    -isystem "$include" -include cuda_runtime.h -I "$(dirname "$1")" "$1" 2>/dev/null
}
export -f clang_one
export include

# Best wall time of RUNS runs of a command, in seconds.
best() {
  local best_s="" s start end
  for ((r = 0; r < runs; r++)); do
    [[ -n "${prepare:-}" ]] && eval "$prepare"
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true # a sample with diagnostics still counts: the work was done
    end=$(date +%s.%N)
    s=$(echo "$end - $start" | bc -l)
    if [[ -z "$best_s" ]] || (($(echo "$s < $best_s" | bc -l))); then best_s=$s; fi
  done
  echo "$best_s"
}

migrate() { dotnet "$dll" migrate "$work/corpus" --out "$work/out" --jobs "$1" --targets "$2"; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "corpus: cuda-samples × $copies = $files files, $lines lines; best of $runs runs"
printf "%-6s %-6s %9s %9s %10s %9s\n" jobs what seconds files/s lines/s ratio
for jobs in 1 2; do
  prepare="" clang_s=$(best xargs -a "$work/files" -P "$jobs" -n 1 bash -c 'clang_one "$0"')
  prepare='rm -rf "$work/out"' lisp_s=$(best migrate "$jobs" lisp)
  prepare='rm -rf "$work/out"' all_s=$(best migrate "$jobs" lisp,opencl,llvm,x86)
  migrate "$jobs" lisp >/dev/null 2>&1 || true
  prepare="" again_s=$(best migrate "$jobs" lisp)
  for row in "clang $clang_s" "lisp $lisp_s" "all $all_s" "again $again_s"; do
    set -- $row
    printf "%-6s %-6s %9.2f %9.1f %10.0f %9.2f\n" "$jobs" "$1" "$2" \
      "$(echo "$files / $2" | bc -l)" "$(echo "$lines / $2" | bc -l)" "$(echo "$clang_s / $2" | bc -l)"
  done
done
