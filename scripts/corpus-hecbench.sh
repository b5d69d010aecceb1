#!/usr/bin/env bash
# Builds and runs HeCBench CUDA benchmarks (../shared/corpus/hecbench/src/*-cuda) as a user would:
# each benchmark's own Makefile with `make CC="<repo>/translate nvcc" ARCH=sm_60`, then `make run`
# under a time limit. Works on a copy in a scratch directory (the corpus is never written).
# Prints one row per benchmark — status and the first diagnostic — then the totals.
#
#   scripts/corpus-hecbench.sh [--device cpu|opencl] [--timeout S] [--build-timeout S] [--jobs N]
#                              [--scratch DIR] [--reuse] [--build-only | --run-only] [--markdown]
#                              [--corpus DIR] [NAME ...]
#
# --corpus DIR: another folder of HeCBench-style benchmarks (DIR/NAME-cuda, each with its Makefile).
#
# The current build of translate and its runtime library is copied into the scratch directory first,
# so edits to the sources during a long measurement do not rebuild it half-way (--reuse: measure with
# the copy already in --scratch DIR instead, e.g. to compare devices with the same build).
#
# --run-only runs the benchmarks already built in --scratch DIR (by an earlier --build-only) without
# building them again: the executables load the runtime library copied into DIR now, so this measures
# runtime changes in minutes.
#
# Status: build-fail (the Makefile's build failed), pass (`make run` exits 0, prints PASS, no FAIL),
# no-check (exits 0 printing neither PASS nor FAIL nor a TRnnnn diagnostic: a benchmark without a self-check; not
# a pass), fail, timeout (run past --timeout seconds, default 60), missing-input (the program tried to open a
# file that is not in the corpus — found by tracing its failed opens and stats, so a program that prints PASS
# without checking its input still counts here, not as a pass).
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/../shared/corpus/hecbench/src"
device="${TRANSLATE_DEVICE:-cpu}" timeout=60 build_timeout=600 jobs=1 scratch="" markdown=0 build_only=0 reuse=0 run_only=0
names=()

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while (($#)); do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --build-timeout) build_timeout="$2"; shift 2 ;;
    --jobs|-j) jobs="$2"; shift 2 ;;
    --scratch) scratch="$2"; shift 2 ;;
    --corpus) corpus="$(cd -P "$2" && pwd)"; shift 2 ;;
    --markdown) markdown=1; shift ;;
    --build-only) build_only=1; shift ;;
    --run-only) run_only=1; shift ;;
    --reuse) reuse=1; shift ;;
    --one) shift; one="$1"; shift ;;   # internal: run one benchmark (used for --jobs)
    -h|--help) usage 0 ;;
    -*) echo "corpus-hecbench: unknown option $1" >&2; usage 2 ;;
    *) names+=("${1%-cuda}-cuda"); shift ;;
  esac
done
[[ -d "$corpus" ]] || { echo "corpus-hecbench: no corpus at $corpus" >&2; exit 2; }

# First line of FILE matching one of the patterns, trimmed to one short line (no scratch paths).
first_match() {
  local file="$1"; shift
  local line
  for pat in "$@"; do
    line="$(grep -m1 -E -- "$pat" "$file" 2>/dev/null || true)"
    if [[ -n "$line" ]]; then
      line="${line//$work\//}"
      printf '%s' "${line:0:200}" | tr -d '\r' | tr '\t' ' '
      return
    fi
  done
}

run_one() {
  local name="$1"
  work="$scratch/src/$name"
  local res="$scratch/results/$name"
  local status diag=""
  if ((run_only)); then
    # Built before: skip the build, or keep its verdict when it failed.
    if [[ -f "$res.tsv" ]] && [[ "$(cut -f2 "$res.tsv")" == build-fail ]]; then return; fi
  else
    rm -rf "$work"; cp -r "$corpus/$name" "$work"; chmod -R u+w "$work"
  fi
  # Build with the benchmark's own Makefile (its `program` target).
  if ((! run_only)) && ! timeout -k 5 "$build_timeout" make -C "$work" CC="$scratch/translate nvcc" ARCH=sm_60 >"$res.build" 2>&1; then
    status=build-fail
    diag="$(first_match "$res.build" ' error TR[0-9]{4}: [^l]' 'undefined reference' 'error:' ' error TR[0-9]+' 'Error|error' '.')"
    [[ -n "$diag" ]] || diag="build timed out after ${build_timeout}s"
  elif ((build_only)); then status=built
  else
    # Run `make run`; failed opens are traced (seccomp filter: only open calls stop) to spot missing inputs.
    local launcher="strace -f -qq --seccomp-bpf -e trace=open,openat,stat,lstat,newfstatat,statx,access -e status=failed -A -o $work/.opens"
    local rc=0
    TRANSLATE_DEVICE="$device" timeout -k 5 "$timeout" make -C "$work" run LAUNCHER="$launcher" >"$res.run" 2>&1 || rc=$?
    # A missing input: a failed open of a relative path or of a path inside the benchmark's copy. A bare
    # name with neither directory nor extension is not an input: PoCL probes "include" when it compiles.
    local missing
    missing="$(grep -E 'ENOENT' "$work/.opens" 2>/dev/null | grep -oE '(open|stat|lstat|newfstatat|statx|access)(at)?\((AT_FDCWD, )?"[^"]*"' |
               sed -E 's/.*"([^"]*)"/\1/' | grep -vE '^/(usr|lib|etc|proc|sys|tmp|dev|root|home)/|/\.cache/|\.so(\.|$)|^[^/.]+$' |
               grep -E "^[^/]|^$work/" | head -1 || true)"
    if ((rc == 124 || rc == 137)); then status=timeout; diag="no result within ${timeout}s"
    elif [[ -n "$missing" ]]; then status=missing-input; diag="cannot open ${missing#$work/} (not in the corpus)"
    elif ((rc == 0)) && grep -q 'PASS' "$res.run" && ! grep -q 'FAIL' "$res.run"; then status=pass
    elif ((rc == 0)) && ! grep -qE 'PASS|FAIL| TR[0-9]{4}' "$res.run"; then
      status=no-check; diag="exit status 0, printed neither PASS nor FAIL"
    else
      status=fail
      diag="$(first_match "$res.run" ' TR[0-9]{4}' 'FAIL' '[Ee]rror' 'Segmentation|Aborted|core dumped')"
      [[ -n "$diag" ]] || diag="exit status $rc"
    fi
  fi
  printf '%s\t%s\t%s\n' "$name" "$status" "$diag" >"$res.tsv"
}

