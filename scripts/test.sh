#!/usr/bin/env bash
# Runs the whole test suite: prepares the machine (scripts/setup.sh), then `dotnet test`.
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter FullyQualifiedName~Cli
set -euo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/setup.sh"

# Build mode's CUDA runtime library (NativeAOT, minutes on this machine) is built beside the test build rather than by
# the first test that needs it, while the others needing it wait (obj/native: no clash with the test build's outputs).
# A failure here is reported by those tests, which run the same script again.
mkdir -p "$repo/.build"
"$repo/scripts/build-runtime.sh" >/dev/null 2>"$repo/.build/runtime-prebuild.log" &

dotnet=dotnet
command -v dotnet >/dev/null 2>&1 || dotnet="${DOTNET_ROOT:-$HOME/.dotnet}/dotnet"
DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 exec "$dotnet" test "$repo/Translate.sln" -c Release --no-restore "$@"
