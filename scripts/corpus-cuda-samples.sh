#!/usr/bin/env bash
# Builds NVIDIA's CUDA samples (../shared/corpus/cuda-samples, Samples/0_Introduction) unchanged with
# `translate build`, runs each on the devices asked for with the sample's own arguments and self-check,
# and prints one row per sample and the totals.
#
#   scripts/corpus-cuda-samples.sh [--devices cpu,opencl] [--timeout S] [--corpus DIR] [--chapter NAME|all]
#                                  [--markdown] [SAMPLE ...]
#
# --chapter picks the folder under Samples/ (default 0_Introduction; `all`: every chapter present, rows
# named CHAPTER/SAMPLE). The helper headers are read from the corpus's Common/ (or --common DIR).
#
# A sample passes on a device when it exits 0, prints no "FAILED"/"Test failed"/"Result = FAIL" and our
# runtime reported no error (a TRnnnn diagnostic: samples that do not check a launch would go on).
# A sample that exits 2 and says it is waived, or whose sources exit with EXIT_WAIVED (2: the samples' convention for
# "this device lacks what I need", e.g. compute capability 8.0 for tf32TensorCoreGemm), is "waived", not judged a pass.
# missing-input: the sample tried to open a data file that is not in the corpus (its failed opens are
# traced; the file's name is nowhere in the sample's corpus folder) — counted apart, not judged, never a pass.
# Samples that ask for peer access between GPUs run with TRANSLATE_DEVICE_COUNT=2 (identical devices sharing one).
# Samples outside the scope (OpenGL, MPI, NVRTC, IPC, CUDA libraries, the driver API's JIT linking and virtual
# memory) are listed as "out of scope" with the reason and not built. A driver-API sample is built as its CMakeLists.txt
# does: its kernel .cu compiled to the fat binary the program loads (`translate nvcc -fatbin`, PTX), its host code
# (.cpp) built and linked with our library, which is libcuda too. Nothing is written into the corpus: each sample is
# built and run in a scratch folder.
set -uo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/../shared/corpus/cuda-samples"
devices="cpu,opencl"
limit=120
chapter=0_Introduction
common=""
markdown=0
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --devices) devices="$2"; shift 2 ;;
    --timeout) limit="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --chapter) chapter="$2"; shift 2 ;;
    --common) common="$2"; shift 2 ;;
    --markdown) markdown=1; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) only+=("$1"); shift ;;
  esac
