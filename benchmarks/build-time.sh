#!/usr/bin/env bash
# benchmarks/build-time.sh [SAMPLE ...] — `translate build` of NVIDIA samples (0_Introduction) against clang++-19 -c of
# the same file's host side, the baseline a build script compares with: the exact host compilation translate runs
# (taken from `translate build -v`, with an empty device image for the one it reads from standard input), measured in
# the same minutes. Prints, per sample, the best of 3 wall-clock times of each and their ratio (translate / clang),
# then the geometric mean of the ratios. Needs the corpus beside the repository (../shared/corpus).
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
corpus="$(cd "$repo/../shared/corpus/cuda-samples" && pwd)"
samples=("$@")
[ ${#samples[@]} -gt 0 ] || samples=(vectorAdd matrixMul simpleTemplates asyncAPI clock simpleAtomicIntrinsics)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/empty.image"

best() { # best of 3 wall-clock seconds of a command
  local b=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || return 1; e=$(date +%s.%N)
    b=$(echo "$s $e ${b:-999}" | awk '{ t = $2 - $1; print (t < $3 ? t : $3) }')
  done
  echo "$b"
}

"$repo/translate" --version >/dev/null # publish and warm up before measuring
printf '%-24s %10s %10s %7s\n' sample "build (s)" "clang (s)" ratio
product=1; n=0
for s in "${samples[@]}"; do
  src="$corpus/Samples/0_Introduction/$s/$s.cu"
  [ -f "$src" ] || { echo "$s: no $src" >&2; continue; }
  # Every source of the sample goes into the build (simpleAtomicIntrinsics has a _cpu.cpp); the baseline is every
  # compilation translate runs (one per source), one after another.
  mapfile -t sources < <(ls "$(dirname "$src")"/*.cu "$(dirname "$src")"/*.cpp 2>/dev/null)
  host=$("$repo/translate" build -v "${sources[@]}" -I "$corpus/Common" -o "$work/exe" 2>&1 | grep -- ' -c ' | sed 's/^+ //') \
    || { echo "$s: translate build -v failed" >&2; continue; }
  host=${host//\/dev\/stdin/$work\/empty.image}
  host=$(echo "$host" | sed "s| -o [^ ]*\.o| -o $work/host.o|" | paste -sd'&' | sed 's/&/ \&\& /g')
  t=$(best "$repo/translate" build "${sources[@]}" -I "$corpus/Common" -o "$work/exe") || { echo "$s: translate build failed" >&2; continue; }
  c=$(best bash -c "$host") || { echo "$s: the host compilation failed" >&2; continue; }
  r=$(echo "$t $c" | awk '{ printf "%.2f", $1 / $2 }')
  printf '%-24s %10.2f %10.2f %7s\n' "$s" "$t" "$c" "$r"
  product=$(echo "$product $r" | awk '{ print $1 * $2 }'); n=$((n + 1))
done
[ "$n" -gt 0 ] && echo "geomean ratio over $n samples: $(echo "$product $n" | awk '{ printf "%.2f", exp(log($1) / $2) }')"
