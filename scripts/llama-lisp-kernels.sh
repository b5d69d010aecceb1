#!/usr/bin/env bash
# Runs llama.lisp's own GPU test runner (src/compiler/backend/tests/kernelprog: each spec's kernel compiled by upstream's
# compiler — guile, its Python passes, LLVM 19's opt and llc — to PTX, loaded and launched through the CUDA driver API
# from Python's ctypes, checked with NumPy) unchanged against our libcuda.so.1, kernels on TRANSLATE_DEVICE.
#
#   scripts/llama-lisp-kernels.sh [--device cpu|interp|opencl] [--corpus DIR] [SPEC ...]
#
# It runs in a scratch copy of the corpus; upstream calls `python`, `opt` and `llc`, which here are Debian's python3
# (where python3-numpy, python3-llvmlite and python3-munch are) and LLVM 19's tools. Prints upstream's own lines
# (NAME: PASSED / FAILED) and "N/M tests passed"; exits 0 when all passed.
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/../shared/corpus/llama-lisp"
device=cpu
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) only+=("$1"); shift ;;
  esac
done
runner="$corpus/src/compiler/backend/tests/kernelprog"
[[ -f "$runner/kernel_runner.py" ]] || { echo "llama-lisp-kernels: no kernel runner under $corpus" >&2; exit 2; }
for tool in guile /usr/bin/python3 opt-19 llc-19; do
  command -v "$tool" >/dev/null || { echo "llama-lisp-kernels: $tool is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done
library="$(dirname "$("$repo/scripts/build-runtime.sh")")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s /usr/bin/python3 "$scratch/bin/python"
ln -s "$(command -v opt-19)" "$scratch/bin/opt"
ln -s "$(command -v llc-19)" "$scratch/bin/llc"
cp -r "$corpus/src" "$scratch/llama-lisp"
tests="$scratch/llama-lisp/compiler/backend/tests/kernelprog"
export PATH="$scratch/bin:$PATH" LD_LIBRARY_PATH="$library${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" TRANSLATE_DEVICE="$device"
export GUILE_AUTO_COMPILE=0
passed=0; total=0
for dir in "$tests"/*/; do
  name="$(basename "$dir")"
  [[ -f "$dir/test.py" ]] || continue
  if [[ ${#only[@]} -gt 0 && ! " ${only[*]} " =~ " $name " ]]; then continue; fi
  total=$((total + 1))
  if (cd "$dir" && python ../kernel_runner.py test.py >"$scratch/$name.out" 2>"$scratch/$name.err"); then
    passed=$((passed + 1)); cat "$scratch/$name.out"
  else
    echo "$name: FAILED"; cat "$scratch/$name.out"; grep -E 'error TR[0-9]{4}|Error|error' "$scratch/$name.err" | head -3 || true
  fi
done
echo "$passed/$total tests passed"
[[ $passed -eq $total ]]
