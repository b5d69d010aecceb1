#!/usr/bin/env bash
# Measures `translate lift --dialect upstream` (docs/ir/upstream-dialect.md) on CUDA files: how many kernels have an
# upstream spelling, whether upstream llama.lisp's own compiler accepts the output and llc-19 makes PTX of it, and
# the PTX instruction counts of each kernel against ours (`translate compile --target ptx --arch sm_86`).
#
#   scripts/upstream-dialect.sh [--corpus DIR] [--keep DIR] [FILE.cu ...]     (default: every .cu under cuda-samples/)
#
# Upstream's pipeline as tests/kernelprog/kernel_runner.py's compile_kernel runs it: guile utils/sexp-json.scm |
# c-lisp.py | brilisp.py | llvm.py (Debian's /usr/bin/python3, GUILE_AUTO_COMPILE=0), the datalayout and triple set
# to NVPTX's, an nvvm.annotations entry per kernel (named by the dialect's first-line comment), then llc-19
# -mcpu=sm_86 at -O0 (the runner's default) and, for the comparison, opt-19 -O3 and llc-19 -O3.
# Prints one line per file and per kernel, then totals. Instructions: PTX lines ending in ';' that are not
# declarations (.reg, .param, .shared, .local, .global, .const ...), counted in the kernel's .entry body.
set -uo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/../shared/corpus/llama-lisp"
keep=""
files=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
backend="$corpus/src/compiler/backend"
[[ -f "$backend/c-lisp.py" ]] || { echo "upstream-dialect: no upstream compiler under $corpus" >&2; exit 2; }
for tool in guile /usr/bin/python3 llc-19 opt-19; do
  command -v "$tool" >/dev/null || { echo "upstream-dialect: $tool is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done
if [[ ${#files[@]} -eq 0 ]]; then mapfile -t files < <(cd "$repo" && find cuda-samples -name '*.cu' | sort); fi
work="${keep:-$(mktemp -d)}"; mkdir -p "$work"
[[ -n "$keep" ]] || trap 'rm -rf "$work"' EXIT
export GUILE_AUTO_COMPILE=0

count() { # FILE.ptx KERNEL -> instructions in the kernel's .entry body
  /usr/bin/python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r'\.entry\s+' + re.escape(sys.argv[2]) + r'\s*\(', text)
if not m: print("?"); sys.exit()
body = text[text.index('{', m.end()):]
depth, n = 0, 0
for line in body.splitlines():
    depth += line.count('{') - line.count('}')
    s = line.strip()
    if s.endswith(';') and not re.match(r'\.(reg|param|shared|local|global|const|loc|pragma|maxntid|reqntid)\b', s) and not s.startswith('//'):
        n += 1
    if depth <= 0: break
print(n)
PY
}

upstream_ptx() { # IN.sexp OUT-STEM KERNELS... -> OUT-STEM.O0.ptx, OUT-STEM.O3.ptx; stderr in OUT-STEM.err
  local sexp="$1" stem="$2"; shift 2
  (cd "$backend" && guile utils/sexp-json.scm <"$sexp" | /usr/bin/python3 c-lisp.py | /usr/bin/python3 brilisp.py | /usr/bin/python3 llvm.py) \
    >"$stem.raw.ll" 2>"$stem.err" || return 1
  { sed -e 's/^target datalayout.*/target datalayout = "e-p:64:64:64-i1:8:8-i8:8:8-i16:16:16-i32:32:32-i64:64:64-f32:32:32-f64:64:64-v16:16:16-v32:32:32-v64:64:64-v128:128:128-n16:32:64"/' \
        -e 's/^target triple.*/target triple = "nvptx64-nvidia-cuda"/' "$stem.raw.ll"
    local refs=() i=2
    for k in "$@"; do refs+=("!$i"); i=$((i + 1)); done
    echo "!nvvm.annotations = !{$(IFS=,; echo "${refs[*]}" | sed 's/,/, /g')}"
    i=2; for k in "$@"; do echo "!$i = !{ptr @$k, !\"kernel\", i32 1}"; i=$((i + 1)); done
  } >"$stem.ll"
  # Upstream returns a value through an alloca sized by a variable: llc -O0 needs PTX ISA 7.3 for that, which
  # upstream's runner (void kernels only) never asks for. Such files are compiled again with it and marked.
  if ! llc-19 -mcpu=sm_86 -O0 -o "$stem.O0.ptx" "$stem.ll" 2>"$stem.llc.err"; then
    grep -q 'dynamic alloca' "$stem.llc.err" || { cat "$stem.llc.err" >>"$stem.err"; return 1; }
    llc-19 -mcpu=sm_86 -mattr=+ptx73 -O0 -o "$stem.O0.ptx" "$stem.ll" 2>>"$stem.err" || return 1
    touch "$stem.ptx73"
  fi
  opt-19 -O3 -S "$stem.ll" 2>>"$stem.err" | llc-19 -mcpu=sm_86 -O3 -o "$stem.O3.ptx" 2>>"$stem.err" || return 1
}

files_total=0 files_lifted=0 files_compiled=0 kernels_total=0 kernels_spelled=0 kernels_compiled=0
sum_o0=0 sum_o3=0 sum_ours=0 ptx73=0
for cu in "${files[@]}"; do
  files_total=$((files_total + 1))
  # Paths are the repository's (cuda-samples/...) unless absolute.
  if [[ "$cu" == /* ]]; then source="$cu"; else source="$repo/$cu"; fi
  stem="$work/$(echo "$cu" | tr '/' '_' | sed 's/\.cu$//')"
  "$repo/translate" lift "$source" --dialect upstream -o "$stem.sexp" 2>"$stem.lift.err"
  lifted=$?
  note="$(grep -- '--dialect upstream:' "$stem.lift.err" | tail -1)"
  total="$(echo "$note" | sed -n 's/.* \([0-9]*\) of \([0-9]*\) kernels.*/\2/p')"
  spelled="$(echo "$note" | sed -n 's/.* \([0-9]*\) of \([0-9]*\) kernels.*/\1/p')"
  kernels_total=$((kernels_total + ${total:-0})); kernels_spelled=$((kernels_spelled + ${spelled:-0}))
  # Exit status 1 with a file: some kernels were refused, the others written.
  if [[ $lifted -ne 0 && ! -s "$stem.sexp" ]]; then
    why="$(grep -o 'error TR[0-9]*: .*' "$stem.lift.err" | head -3 | tr '\n' ' ')"
    echo "$cu: kernels ${spelled:-0}/${total:-0} spelled; not written: ${why:-see $stem.lift.err}"
    continue
  fi
  files_lifted=$((files_lifted + 1))
  read -r -a kernels < <(head -1 "$stem.sexp" | sed 's/.*kernels: //')
  if ! upstream_ptx "$stem.sexp" "$stem.up" "${kernels[@]}"; then
    echo "$cu: kernels $spelled/$total spelled; upstream's compiler failed: $(grep -v '^\s*$' "$stem.up.err" | tail -2 | tr '\n' ' ' | cut -c1-300)"
    continue
  fi
  files_compiled=$((files_compiled + 1)); kernels_compiled=$((kernels_compiled + ${#kernels[@]}))
  "$repo/translate" compile "$source" --target ptx --arch sm_86 -o "$stem.ours.ptx" 2>/dev/null || { echo "$cu: our ptx failed"; continue; }
  extra=""; [[ -f "$stem.up.ptx73" ]] && { extra=" (llc -O0 with -mattr=+ptx73: a function returning a value)"; ptx73=$((ptx73 + 1)); }
  echo "$cu: kernels $spelled/$total spelled, upstream compiled all ${#kernels[@]}$extra"
  for k in "${kernels[@]}"; do
    o0="$(count "$stem.up.O0.ptx" "$k")"; o3="$(count "$stem.up.O3.ptx" "$k")"; ours="$(count "$stem.ours.ptx" "$k")"
    echo "  $k: upstream -O0 $o0, upstream opt/llc -O3 $o3, ours $ours"
    [[ "$o0$o3$ours" =~ ^[0-9]+$ ]] && { sum_o0=$((sum_o0 + o0)); sum_o3=$((sum_o3 + o3)); sum_ours=$((sum_ours + ours)); }
  done
done
echo "files: $files_total, written under --dialect upstream: $files_lifted, compiled to PTX by upstream: $files_compiled ($ptx73 of them with -mattr=+ptx73 at -O0)"
echo "kernels: $kernels_total, with an upstream spelling: $kernels_spelled, compiled to PTX by upstream (in written files): $kernels_compiled"
echo "instructions over the compiled kernels: upstream -O0 $sum_o0, upstream -O3 $sum_o3, ours $sum_ours"