done
common="${common:-$corpus/Common}"
if [[ "$chapter" == all ]]; then sample_dirs=("$corpus"/Samples/*/*/); else sample_dirs=("$corpus/Samples/$chapter"/*/); fi
[[ -d "${sample_dirs[0]}" ]] || { echo "corpus-cuda-samples: no samples under $corpus/Samples/$chapter (use --corpus DIR, --chapter NAME)" >&2; exit 2; }
[[ -d "$common" ]] || { echo "corpus-cuda-samples: no helper headers at $common (use --common DIR)" >&2; exit 2; }

# Why a sample is out of scope (the issue's rule: OpenGL/EGL, MPI, NVRTC, IPC, several physical GPUs
# unless cheap, the driver API (the PTX issue), CUDA libraries).
out_of_scope() {
  case "$1" in
    *_nvrtc) echo "NVRTC (runtime compilation)" ;;
    vectorAddMMAP) echo "CUDA driver API: virtual memory management (cuMemCreate, cuMemMap)" ;;
    simpleCUDA2GL|simpleTexture3D) echo "OpenGL" ;;
    simpleMPI) echo "MPI" ;;
    simpleIPC) echo "inter-process memory" ;;
    UnifiedMemoryStreams) echo "cuBLAS" ;;
    *) out_of_scope_by_content "$2" ;;
  esac
}

# The same rule read from the sources, for samples this script has no name for (the other chapters).
out_of_scope_by_content() {
  local includes
  includes="$(grep -rhoE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"][^>"]+[>"]' "$1" 2>/dev/null | sed -E 's/.*[<"]([^>"]+)[>"]/\1/' | sort -u)"
  if grep -qE '^(GL/|GLES|EGL/|helper_gl|cuda_gl_interop|cudaEGL|vulkan|d3d|cuda_d3d)' <<<"$includes"; then echo "OpenGL/EGL/graphics interop"
  elif grep -qE '^mpi\.h$' <<<"$includes"; then echo "MPI"
  elif grep -qE '^nvrtc' <<<"$includes"; then echo "NVRTC (runtime compilation)"
  elif grep -qE '^(cublas|cufft|curand\.h|curand_kernel|cusparse|cusolver|npp|nvjpeg|thrust/|cub/|nvgraph|cutensor)' <<<"$includes"; then echo "CUDA libraries ($(grep -m1 -E '^(cublas|cufft|curand|cusparse|cusolver|npp|nvjpeg|thrust/|cub/|nvgraph|cutensor)' <<<"$includes"))"
  elif grep -rqE '\bcu(LinkCreate|MemCreate|MemMap)\b' "$1" 2>/dev/null; then echo "CUDA driver API: JIT linking or virtual memory management"
  elif grep -rqE '\bcudaIpc(Get|Open)' "$1" 2>/dev/null; then echo "inter-process memory"
  else return 1
  fi
}

# Host flags as NVIDIA's own build gives them. The samples' CMakeLists.txt set no build type and no -O,
# and nvcc's -O (host code only; device code is optimized by default) has no default, so the host
# compiler runs at its own default, -O0: `translate build` would use -O2. (simpleOccupancy's check
# computes i*i in int past INT_MAX; only unoptimized host code wraps it as the kernel does.)
# Plus what a CMakeLists.txt adds (OpenMP).
extra_flags() {
  echo "-X -O0"
  case "$1" in
    cudaOpenMP) echo "-X -fopenmp" ;;
  esac
}

# Environment a sample needs: two devices for the peer-to-peer one.
# Samples written for several GPUs (they ask for peer access between devices) run with two identical devices,
# decided from their sources rather than their names, so held-out samples get the same.
sample_env() {
  if grep -rqsE 'cudaDeviceCanAccessPeer|cudaDeviceEnablePeerAccess|cudaMemcpyPeer' "$1"; then echo "TRANSLATE_DEVICE_COUNT=2"; fi
}

# A data file (a name with an extension, opened as a file) the run failed to open, relative or inside
# its scratch copy, whose name is nowhere in the sample's corpus folder: NVIDIA ships such inputs in
# data/ folders this corpus does not include. (Directories and probes by libraries are not inputs.)
missing_input() {
  local opens="$1" work="$2" corpus_dir="$3" path
  grep -E '^[0-9]+ +open(at)?\(.*ENOENT' "$opens" 2>/dev/null | grep -v 'O_DIRECTORY' | grep -oE 'open(at)?\((AT_FDCWD, )?"[^"]*"' |
    sed -E 's/.*"([^"]*)"/\1/' | grep -vE '^/(usr|lib|etc|proc|sys|tmp/\.|dev|root|home)/|/\.cache/|\.so(\.|$)' |
    grep -E "^[^/]|^$work/" | grep -E '/?[^/]+\.[A-Za-z0-9]+$' | sort -u | while read -r path; do
      [[ -n "$(find "$corpus_dir" -name "$(basename "$path")" -print -quit)" ]] || { echo "${path#$work/}"; break; }
    done
}

# Whether our runtime reported an error the program may not have seen. A failed assert (TR0316) is
# not one: the program itself receives it as cudaErrorAssert, and its own check decides.
runtime_error() { grep -E 'error TR[0-9]{4}' "$1" | grep -qv 'error TR0316'; }

# Builds a sample in its scratch folder (the current directory) into ./NAME. A driver-API sample (it calls cuModuleLoad*)
# loads its kernels from the fat binary its sources name (FATBIN_FILE, or PTX_FILE), made from its .cu files; one with
# no .cu files carries its PTX in its sources. A sample that calls dlopen links libdl, as its CMakeLists.txt does.
build_sample() {
  local name="$1"; shift
  local sources=("$@") kernels=() hosts=() fatbin libs=()
  grep -qsE '\bdlopen\b' "${sources[@]}" && libs+=(-ldl)
  if grep -qsE '\bcuModuleLoad' "${sources[@]}" && grep -qsE '\.cu$' <(printf '%s\n' "${sources[@]}"); then
    for f in "${sources[@]}"; do if [[ "$f" == *.cu ]]; then kernels+=("$f"); else hosts+=("$f"); fi; done
    fatbin="$(grep -hoE '#define[[:space:]]+(FATBIN|PTX)_FILE[[:space:]]+"[^"]+"' "${hosts[@]}" | head -1 | sed -E 's/.*"([^"]+)"/\1/')"
    [[ ${#kernels[@]} -eq 1 && -n "$fatbin" ]] || { echo "error: a driver-API sample with ${#kernels[@]} kernel files and no FATBIN_FILE"; return 1; }
    "$translate" nvcc -fatbin -I "$common" "${header_dirs[@]}" -o "$fatbin" "${kernels[0]}" || return 1
    sources=("${hosts[@]}")
  fi
  # shellcheck disable=SC2046
  "$translate" build "${sources[@]}" -I "$common" "${header_dirs[@]}" $(extra_flags "$name") "${libs[@]}" -o "./$name"
}

translate="$repo/translate"
"$translate" --version >/dev/null || { echo "corpus-cuda-samples: translate does not build" >&2; exit 2; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
IFS=',' read -r -a device_list <<<"$devices"

total=0; built=0; oos=0; missing=0
declare -A passed sample_passed
row() {
  if [[ $markdown -eq 1 ]]; then local IFS='|'; echo "| ${*} |" | sed 's/|/ | /g; s/^ | /| /; s/ |  |$/ |/'
  else printf '%-28s %-10s' "$1" "$2"; shift 2; printf ' %-9s' "${@:1:${#device_list[@]}}"; shift ${#device_list[@]}; printf ' %s\n' "$*"; fi
}
if [[ $markdown -eq 1 ]]; then
  echo "| sample | build | ${devices//,/ | } | seconds | first diagnostic / note |"
  echo "|---|---|$(printf -- '---|%.0s' "${device_list[@]}")---|---|"
else
  row sample build "${device_list[@]}" "seconds  first diagnostic / note"
fi

for dir in "${sample_dirs[@]}"; do
  name="$(basename "$dir")"
  label="$name"; [[ "$chapter" == all ]] && label="$(basename "$(dirname "$dir")")/$name"
  if [[ ${#only[@]} -gt 0 && ! " ${only[*]} " =~ " $name " ]]; then continue; fi
  if reason="$(out_of_scope "$name" "$dir")"; then
    oos=$((oos + 1))
    cols=(); for _ in "${device_list[@]}"; do cols+=("-"); done
    row "$label" "-" "${cols[@]}" "-" "out of scope: $reason"
    continue
  fi
  total=$((total + 1))
  work="$scratch/$name"; cp -r "$dir" "$work"
  start=$SECONDS
  # Every source of the sample, also in sub-folders (src/), and every folder holding headers (inc/).
  mapfile -t sources < <(cd "$work" && find . -name '*.cu' -o -name '*.cpp' -o -name '*.c' | sed 's|^\./||' | sort)
  mapfile -t header_dirs < <(cd "$work" && find . -mindepth 2 \( -name '*.h' -o -name '*.cuh' -o -name '*.hpp' \) -printf '-I%h\n' | sort -u)
  # shellcheck disable=SC2046
  if (cd "$work" && build_sample "$name" "${sources[@]}" >"$work/build.log" 2>&1); then
    built=$((built + 1)); build=ok; note=""; sample_missing=0; sample_passed=()
    cols=()
    for dev in "${device_list[@]}"; do
      # shellcheck disable=SC2046
      (cd "$work" && env TRANSLATE_DEVICE="$dev" $(sample_env "$dir") timeout "$limit" \
        strace -f -qq --seccomp-bpf -e trace=open,openat,stat,lstat,newfstatat,statx,access -e status=failed -o "$work/opens-$dev" \
        "./$name" >"$work/run-$dev.log" 2>&1)
      status=$?
      absent="$(missing_input "$work/opens-$dev" "$work" "$dir")"
      if [[ $status -eq 124 ]]; then result=timeout
      elif [[ -n "$absent" ]]; then result=missing-input; sample_missing=1; [[ -z "$note" ]] && note="cannot open $absent (not in the corpus)"
      elif [[ $status -eq 0 ]] && ! grep -qE 'FAILED|Result = FAIL|Test failed|test failed' "$work/run-$dev.log" && ! runtime_error "$work/run-$dev.log"; then result=pass; sample_passed[$dev]=1
      elif [[ $status -eq 2 ]] && { grep -qi 'waiv' "$work/run-$dev.log" || grep -qs 'exit(EXIT_WAIVED)' "$dir"/*.cu "$dir"/*.cpp; }; then result=waived
      else result="fail($status)"; [[ -z "$note" ]] && note="$dev: $(grep -m1 -iE 'error|TR[0-9]{4}|fail' "$work/run-$dev.log" | sed "s|translate runtime: ||; s|device code of [^ ]*: ||; s|$work/||g" | cut -c1-140)"
      fi
      cols+=("$result")
    done
    missing=$((missing + sample_missing))
    # A sample with a missing input is not judged, so a pass on another device does not count either.
    if [[ $sample_missing -eq 0 ]]; then for dev in "${!sample_passed[@]}"; do passed[$dev]=$(( ${passed[$dev]:-0} + 1 )); done; fi
  else
    build=fail; cols=(); for _ in "${device_list[@]}"; do cols+=("-"); done
    note="$(grep -m1 -E 'error' "$work/build.log" | sed "s|$work/||; s|$corpus/||" | cut -c1-140)"
  fi
  row "$label" "$build" "${cols[@]}" "$((SECONDS - start))" "$note"
done

judged=$((total - missing))
summary="in scope: $total (out of scope: $oos); missing input: $missing; judged: $judged; built: $built"
for dev in "${device_list[@]}"; do summary+="; pass on $dev: ${passed[$dev]:-0}"; ((judged > 0)) && summary+=" ($((100 * ${passed[$dev]:-0} / judged))%)"; done
echo
echo "$summary"
