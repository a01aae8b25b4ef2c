#!/usr/bin/env bash
# make lint: swift-format (rules in .swift-format: 120 columns, no force unwraps or try!) on every
# Swift file git knows (Package.swift, Sources, Tests, Fuzz), plus the rule that every
# `swift-format-ignore` carries its reason on the comment line just above it.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files 'Package.swift' 'Sources/*.swift' 'Tests/*.swift' 'Fuzz/*.swift')
[ ${#files[@]} -gt 0 ] || { echo "lint: no files"; exit 1; }

status=0
swift format lint --strict --configuration .swift-format "${files[@]}" || status=1

# An exception needs a reason: the line above `// swift-format-ignore…` must be a comment
# that is not itself a directive.
for f in "${files[@]}"; do
  awk -v file="$f" '
    /\/\/ swift-format-ignore/ {
      if (prev !~ /^[[:space:]]*\/\// || prev ~ /swift-format-ignore/) {
        printf "%s:%d: swift-format-ignore without a reason on the line above\n", file, NR; bad = 1
      }
    }
    { prev = $0 }
    END { exit bad }' "$f" || status=1
done

if [ $status -eq 0 ]; then echo "lint: ${#files[@]} files clean"; fi
exit $status
