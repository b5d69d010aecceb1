#!/usr/bin/env bash
# benchmarks/run.sh — kernel times of kernels.cu on the cpu device against the same algorithms in
# plain C with OpenMP (kernels.c, gcc -O3 -march=native -fopenmp), built and run now, on this machine.
# Prints one row per kernel: both times (ms per launch, mean of 5 after a warm-up) and
# ratio = OpenMP time / cpu time (above 1: the cpu device is faster), then the geometric mean.
# Then the machine's STREAM-triad bandwidth (stream.c, same compiler flags, same run) and the
# bandwidth-bound kernels' effective bandwidth as a fraction of it (bytes a kernel must move at least:
# vectorAdd and SAXPY 12 per element, two reads and a write; stencil 8 per point, each input read once
# from memory, neighbours from cache), STREAM's four kernels at 4 times the last-level cache against OpenMP
# (bandwidth.cu, bandwidth.c), the JIT time of each module, launch latency (launch.cu, launch.c),
# and the same kernels on the opencl device where one is present.
# Set TRANSLATE_CACHE_DIR=off to measure without the disk cache.
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

gcc -O3 -march=native -fopenmp "$here/kernels.c" -o "$work/kernels-omp" -lm
gcc -O3 -march=native -fopenmp "$here/stream.c" -o "$work/stream"
gcc -O3 -march=native -fopenmp "$here/launch.c" -o "$work/launch-omp"
dotnet build -c Release -v q --nologo "$here/Bench/Translate.Bench.csproj" -o "$work/bench" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

"$work/kernels-omp" >"$work/omp.txt"
"$work/stream" >"$work/stream.txt"
dotnet "$work/bench/translate-bench.dll" "$here/kernels.cu" cpu >"$work/cpu.txt"
dotnet "$work/bench/translate-bench.dll" "$here/kernels.cu" cpu >"$work/cpu2.txt"
"$work/launch-omp" >"$work/launch-omp.txt"
dotnet "$work/bench/translate-bench.dll" "$here/launch.cu" cpu >"$work/launch-cpu.txt"

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

