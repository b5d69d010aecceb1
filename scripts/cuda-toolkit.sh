#!/usr/bin/env bash
# Writes the CUDA toolkit layout that build systems inspecting nvcc see (CMake: CMAKE_CUDA_COMPILER=<repo>/translate-nvcc,
# FindCUDAToolkit, CUDA::cudart) into .build/cuda-toolkit, when missing or stale, and prints its path:
#   include/              our CUDA headers
#   lib64/libcudart.so    a linker script naming build mode's runtime library by its full path (so executables find
#                         it without an rpath); libcudart_static.a the same (the runtime is one shared library);
#                         libcuda.so (and stubs/libcuda.so, where FindCUDAToolkit looks) the same: that library is
#                         the driver API too;
#                         libcudadevrt.a an empty archive (device-side launches are lifted, not linked)
#   nvvm/libdevice/       empty: where CMake expects the toolkit's library root
#   bin/nvcc              translate-nvcc
#   version.json          the CUDA version whose runtime API is implemented
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$repo/.build/cuda-toolkit"
library="$("$repo/scripts/build-runtime.sh")"
script="INPUT($library)"
if [[ ! -f "$root/lib64/libcudart.so" || "$(cat "$root/lib64/libcudart.so")" != "$script" || ! -e "$root/include/cuda_runtime.h" \
      || ! -f "$root/lib64/libcuda.so" ]]; then
  mkdir -p "$root.new/lib64/stubs" "$root.new/nvvm/libdevice" "$root.new/bin"
  printf '%s\n' "$script" > "$root.new/lib64/libcudart.so"
  printf '%s\n' "$script" > "$root.new/lib64/libcuda.so"
  printf '%s\n' "$script" > "$root.new/lib64/stubs/libcuda.so"
  printf '%s\n' "$script" > "$root.new/lib64/libcudart_static.a"
  printf '!<arch>\n' > "$root.new/lib64/libcudadevrt.a"
  ln -sfn "$repo/translator/Frontend/include" "$root.new/include"
  ln -sfn "$repo/translate-nvcc" "$root.new/bin/nvcc"
  printf '{ "cuda": { "name": "CUDA SDK (Translate)", "version": "12.4.0" }, "cuda_cudart": { "name": "CUDA Runtime (Translate)", "version": "12.4.0" } }\n' > "$root.new/version.json"
  rm -rf "$root" && mv "$root.new" "$root"
fi
echo "$root"
