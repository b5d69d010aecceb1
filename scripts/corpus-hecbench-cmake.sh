#!/usr/bin/env bash
# Builds HeCBench's CUDA benchmarks (../shared/corpus/hecbench/src/*-cuda) with CMake through their own CMakeLists.txt
# files and Translate as the CUDA compiler (cmake -DCMAKE_CUDA_COMPILER=<repo>/translate-nvcc; the project around
# them is scripts/hecbench-cmake). One configure for all, then each benchmark's target built on its own. Prints one
# row per benchmark — no-cmakelists, build-fail (with the first error) or built — then the totals.
#   scripts/corpus-hecbench-cmake.sh [--scratch DIR] [--corpus DIR] [NAME ...]
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/../shared/corpus/hecbench/src" scratch="" names=()
while (($#)); do
  case "$1" in
    --scratch) scratch="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "corpus-hecbench-cmake: unknown option $1" >&2; exit 2 ;;
    *) names+=("${1%-cuda}-cuda"); shift ;;
  esac
done
corpus="$(cd -P "$corpus" && pwd)"
[[ -n "$scratch" ]] || scratch="$(mktemp -d /tmp/hecbench-cmake.XXXXXX)"
mkdir -p "$scratch"
((${#names[@]})) || mapfile -t names < <(cd "$corpus" && ls -d *-cuda)
list="$(IFS=';'; echo "${names[*]}")"
if ! cmake -S "$repo/scripts/hecbench-cmake" -B "$scratch/build" -DHECBENCH_SRC="$corpus" -DHECBENCH_BENCHMARKS="$list" \
     -DCMAKE_CUDA_COMPILER="$repo/translate-nvcc" >"$scratch/configure.log" 2>&1; then
  echo "corpus-hecbench-cmake: the configure step failed ($scratch/configure.log):" >&2
  grep -m5 -A3 "CMake Error" "$scratch/configure.log" >&2 || tail -n 20 "$scratch/configure.log" >&2
  exit 1
fi
built=0 failed=0 absent=0
for name in "${names[@]}"; do
  if [[ ! -f "$corpus/$name/CMakeLists.txt" ]]; then
    printf '%-32s %s\n' "$name" "no-cmakelists"; absent=$((absent + 1)); continue
  fi
  log="$scratch/$name.log"
  if cmake --build "$scratch/build" --target "$name" >"$log" 2>&1 && [[ -x "$scratch/build/$name/main" ]]; then
    printf '%-32s %s\n' "$name" "built"; built=$((built + 1))
  else
    why="$(grep -m1 -E 'error|cannot find|undefined reference|Error [0-9]' "$log" | sed "s|$scratch/||g; s|$corpus/||g" | cut -c1-160 || true)"
    printf '%-32s %s  %s\n' "$name" "build-fail" "$why"; failed=$((failed + 1))
  fi
done
total=${#names[@]}
echo "total $total: built $built, build-fail $failed, no CMakeLists.txt $absent (configured: $((total - absent)))"