read -r _ triad array_mib llc_mib <"$work/stream.txt"
echo
echo "STREAM triad (gcc -O3 -march=native -fopenmp, 3 arrays of $array_mib MiB, last-level cache $llc_mib MiB, best of 10): $triad GB/s"
awk -v triad="$triad" -v llc="$llc_mib" '
  BEGIN {
    bytes["vectorAdd"] = 12 * 2^23; set["vectorAdd"] = 3 * 4 * 2^23
    bytes["saxpy"] = 12 * 2^23; set["saxpy"] = 2 * 4 * 2^23
    bytes["stencil"] = 8 * 2048 * 2048; set["stencil"] = 2 * 4 * 2048 * 2048
  }
  FNR == NR { if ($1 !~ /^#/) omp[$1] = $2; next }
  $1 in bytes {
    if (!header++) printf "%-10s %8s %10s %10s %12s %10s\n", "kernel", "data MiB", "cpu GB/s", "of triad", "OpenMP GB/s", "of triad"
    c = bytes[$1] / ($2 / 1000) / 1e9; o = bytes[$1] / (omp[$1] / 1000) / 1e9
    mib = set[$1] / 2^20
    printf "%-10s %8d %10.2f %9.0f%% %12.2f %9.0f%%%s\n", $1, mib, c, 100 * c / triad, o, 100 * o / triad, mib < llc ? "  (fits in the last-level cache)" : ""
  }' "$work/omp.txt" "$work/cpu2.txt"

# STREAM's four kernels on floats with three arrays of at least 4 times the last-level cache together (what
# users run; the kernels above fit in it): bandwidth.cu built with `translate build` and run on cpu, bandwidth.c
# with OpenMP, the same sizes, in this run.
n=$(( 1 << 20 ))
while (( 12 * n < 4 * (llc_mib << 20) )); do n=$(( n * 2 )); done
gcc -O3 -march=native -fopenmp "$here/bandwidth.c" -o "$work/bandwidth-omp"
"$here/../translate" build "$here/bandwidth.cu" -o "$work/bandwidth-cpu" >"$work/bandwidth.err" 2>&1 || { cat "$work/bandwidth.err"; exit 1; }
"$work/bandwidth-omp" "$n" >"$work/bandwidth-omp.txt"
TRANSLATE_DEVICE=cpu "$work/bandwidth-cpu" "$n" >"$work/bandwidth-cpu.txt"
"$work/stream" $(( n / 2 )) >"$work/stream-large.txt"
read -r _ triad_large _ _ <"$work/stream-large.txt"
echo
echo "Bandwidth at $(( 12 * n >> 20 )) MiB (3 arrays of $n floats; $(( 12 * n / (llc_mib << 20) ))× the last-level cache), best of 10, GB/s; ratio = cpu / OpenMP;"
echo "STREAM triad at the same size right after: $triad_large GB/s"
awk -v triad="$triad_large" '
  FNR == NR { omp[$1] = $3; ompcheck[$1] = $4; next }
  {
    if (!header++) printf "  %-8s %10s %10s %8s %14s %s\n", "kernel", "cpu", "OpenMP", "ratio", "cpu of triad", "checks (cpu, OpenMP)"
    printf "  %-8s %10.2f %10.2f %8.2f %13.0f%% %s, %s\n", $1, $3, omp[$1], $3 / omp[$1], 100 * $3 / triad, $4, ompcheck[$1]
  }' "$work/bandwidth-omp.txt" "$work/bandwidth-cpu.txt"

echo
echo "JIT per module, first run (ms: lowering+verifier, optimization, machine code, total with loading):"
grep '^#jit' "$work/cpu.txt" | sed 's/^#jit /  /'
echo
echo "Launch latency (µs per launch, back to back, one synchronization; launch.cu on cpu, launch.c's loop bodies as an OpenMP parallel for and serially):"
awk '
  FNR == NR { host[$1] = $2; next }
  $1 !~ /^#/ {
    if (!header++) printf "  %-16s %10s %10s %10s\n", "launch", "cpu", "OpenMP", "serial"
    printf "  %-16s %10.3f %10.3f %10.3f\n", $1, $2, host[$1 "-omp"], host[$1 "-serial"]
  }' "$work/launch-omp.txt" "$work/launch-cpu.txt"

# The opencl device on the same kernels (PoCL here, on the same CPU), as users run it: the program built with
# `translate build` and run with TRANSLATE_DEVICE=opencl; its allocations are used in place, not copied per launch.
echo
if "$here/../translate" build "$here/kernels.cu" -o "$work/kernels-built" >"$work/opencl.err" 2>&1 \
  && TRANSLATE_DEVICE=opencl "$work/kernels-built" >"$work/opencl.txt" 2>>"$work/opencl.err" \
  && TRANSLATE_DEVICE=cpu "$work/kernels-built" >"$work/cpu-built.txt" 2>>"$work/opencl.err"; then
  echo "The opencl device on the same kernels (translate build, ms per launch, mean of 5 after a warm-up; ratio = cpu time / opencl time):"
  awk '
    FNR == NR { if ($1 !~ /^#/) cpu[$1] = $2; next }
    $1 !~ /^#/ {
      if (!header++) printf "  %-12s %10s %10s %8s\n", "kernel", "opencl", "cpu", "ratio"
      printf "  %-12s %10.2f %10.2f %8.2f\n", $1, $2, cpu[$1], cpu[$1] / $2
    }' "$work/cpu-built.txt" "$work/opencl.txt"
else
  echo "opencl: not measured ($(head -1 "$work/opencl.err"))"
fi

# Load (tests/Translate.Tests/BuildMode/Programs/launchLoad.cu): 100,000 small launches from 4 host threads on
# 8 streams with copies, events and waits between them, as built by `translate build`, on each device.
echo
if "$here/../translate" build "$here/../tests/Translate.Tests/BuildMode/Programs/launchLoad.cu" -o "$work/launch-load" >"$work/load.err" 2>&1; then
  echo "Load (100,000 one-block launches from 4 host threads on 8 streams, translate build):"
  for device in cpu opencl; do
    echo "  $device: $(TRANSLATE_DEVICE=$device "$work/launch-load" 100000 4 2 2>&1 | head -1)"
  done
else
  echo "load: not measured ($(head -1 "$work/load.err"))"
fi
