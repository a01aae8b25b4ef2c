#!/usr/bin/env bash
# make format [FILES="a.swift b.swift"]: rewrite Swift files in place with swift-format and the
# rules in .swift-format. Without FILES it rewrites the whole tree (Package.swift, Sources/,
# Tests/, Fuzz/): do that only in a quiet moment (it touches nearly every file), then commit it
# alone and add the files to scripts/lint-files.txt (or drop the list; see docs/ARCHITECTURE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'Package.swift' 'Sources/*.swift' 'Tests/*.swift' 'Fuzz/*.swift' \
    | grep -v '^Sources/KaderTUI/DisplayWidthTable.swift$')
fi
swift format format --in-place --configuration .swift-format "${files[@]}"
echo "format: ${#files[@]} files"
