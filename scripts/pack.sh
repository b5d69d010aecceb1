#!/usr/bin/env bash
# Packs Translate for NuGet into OUT (default .build/packages):
#   Translate.Tool — the `translate` command as a .NET tool, with the build-mode CUDA runtime library (linux-x64) inside;
#   Translate.Api  — the .NET API (api/Library), its dependencies and our CUDA headers inside.
#   scripts/pack.sh [OUT] [more dotnet pack options]
# Install the tool from there:  dotnet tool install --global --add-source OUT Translate.Tool
# (or --tool-path DIR). The tool needs Debian's clang-19, libclang1-19 and llvm-19 (scripts/setup.sh installs them).
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/.build/packages}" && cd -P "${1:-$repo/.build/packages}" && pwd)"
shift $(( $# > 0 ? 1 : 0 ))
dotnet=dotnet
command -v dotnet >/dev/null 2>&1 || dotnet="${DOTNET_ROOT:-$HOME/.dotnet}/dotnet"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
library="$("$repo/scripts/build-runtime.sh")"
"$dotnet" pack "$repo/translator/Cli/Translate.Cli.csproj" -c Release -o "$out" -p:TranslateRuntimeLibrary="$library" -nologo -v quiet "$@"
"$dotnet" pack "$repo/api/Library/Translate.Api.csproj" -c Release -o "$out" -nologo -v quiet "$@"
ls "$out"/*.nupkg
