#!/usr/bin/env bash
# Publishes the CUDA runtime library of build mode (runtime/Native, NativeAOT) into .build/native,
# when it is missing or older than its sources. Prints the library's path.
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/.build/native"
lib="$out/libtranslate-cudart.so"
stamp="$out/stamp"
log="$out/publish.log"

stale() {
  [[ -f "$stamp" && -f "$lib" ]] || { echo missing; return; }
  find "$repo/runtime" "$repo/ir" "$repo/device-contract" "$repo/backends" "$repo/translator/Frontend" "$repo"/Directory.Build.* \
    \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$stamp" -print -quit 2>/dev/null
}

if [[ -n "$(stale)" ]]; then
  mkdir -p "$out"
  exec 9>"$out/lock"
  command -v flock >/dev/null 2>&1 && flock 9
  if [[ -n "$(stale)" ]]; then
    [[ -t 2 ]] && echo "translate: building the CUDA runtime library (NativeAOT; first use or sources changed) ..." >&2
    touch "$stamp.new"
    if DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet publish "$repo/runtime/Native/Translate.Runtime.Native.csproj" \
         -c Release -p:TranslateNative=true -o "$out" -nologo >"$log" 2>&1; then
      mv -f "$stamp.new" "$stamp"
      # The same library is the CUDA driver API's libcuda.so.1 (one device for both APIs).
      ln -sfn libtranslate-cudart.so "$out/libcuda.so.1"
      ln -sfn libcuda.so.1 "$out/libcuda.so"
    else
      echo "translate: building the CUDA runtime library failed; $log says:" >&2
      grep -E ': (error|warning) ' "$log" | sort -u >&2 || tail -n 40 "$log" >&2
      exit 1
    fi
  fi
fi
echo "$lib"