if [[ -n "${one:-}" ]]; then run_one "$one"; exit 0; fi

if ((${#names[@]} == 0)); then
  for d in "$corpus"/*-cuda; do names+=("$(basename "$d")"); done
fi
for n in "${names[@]}"; do [[ -d "$corpus/$n" ]] || { echo "corpus-hecbench: no benchmark $n in $corpus" >&2; exit 2; }; done

[[ -n "$scratch" ]] || scratch="$(mktemp -d /tmp/hecbench.XXXXXX)"
mkdir -p "$scratch/src" "$scratch/results"
# The whole tree (a few MB): some Makefiles use a sibling's files (boxfilter-cuda reads ../boxfilter-sycl).
if ((run_only)); then
  [[ -d "$scratch/src" ]] || { echo "corpus-hecbench: --run-only: nothing built in $scratch (run --build-only first)" >&2; exit 2; }
else
  rm -rf "$scratch/src"; cp -r "$corpus" "$scratch/src"; chmod -R u+w "$scratch/src" # the corpus is read-only
fi
# Build translate and its runtime library once, then measure with a copy of that build.
if ((reuse)); then
  [[ -x "$scratch/translate" ]] || { echo "corpus-hecbench: --reuse: no translate in $scratch" >&2; exit 2; }
else
  "$repo/translate" --version >/dev/null
  runtime="$("$repo/scripts/build-runtime.sh")"
  rm -rf "$scratch/bin" "$scratch/native"
  cp -r "$repo/.build/bin" "$scratch/bin"; cp -r "$(dirname "$runtime")" "$scratch/native"
  dotnet="$(command -v dotnet || echo "$HOME/.dotnet/dotnet")"
  printf '#!/bin/sh\nTRANSLATE_RUNTIME_LIBRARY=%s exec %s %s "$@"\n' \
    "$scratch/native/libtranslate-cudart.so" "$dotnet" "$scratch/bin/translate.dll" >"$scratch/translate"
  chmod +x "$scratch/translate"
fi
echo "corpus-hecbench: ${#names[@]} benchmarks, device $device, run limit ${timeout}s, scratch $scratch" >&2

export scratch
printf '%s\n' "${names[@]}" | xargs -P "$jobs" -I{} "${BASH_SOURCE[0]}" --device "$device" --timeout "$timeout" \
  --build-timeout "$build_timeout" --scratch "$scratch" --corpus "$corpus" $( ((build_only)) && echo --build-only) $( ((run_only)) && echo --run-only) --one {}

declare -A count=()
total=0
((markdown)) && { echo "| benchmark | $device | first diagnostic |"; echo "|---|---|---|"; }
for n in "${names[@]}"; do
  IFS=$'\t' read -r name status diag <"$scratch/results/$n.tsv"
  count[$status]=$(( ${count[$status]:-0} + 1 )); total=$((total + 1))
  if ((markdown)); then printf '| %s | %s | %s |\n' "${name%-cuda}" "$status" "${diag//|/\\|}"
  else printf '%-28s %-14s %s\n' "${name%-cuda}" "$status" "$diag"; fi
done
built=$((total - ${count[build-fail]:-0}))
echo
echo "total $total: built $built ($((100 * built / total))%), pass ${count[pass]:-0}, no-check ${count[no-check]:-0}, fail ${count[fail]:-0}, timeout ${count[timeout]:-0}," \
     "missing-input ${count[missing-input]:-0}, build-fail ${count[build-fail]:-0} (device $device, limit ${timeout}s)"
judged=$((total - ${count[missing-input]:-0}))
((build_only)) || ((judged == 0)) || echo "pass rate without missing inputs: ${count[pass]:-0} of $judged ($((100 * ${count[pass]:-0} / judged))%)"
