#!/usr/bin/env bash
# make format [FILES="a.swift b.swift"]: rewrite Swift files in place with swift-format and the
# rules in .swift-format. Without FILES it rewrites the whole tree (Package.swift, Sources/,
# Tests/, Fuzz/); `make lint` checks the same files.
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
