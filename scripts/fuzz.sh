#!/usr/bin/env bash
# Differential fuzzing: generates COUNT programs from seeds SEED, SEED+1, ..., runs each on interp,
# cpu and opencl (or DEVICES), and saves every difference with its reduction in OUT.
#   scripts/fuzz.sh [COUNT] [SEED] [DEVICES] [OUT]     defaults: 1000 1 interp,cpu,opencl fuzz-findings
#   scripts/fuzz.sh mutate [COUNT] [SEED] [OUT]        mutation fuzzing of the IR reader and CUDA frontend
# Extra settings through the environment: FUZZ_FLAGS (e.g. "--no-reduce --without-returns", "--grid-sync").
# A device that hangs ends the fuzzer's process (a hung thread cannot be taken back); the script
# resumes after that seed. Exit status: 0 when nothing was found, 1 otherwise.
set -euo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet=dotnet
command -v dotnet >/dev/null 2>&1 || dotnet="${DOTNET_ROOT:-$HOME/.dotnet}/dotnet"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
"$dotnet" build "$repo/tools/Fuzz/Translate.Fuzz.csproj" -c Release --nologo -v quiet >/dev/null
fuzz=("$dotnet" "$repo/tools/Fuzz/bin/Release/net10.0/translate-fuzz.dll")
read -r -a flags <<< "${FUZZ_FLAGS:-}"

if [[ "${1:-}" == mutate ]]; then
  count="${2:-10000}" seed="${3:-1}" out="${4:-fuzz-findings}"
  status=0
  "${fuzz[@]}" mutate-ir --count "$count" --seed "$seed" --out "$out" || status=1
  # The frontend runs libclang on each input: about a tenth as many in the same time.
  "${fuzz[@]}" mutate-cuda --count "$(( (count + 9) / 10 ))" --seed "$seed" --out "$out" || status=1
  exit "$status"
fi

count="${1:-1000}" seed="${2:-1}" devices="${3:-interp,cpu,opencl}" out="${4:-fuzz-findings}"
end=$(( seed + count )) found=0
while (( seed < end )); do
  log="$(mktemp)"
  set +e
  "${fuzz[@]}" diff --count "$(( end - seed ))" --seed "$seed" --devices "$devices" --out "$out" "${flags[@]}" | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  (( status == 1 || status == 3 )) && found=1
  # After a hang the process may also die on its way out (the hung device thread is still running): resume anyway.
  resume="$(sed -n 's/.*resume with --seed \([0-9]*\).*/\1/p' "$log" | tail -1)"
  if (( status == 3 )) || [[ -n "$resume" ]]; then
    found=1 seed="$resume"
    rm -f "$log"
    [[ -n "$seed" ]] || exit 1
  else
    rm -f "$log"
    (( status <= 1 )) || exit "$status"
    break
  fi
done
exit "$found"
