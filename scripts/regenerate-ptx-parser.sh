#!/usr/bin/env bash
# Regenerates the PTX parser (translator/Frontend/Ptx/Grammar/Generated) from Ptx.g4 with antlr-ng, the ANTLR 4.13
# tool in TypeScript, fetched from the npm registry into a scratch folder (nothing is installed into the repository).
# The generated C# runs on Antlr4.Runtime.Standard 4.13. Commit the result with the grammar change.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
grammar="$here/translator/Frontend/Ptx/Grammar"
tool="${TMPDIR:-/tmp}/translate-antlr-ng"
version=1.0.10
if [ ! -x "$tool/node_modules/.bin/antlr-ng" ]; then
  mkdir -p "$tool"
  (cd "$tool" && npm install --silent --no-audit --no-fund "antlr-ng@$version" >/dev/null)
fi
out="$(mktemp -d)"
(cd "$grammar" && "$tool/node_modules/.bin/antlr-ng" -Dlanguage=CSharp --package Translate.Frontend.Ptx.Grammar \
  --generate-listener false --generate-visitor true -o "$out" Ptx.g4)
rm -rf "$grammar/Generated"
mkdir -p "$grammar/Generated"
ls "$out"/*.cs >/dev/null || { echo "antlr-ng produced no parser" >&2; exit 1; }
# The parser is the frontend's own business: its types are internal, not part of the assembly's surface.
for f in "$out"/*.cs; do
  sed -e 's/^public \(partial \)\{0,1\}\(class\|interface\)/internal \1\2/' "$f" > "$grammar/Generated/$(basename "$f")"
done
rm -rf "$out"
echo "regenerated $(ls "$grammar/Generated" | wc -l) files in $grammar/Generated"
