#!/usr/bin/env bash
# Prepares a machine (Debian or Ubuntu) to build, test and run Translate. Safe to run again:
# it installs only what is missing and does nothing else when everything is there.
set -euo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages Translate needs at build, test or run time:
#   libclang1-19, libclang-common-19-dev  the CUDA frontend (libclang and clang's own headers)
#   libllvm19, llvm-19                    the LLVM backends (cpu, later ptx/amdgcn) and llc/readelf/objdump for checks
#   clang-19                              reference compilations in tests (and build mode later)
#   ocl-icd-libopencl1, pocl-opencl-icd   the opencl device, with PoCL as the CPU OpenCL driver
#   spirv-tools, spirv-headers            spirv-val for emitted SPIR-V; the grammar the tables come from
#   lld-19                                ld.lld-19 links AMDGPU code objects
#   llvm-spirv-15                         a second SPIR-V consumer in tests (the Khronos translator reads ours back)
#   libomp-19-dev                         OpenMP for host code in build mode (`nvcc -Xcompiler -fopenmp`: omp.h, libomp)
#   cmake, make                           CMake CUDA projects built with translate-nvcc (the CMake sample's test)
#   guile-3.0, guile-json, python3-numpy, python3-llvmlite, python3-munch
#                                         llama.lisp's own compiler and GPU test runner, run against our libcuda.so.1
#                                         (scripts/llama-lisp-kernels.sh)
DEBIAN_PACKAGES=(
  libclang1-19 libclang-common-19-dev
  libllvm19 llvm-19
  clang-19
  ocl-icd-libopencl1 pocl-opencl-icd
  spirv-tools spirv-headers llvm-spirv-15
  lld-19
  libomp-19-dev
  libffi8
  cmake make
  guile-3.0 guile-json python3-numpy python3-llvmlite python3-munch
)

# The .NET SDK major version the solution targets.
DOTNET_CHANNEL=10.0

say() { echo "setup: $*" >&2; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "need root to run: $*  (run this script as root, or install sudo)"; exit 1
  fi
}

apt_updated=0
# Installs the Debian packages named, those not installed yet, with one apt-get update first.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    say "please install these packages with your package manager: ${missing[*]}"; exit 1
  fi
  say "installing ${missing[*]}"
  if [[ $apt_updated -eq 0 ]]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

find_dotnet() {
  if command -v dotnet >/dev/null 2>&1; then command -v dotnet; return; fi
  local d
  for d in "${DOTNET_ROOT:-}" "$HOME/.dotnet"; do
    if [[ -n "$d" && -x "$d/dotnet" ]]; then echo "$d/dotnet"; return; fi
  done
  return 1
}

has_sdk() { "$1" --list-sdks 2>/dev/null | grep -q "^${DOTNET_CHANNEL%%.*}\."; }

# 1. The .NET SDK: kept if present; otherwise Microsoft's installer puts it in ~/.dotnet
#    (no system change; ./translate and the scripts look there too).
if dotnet="$(find_dotnet)" && has_sdk "$dotnet"; then
  :
else
  say ".NET SDK $DOTNET_CHANNEL not found; installing it into ~/.dotnet"
  apt_install ca-certificates curl libicu-dev
  installer="$(mktemp)"
  curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$installer"
  bash "$installer" --channel "$DOTNET_CHANNEL" --install-dir "$HOME/.dotnet" >&2
  rm -f "$installer"
  dotnet="$HOME/.dotnet/dotnet"
  has_sdk "$dotnet" || { say "the .NET SDK install failed; see https://learn.microsoft.com/dotnet/core/install/linux-debian"; exit 1; }
  say "installed; add it to PATH with: export PATH=\"\$HOME/.dotnet:\$PATH\""
fi

# 2. Native libraries and tools.
if [[ ${#DEBIAN_PACKAGES[@]} -gt 0 ]]; then apt_install "${DEBIAN_PACKAGES[@]}"; fi

# 3. NuGet packages, so that later builds need no network.
DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 "$dotnet" restore "$repo/Translate.sln" --verbosity quiet >&2
# The build-mode runtime library (NativeAOT, net9.0; not in the solution): its ILCompiler packages.
DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 "$dotnet" restore "$repo/runtime/Native/Translate.Runtime.Native.csproj" \
  -p:TranslateNative=true --verbosity quiet >&2
say "ready"
