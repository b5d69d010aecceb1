#!/usr/bin/env bash
# benchmarks/hecbench-twins.sh — HeCBench's CUDA benchmarks on the cpu device against their OpenMP twins
# (src/NAME-omp: same author, same algorithm), both built and run now, on this machine, with the
# arguments of the benchmarks' own `make run`.
#
#   benchmarks/hecbench-twins.sh [--limit S] [--scratch DIR] [NAME ...]     (default: every twin pair)
#
# CUDA: the benchmark's Makefile with `make CC="<repo>/translate nvcc" ARCH=sm_60`. OpenMP: its Makefile
# with g++ (-O3 -march=native -fopenmp; the Intel-only flags the Makefiles pass are dropped), target
# regions run on the host. Prints per benchmark the whole-program wall time of each (best of one run,
# `-` when it did not finish within --limit, default 120 s; `fail` when it printed FAIL, a result not comparable)
# and ratio = OpenMP time / cpu time (above 1: the cpu device is faster), then the geometric mean over the pairs
# where both finished and neither failed.
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
corpus="$repo/../shared/corpus/hecbench/src"
limit=120 scratch="" names=()
while (($#)); do
  case "$1" in
    --limit) limit="$2"; shift 2 ;;
    --scratch) scratch="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "hecbench-twins: unknown option $1" >&2; exit 2 ;;
    *) names+=("${1%-cuda}"); shift ;;
  esac
done
[[ -d "$corpus" ]] || { echo "hecbench-twins: no corpus at $corpus" >&2; exit 2; }
if ((${#names[@]} == 0)); then
  for d in "$corpus"/*-omp; do n="$(basename "$d" -omp)"; [[ -d "$corpus/$n-cuda" ]] && names+=("$n"); done
fi
[[ -n "$scratch" ]] || scratch="$(mktemp -d /tmp/hecbench-twins.XXXXXX)"
mkdir -p "$scratch"; rm -rf "$scratch/src"; cp -r "$corpus" "$scratch/src"; chmod -R u+w "$scratch/src"

# g++ standing in for icpx: the Intel OpenMP flags become GCC's, on the host.
mkdir -p "$scratch/bin"
cat >"$scratch/bin/omp-cxx" <<'EOF'
#!/bin/sh
args=""
for a in "$@"; do
  case "$a" in -fiopenmp|-qopenmp|-fopenmp-targets=*|-D__STRICT_ANSI__) ;; *) args="$args '$a'" ;; esac
done
eval exec g++ -fopenmp -march=native $args
EOF
chmod +x "$scratch/bin/omp-cxx"
"$repo/translate" --version >/dev/null

# Wall time in seconds of `make run` in DIR (the build happens before, untimed), or - past the limit.
timed_run() {
  local dir="$1"; shift
  local start end
  start=$(date +%s.%N)
  if timeout -k 5 "$limit" make -C "$dir" run "$@" >"$dir/.run.log" 2>&1; then
    end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
  else echo -; fi
}

printf '%-24s %10s %10s %8s\n' benchmark "cpu s" "OpenMP s" ratio
logsum=0 pairs=0
for n in "${names[@]}"; do
  cu="$scratch/src/$n-cuda" omp="$scratch/src/$n-omp"
  cu_t=- omp_t=-
  make -C "$cu" CC="$repo/translate nvcc" ARCH=sm_60 >"$cu/.build.log" 2>&1 && cu_t="$(timed_run "$cu")"
  make -C "$omp" CC="$scratch/bin/omp-cxx" DEVICE=gpu >"$omp/.build.log" 2>&1 && omp_t="$(timed_run "$omp")"
  # A version that prints FAIL computed something else (several twins fail with their target regions on the host):
  # its time is not comparable.
  [[ "$cu_t" == - ]] || ! grep -qw FAIL "$cu/.run.log" || cu_t=fail
  [[ "$omp_t" == - ]] || ! grep -qw FAIL "$omp/.run.log" || omp_t=fail
  ratio=-
  if [[ "$cu_t" != - && "$omp_t" != - && "$cu_t" != fail && "$omp_t" != fail ]]; then
    ratio="$(awk -v o="$omp_t" -v c="$cu_t" 'BEGIN { printf "%.2f", o / c }')"
    logsum="$(awk -v s="$logsum" -v o="$omp_t" -v c="$cu_t" 'BEGIN { printf "%.6f", s + log(o / c) }')"; pairs=$((pairs + 1))
  fi
  printf '%-24s %10s %10s %8s\n' "$n" "$cu_t" "$omp_t" "$ratio"
done
((pairs == 0)) || printf '%-24s %10s %10s %8.2f   (%d pairs where both finished within %ss and passed)\n' geomean "" "" "$(awk -v s="$logsum" -v n="$pairs" 'BEGIN { print exp(s / n) }')" "$pairs" "$limit"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
