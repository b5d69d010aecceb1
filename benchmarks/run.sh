#!/usr/bin/env bash
# benchmarks/run.sh — kernel times of kernels.cu on the cpu device against the same algorithms in
# plain C with OpenMP (kernels.c, gcc -O3 -march=native -fopenmp), built and run now, on this machine.
# Prints one row per kernel: both times (ms per launch, mean of 5 after a warm-up) and
# ratio = OpenMP time / cpu time (above 1: the cpu device is faster), then the geometric mean.
# Set TRANSLATE_CACHE_DIR=off to measure without the disk cache.
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

gcc -O3 -march=native -fopenmp "$here/kernels.c" -o "$work/kernels-omp"
dotnet build -c Release -v q --nologo "$here/Bench/Translate.Bench.csproj" -o "$work/bench" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

"$work/kernels-omp" >"$work/omp.txt"
dotnet "$work/bench/translate-bench.dll" "$here/kernels.cu" cpu >"$work/cpu.txt"
dotnet "$work/bench/translate-bench.dll" "$here/kernels.cu" cpu >"$work/cpu2.txt"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, OMP threads ${OMP_NUM_THREADS:-$(nproc)}"
awk '
  FNR == NR { if ($1 !~ /^#/) omp[$1] = $2; next }
  $1 !~ /^#/ { order[++n] = $1; cpu[$1] = $2 }
  END {
    printf "%-10s %12s %12s %8s\n", "kernel", "cpu ms", "OpenMP ms", "ratio"
    logsum = 0
    for (i = 1; i <= n; i++) {
      k = order[i]; r = omp[k] / cpu[k]; logsum += log(r)
      printf "%-10s %12.2f %12.2f %8.2f\n", k, cpu[k], omp[k], r
    }
    printf "%-10s %12s %12s %8.2f\n", "geomean", "", "", exp(logsum / n)
  }' "$work/omp.txt" "$work/cpu2.txt"
echo "checks (cpu | OpenMP): $(awk '$1 !~ /^#/ {printf "%s=%s ", $1, $3}' "$work/cpu2.txt")| $(awk '{printf "%s=%s ", $1, $3}' "$work/omp.txt")"
echo "whole run, first (cold disk cache for a changed build) vs second: $(grep '^#run' "$work/cpu.txt" | cut -d' ' -f2) ms vs $(grep '^#run' "$work/cpu2.txt" | cut -d' ' -f2) ms;" \
  "compilation $(grep '^#compile' "$work/cpu.txt" | cut -d' ' -f2-) vs $(grep '^#compile' "$work/cpu2.txt" | cut -d' ' -f2-)"
